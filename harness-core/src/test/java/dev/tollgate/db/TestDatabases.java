package dev.tollgate.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.tollgate.system.DatabaseEndpoint;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * One embedded PostgreSQL per test class, and a fresh database per test: {@code CREATE DATABASE} is
 * far cheaper than a server, and no test sees another's tables.
 */
public final class TestDatabases implements BeforeAllCallback, AfterAllCallback {

    private final AtomicInteger created = new AtomicInteger();
    private EmbeddedPostgres postgres;

    private TestDatabases() {
    }

    /** Register with {@code @RegisterExtension static final}: the server starts before the class and stops after it. */
    public static TestDatabases perClass() {
        return new TestDatabases();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        // The server's own chatter helps nobody reading a test run; its failures still surface as exceptions.
        System.setProperty("org.slf4j.simpleLogger.log.io.zonky.test.db.postgres", "warn");
        try {
            postgres = (EmbeddedPostgres.builder()
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setOutputRedirector(ProcessBuilder.Redirect.DISCARD)
                    .setErrorRedirector(ProcessBuilder.Redirect.DISCARD)
                    .start());
        } catch (IOException e) {
            throw new UncheckedIOException("the embedded PostgreSQL did not start", e);
        }
    }

    /** A new, empty database with the statements run in it. */
    public DatabaseEndpoint create(String... statements) {
        String name = "test_" + created.incrementAndGet();
        DatabaseEndpoint database = new DatabaseEndpoint("localhost", postgres.getPort(), name, "postgres", "");
        execute(database.withName("postgres"), "CREATE DATABASE " + name);
        execute(database, statements);
        return database;
    }

    public static void execute(DatabaseEndpoint database, String... statements) {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("statement failed in " + database + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }
}
