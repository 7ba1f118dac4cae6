package dev.tollgate.runtime;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;

import org.apiguardian.api.API;

import dev.tollgate.api.ErrorCode;
import dev.tollgate.api.TollgateException;
import dev.tollgate.system.DatabaseEndpoint;

/**
 * Makes an embedded server that trusts every local connection require passwords over TCP, one for
 * each way in: the service's superuser gets a SCRAM password, as a production server asks (a service
 * that does not pass its password, or whose driver cannot do SCRAM, fails here too, and the run has
 * a real secret that must never reach a report: the secret scan looks for it); Tollgate's own role,
 * {@value #OWN_ROLE}, a superuser with an MD5 password. A SCRAM handshake costs the client some 15 ms
 * of CPU (4096 rounds of HMAC-SHA-256, in Java code the client compiler leaves without the SHA
 * intrinsics), and Tollgate connects some ninety times in the release gate, where an MD5 handshake
 * costs 3 ms. Public for the release-gate benchmark, whose peer script's server is set up the same way.
 */
@API(status = INTERNAL, since = "0.3")
public final class ServerPasswords {

    /** The role Tollgate itself connects as: snapshots, checks, backups, clean-up. */
    public static final String OWN_ROLE = "tollgate";

    private static final SecureRandom RANDOM = new SecureRandom();

    private ServerPasswords() {
    }

    /** The server's two ways in, each with its password. */
    public record Endpoints(DatabaseEndpoint own, DatabaseEndpoint service) {
    }

    /**
     * @param trust     the server as its superuser reaches it without a password, before this
     * @param superuser the service's user
     */
    public static Endpoints require(DatabaseEndpoint trust, String superuser, Path dataDirectory, Path logFile) {
        String password = newPassword();
        String ownPassword = newPassword();
        // Base64url has no quote to escape. The session turns statement logging off first, so the
        // passwords stay out of postgres.log whatever log_statement the profile's settings choose.
        try (Connection connection = trust.withName("postgres").connect(); Statement statement = connection.createStatement()) {
            statement.execute("SET log_statement = 'none'");
            statement.execute("ALTER ROLE " + superuser + " PASSWORD '" + password + "'");
            statement.execute("SET password_encryption = 'md5'");
            statement.execute("CREATE ROLE " + OWN_ROLE + " SUPERUSER LOGIN PASSWORD '" + ownPassword + "'");
            writeHba(dataDirectory);
            statement.execute("SELECT pg_reload_conf()");
        } catch (SQLException e) {
            // Not the statement: it may hold a password.
            throw new TollgateException(ErrorCode.RUNTIME_DATABASE_START_FAILED, "The embedded PostgreSQL refused the"
                    + " run's passwords for " + superuser + " and " + OWN_ROLE + ", or to reload its pg_hba.conf: "
                    + e.getSQLState() + ". Its log is " + logFile + ".", e);
        }
        return new Endpoints(new DatabaseEndpoint(trust.host(), trust.port(), trust.name(), OWN_ROLE, ownPassword),
                new DatabaseEndpoint(trust.host(), trust.port(), trust.name(), superuser, password));
    }

    private static void writeHba(Path dataDirectory) {
        try {
            Files.writeString(dataDirectory.resolve("pg_hba.conf"), "# Written by Tollgate: a password over TCP.\n"
                    + "local all all trust\n"
                    + "host all " + OWN_ROLE + " 127.0.0.1/32 md5\n"
                    + "host all " + OWN_ROLE + " ::1/128 md5\n"
                    + "host all all 127.0.0.1/32 scram-sha-256\n"
                    + "host all all ::1/128 scram-sha-256\n");
        } catch (IOException e) {
            throw new TollgateException(ErrorCode.RUNTIME_DATABASE_START_FAILED, "Cannot write "
                    + dataDirectory.resolve("pg_hba.conf") + ": " + e.getMessage(), e);
        }
    }

    private static String newPassword() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return "tgdb-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
