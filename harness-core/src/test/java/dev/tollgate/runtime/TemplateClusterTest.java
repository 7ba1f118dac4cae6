package dev.tollgate.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tollgate.model.DatabaseSpec;
import dev.tollgate.system.DatabaseEndpoint;

class TemplateClusterTest {

    @TempDir
    Path work;

    @Test
    void laterDatabasesStartFromACopyOfTheFirstFreshClusterWithoutInitdb() throws Exception {
        DatabaseSpec spec = new DatabaseSpec("app", 0, Map.of());
        try (EmbeddedDatabase first = EmbeddedDatabase.start(spec, work.resolve("one/pgdata"), log("one"), "test profile")) {
            try (EmbeddedDatabase second = EmbeddedDatabase.start(spec, work.resolve("two/pgdata"), log("two"), "test profile")) {
                assertFalse(Files.readString(work.resolve("two.log")).contains("The files belonging to this database system"), "no initdb for the second database:\n"
                        + Files.readString(work.resolve("two.log")));
                assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(work.resolve("two/pgdata"))));
                // Its own server, its own data: what one writes, the other does not see.
                execute(first.endpoint(), "CREATE TABLE only_in_first (id int)");
                assertEquals(1, count(first.endpoint()));
                assertEquals(0, count(second.endpoint()));
                assertTrue(first.endpoint().port() != second.endpoint().port());
            }
        }
    }

    private Path log(String name) throws Exception {
        Files.createDirectories(work.resolve(name));
        return work.resolve(name + ".log");
    }

    private static void execute(DatabaseEndpoint endpoint, String sql) throws Exception {
        try (Connection connection = endpoint.connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static int count(DatabaseEndpoint endpoint) throws Exception {
        try (Connection connection = endpoint.connect(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("select count(*) from pg_tables where tablename = 'only_in_first'")) {
            row.next();
            return row.getInt(1);
        }
    }
}
