package dev.tollgate.runtime;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import org.apiguardian.api.API;

/**
 * Where the service's database is, as the harness reaches it.
 *
 * @param host     host name or address
 * @param port     TCP port
 * @param name     database name
 * @param user     user name
 * @param password password; never written to reports
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record DatabaseEndpoint(String host, int port, String name, String user, String password) {

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + name;
    }

    public DatabaseEndpoint withName(String otherDatabase) {
        return new DatabaseEndpoint(host, port, otherDatabase, user, password);
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), user, password);
    }

    @Override
    public String toString() {
        return jdbcUrl() + " as " + user;
    }
}
