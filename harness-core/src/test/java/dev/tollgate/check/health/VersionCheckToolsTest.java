package dev.tollgate.check.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.sun.net.httpserver.HttpServer;

import dev.tollgate.check.CheckResult;
import dev.tollgate.check.EvidenceDatabase;
import dev.tollgate.check.Status;
import dev.tollgate.db.ToolTables;
import dev.tollgate.model.MigrationsSpec;
import dev.tollgate.model.Release;
import dev.tollgate.model.VersionSpec;
import dev.tollgate.system.DatabaseEndpoint;
import dev.tollgate.system.RunningService;

/** The {@code version} check compares the reported schema version with each tool's newest applied migration. */
class VersionCheckToolsTest {

    @RegisterExtension
    static final EvidenceDatabase postgres = EvidenceDatabase.perClass();

    private final AtomicReference<String> schemaVersion = new AtomicReference<>();
    private HttpServer server;
    private RunningService service;

    static List<ToolTables> tools() {
        return ToolTables.all();
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/version", exchange -> {
            String json = "{\"version\": \"1.1.0\", \"schemaVersion\": \"" + schemaVersion.get().replace("\\", "\\\\") + "\"}";
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        service = new RunningService(new Release("1.1.0"), URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"),
                Path.of("service.log"), Map.of());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @ParameterizedTest
    @MethodSource("tools")
    void passesWhenTheServiceReportsTheNewestAppliedMigrationAndFailsOtherwise(ToolTables tool) {
        DatabaseEndpoint database = postgres.create(tool.ddl()).database();

        schemaVersion.set(tool.newest());
        CheckResult matching = verify(database, MigrationsSpec.detect());
        schemaVersion.set("0");
        CheckResult behind = verify(database, MigrationsSpec.detect());

        assertEquals(Status.PASSED, matching.status(), matching.message());
        assertEquals(Status.FAILED, behind.status(), behind.message());
        assertTrue(behind.message().startsWith("expected the service to report schema version '" + tool.newest() + "'"),
                behind.message());
    }

    @Test
    void readsTheHistoryWhereTheProfileSays() {
        DatabaseEndpoint database = postgres.create("CREATE SCHEMA app", """
                CREATE TABLE app.db_changes (change_no integer PRIMARY KEY, ok boolean);
                INSERT INTO app.db_changes VALUES (1, true), (2, true);
                """).database();
        schemaVersion.set("2");

        CheckResult undetected = verify(database, MigrationsSpec.detect());
        CheckResult told = verify(database, new MigrationsSpec("generic", "db_changes", "app", "change_no", null, "ok"));

        assertEquals(Status.BROKEN, undetected.status());
        assertTrue(undetected.message().contains("looked in schemas [public, app] for flyway_schema_history"), undetected.message());
        assertEquals(Status.PASSED, told.status(), told.message());
    }

    private CheckResult verify(DatabaseEndpoint database, MigrationsSpec migrations) {
        return VersionCheck.verify(new VersionSpec(null, null, null), service, "1.1.0", database, migrations,
                migrations.isDetect() ? null : "database.migrations in profile.yaml");
    }
}
