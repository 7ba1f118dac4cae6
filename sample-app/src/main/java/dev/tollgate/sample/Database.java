package dev.tollgate.sample;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.regex.Pattern;

/** Opens the connection pool, turning an unreachable database into a one-line startup error. */
final class Database {

    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)([?&]password=)[^&]*");
    private static final int CONNECT_TIMEOUT_SECONDS = 5;

    private Database() {
    }

    static HikariDataSource open(Settings settings) {
        String url = settings.requireDatabaseUrl();
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new StartupException(ExitCode.USAGE, "DATABASE_URL must be a PostgreSQL JDBC URL such as"
                    + " jdbc:postgresql://127.0.0.1:5432/sample, got '" + redact(url) + "'.");
        }
        // Probe with one plain connection first: the pool would report the same failure as a stack trace.
        probe(settings, url);
        HikariConfig config = new HikariConfig();
        config.setPoolName("sample-app");
        config.setJdbcUrl(url);
        config.setUsername(settings.databaseUser());
        config.setPassword(settings.databasePassword());
        config.setMaximumPoolSize(8);
        config.setMinimumIdle(1);
        // Short, so that /ready answers NOT_READY promptly while the database is down.
        config.setConnectionTimeout(3_000);
        config.addDataSourceProperty("connectTimeout", CONNECT_TIMEOUT_SECONDS);
        return new HikariDataSource(config);
    }

    /** The URL with any password parameter masked, fit for logs and error messages. */
    static String redact(String url) {
        return url == null ? null : PASSWORD_PARAMETER.matcher(url).replaceAll("$1***");
    }

    private static void probe(Settings settings, String url) {
        Properties properties = new Properties();
        if (settings.databaseUser() != null) {
            properties.setProperty("user", settings.databaseUser());
        }
        if (settings.databasePassword() != null) {
            properties.setProperty("password", settings.databasePassword());
        }
        properties.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
        try (Connection connection = DriverManager.getConnection(url, properties)) {
            if (!connection.isValid(CONNECT_TIMEOUT_SECONDS)) {
                throw new SQLException("the connection opened but did not answer");
            }
        } catch (SQLException e) {
            throw new StartupException(ExitCode.UNAVAILABLE, "Cannot connect to the database at "
                    + redact(url) + (settings.databaseUser() == null ? "" : " as " + settings.databaseUser())
                    + ": " + oneLine(e.getMessage()));
        }
    }

    static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s*\\R\\s*", " ").trim();
    }
}
