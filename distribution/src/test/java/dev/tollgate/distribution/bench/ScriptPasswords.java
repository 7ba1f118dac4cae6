package dev.tollgate.distribution.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The script's database server asks for passwords as the local profile's server does: the service's
 * user a SCRAM password, the script's own psql an MD5 one (Tollgate's own role has MD5 too). A server
 * that trusted the service made each of its ten starts about 0.15 s of CPU cheaper in the script than
 * in Tollgate's run (the driver's SCRAM handshake, 4096 rounds of HMAC-SHA-256 in a JVM that has
 * compiled nothing yet): work of the service's, not Tollgate's, that only one side did.
 */
record ScriptPasswords(String service, String script) {

    /** The role bench/lifecycle.sh's psql connects as. */
    static final String SCRIPT_ROLE = "script";

    private static final SecureRandom RANDOM = new SecureRandom();

    static ScriptPasswords require(EmbeddedPostgres postgres) throws SQLException, IOException {
        ScriptPasswords passwords = new ScriptPasswords(newPassword(), newPassword());
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("SET log_statement = 'none'");
            statement.execute("ALTER ROLE postgres PASSWORD '" + passwords.service() + "'");
            statement.execute("SET password_encryption = 'md5'");
            statement.execute("CREATE ROLE " + SCRIPT_ROLE + " SUPERUSER LOGIN PASSWORD '" + passwords.script() + "'");
            Files.writeString(hbaFile(statement), "local all all trust\n"
                    + "host all " + SCRIPT_ROLE + " 127.0.0.1/32 md5\n"
                    + "host all all 127.0.0.1/32 scram-sha-256\n");
            statement.execute("SELECT pg_reload_conf()");
        }
        return passwords;
    }

    private static Path hbaFile(Statement statement) throws SQLException {
        try (java.sql.ResultSet row = statement.executeQuery("SHOW hba_file")) {
            row.next();
            return Path.of(row.getString(1));
        }
    }

    /** What bench/lifecycle.sh reads: psql's password, and the user and password the service is given. */
    Map<String, String> environment() {
        return Map.of("PGPASSWORD", script, "SERVICE_DATABASE_USER", "postgres", "SERVICE_DATABASE_PASSWORD", service);
    }

    private static String newPassword() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return "bench-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
