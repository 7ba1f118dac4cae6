package dev.tollgate.system;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

import org.apiguardian.api.API;

/**
 * Where the service's database is, as the harness reaches it.
 *
 * @param host     host name or address
 * @param port     TCP port
 * @param name     database name
 * @param user     user name
 * @param password password; never written to reports
 * @param readOnly every session is read-only: PostgreSQL is told so when the connection opens
 *                 ({@code default_transaction_read_only=on}) and the driver too
 *                 ({@link Connection#setReadOnly}), so a write fails in the server whatever the
 *                 statement — the database of a deployment Tollgate did not make is never changed
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record DatabaseEndpoint(String host, int port, String name, String user, String password, boolean readOnly) {

    /**
     * How the {@code application_name} of every session Tollgate itself opens on a release's database
     * starts (the lock probe's), so ending a stopped release's sessions can tell them from the release's.
     */
    public static final String OWN_SESSION_PREFIX = "tollgate-";

    /** The server setting that makes every transaction of a session read-only. */
    static final String READ_ONLY_OPTIONS = "-c default_transaction_read_only=on";

    public DatabaseEndpoint(String host, int port, String name, String user, String password) {
        this(host, port, name, user, password, false);
    }

    /** The URL without credentials; a read-only endpoint's carries the read-only session option. */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + name
                + (readOnly ? "?options=" + READ_ONLY_OPTIONS.replace(" ", "%20") : "");
    }

    public DatabaseEndpoint withName(String otherDatabase) {
        return new DatabaseEndpoint(host, port, otherDatabase, user, password, readOnly);
    }

    public Connection connect() throws SQLException {
        return connect(null);
    }

    /**
     * A connection whose session names itself ({@code application_name}), as the server's session
     * list shows it; {@code null} leaves the driver's name.
     */
    public Connection connect(String applicationName) throws SQLException {
        Properties properties = new Properties();
        if (applicationName != null) {
            properties.setProperty("ApplicationName", applicationName);
        }
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        if (readOnly) {
            properties.setProperty("options", READ_ONLY_OPTIONS);
        }
        Connection connection = DriverManager.getConnection(jdbcUrl(), properties);
        if (readOnly) {
            try {
                connection.setReadOnly(true);
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
        }
        return connection;
    }

    @Override
    public String toString() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + name + " as " + user + (readOnly ? ", read-only" : "");
    }
}
