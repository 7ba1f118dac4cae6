package dev.tollgate.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tollgate.model.DatabaseSpec;
import dev.tollgate.system.DatabaseEndpoint;

/**
 * The embedded server's two ways in: the service's superuser with a SCRAM password, as a production
 * server asks, and Tollgate's own role with an MD5 one, cheap to connect with. Databases Tollgate
 * makes for the service belong to the service's user, as the one the server made.
 */
class EmbeddedDatabaseRolesTest {

    @TempDir
    Path work;

    @Test
    void theServiceAuthenticatesWithScramAndTollgateWithMd5() throws Exception {
        Files.createDirectories(work.resolve("db"));
        try (EmbeddedDatabase database = EmbeddedDatabase.start(new DatabaseSpec("app", 0, Map.of()), work.resolve("db/pgdata"),
                work.resolve("db/postgres.log"), "test profile")) {
            DatabaseEndpoint service = database.serviceEndpoint();
            DatabaseEndpoint own = database.endpoint();
            assertEquals("postgres", service.user());
            assertEquals(ServerPasswords.OWN_ROLE, own.user());
            assertNotEquals(service.password(), own.password());
            assertEquals("postgres", value(service, "select current_user"));
            assertEquals("SCRAM-SHA-256", value(own, "select split_part(rolpassword, '$', 1) from pg_authid where rolname = 'postgres'"));
            assertEquals("md5", value(own, "select left(rolpassword, 3) from pg_authid where rolname = '" + ServerPasswords.OWN_ROLE + "'"));

            // A password is still needed, each role's own.
            SQLException wrong = assertThrows(SQLException.class, () -> value(new DatabaseEndpoint(service.host(), service.port(),
                    service.name(), service.user(), own.password()), "select 1"));
            assertTrue(wrong.getMessage().contains("password authentication failed"), wrong.getMessage());

            database.recreate();
            String owner = "select pg_get_userbyid(datdba) from pg_database where datname = ";
            assertEquals("postgres", value(own, owner + "'app'"));
            DatabaseEndpoint reference = database.createEmpty("reference");
            assertEquals(ServerPasswords.OWN_ROLE, reference.user());
            assertEquals("postgres", value(own, owner + "'reference'"));
            database.cloneInto("copy");
            database.replaceFrom("copy");
            assertEquals("postgres", value(own, owner + "'app'"));
        }
    }

    private static String value(DatabaseEndpoint endpoint, String sql) throws SQLException {
        try (Connection connection = endpoint.connect(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }
}
