package dev.tollgate.check.authz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.tollgate.check.CheckContext;
import dev.tollgate.check.CheckResult;
import dev.tollgate.check.Evidence;
import dev.tollgate.check.Status;
import dev.tollgate.model.AuthzSpec;
import dev.tollgate.model.CheckSpec;
import dev.tollgate.model.Profile;
import dev.tollgate.model.Release;
import dev.tollgate.model.ServiceSpec;
import dev.tollgate.model.SourcePosition;
import dev.tollgate.model.SubjectSpec;
import dev.tollgate.model.Variables;
import dev.tollgate.system.DatabaseEndpoint;
import dev.tollgate.system.RunningService;

/**
 * A deliberately broken handler: its DELETE answers a viewer 403, as it should, but deletes the
 * item first. The status alone looks right; only reading the item back shows the harm. The owner
 * signs in through a login flow, the viewer has a token, and neither may show up in the report.
 */
class DeniedButChangedTest {

    private static final String OWNER_PASSWORD = "pw-owner-5b1d";
    private static final String OWNER_TOKEN = "tok-owner-from-login-77c2";
    private static final String VIEWER_TOKEN = "tok-viewer-0a9e";

    private final Map<Long, String> items = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/login", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean ok = body.contains("\"username\":\"olivia\"") && body.contains("\"password\":\"" + OWNER_PASSWORD + "\"");
            answer(exchange, ok ? 200 : 401, ok ? "{\"token\":\"" + OWNER_TOKEN + "\"}" : "{\"error\":\"bad credentials\"}");
        });
        server.createContext("/items", this::items);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void items(HttpExchange exchange) throws IOException {
        String auth = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization")).orElse("");
        String role = auth.equals("Bearer " + OWNER_TOKEN) ? "owner" : auth.equals("Bearer " + VIEWER_TOKEN) ? "viewer" : null;
        if (role == null) {
            answer(exchange, 401, "{\"error\":\"who are you\"}");
            return;
        }
        String[] parts = exchange.getRequestURI().getPath().split("/");
        String method = exchange.getRequestMethod();
        if (parts.length == 2 && method.equals("POST") && role.equals("owner")) {
            long id = ids.incrementAndGet();
            items.put(id, "thing");
            answer(exchange, 201, "{\"id\":" + id + ",\"name\":\"thing\"}");
            return;
        }
        long id = parts.length > 2 ? Long.parseLong(parts[2]) : -1;
        if (!items.containsKey(id)) {
            answer(exchange, 404, "{\"error\":\"no item " + id + "\"}");
        } else if (method.equals("GET")) {
            answer(exchange, 200, "{\"id\":" + id + ",\"name\":\"" + items.get(id) + "\"}");
        } else if (method.equals("DELETE")) {
            items.remove(id);  // the defect: deleted before anyone asked who may
            answer(exchange, role.equals("owner") ? 204 : 403, role.equals("owner") ? "" : "{\"error\":\"forbidden\"}");
        } else if (method.equals("PUT") && role.equals("owner")) {
            items.put(id, "renamed");
            answer(exchange, 200, "{\"id\":" + id + ",\"name\":\"renamed\"}");
        } else {
            answer(exchange, 403, "{\"error\":\"forbidden\"}");
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    @Test
    void aDenialThatChangedTheResourceIsReportedAsSuch(@TempDir Path dir) throws IOException {
        Path matrix = dir.resolve("items.matrix.yaml");
        Files.writeString(matrix, """
                resources:
                  item:
                    create: POST /items
                    body: { name: thing }
                    as: owner
                cases:
                  - request: DELETE /items/${item}
                    status: 204
                    expect: "owner: allow; viewer, anonymous: deny"
                  - request: PUT /items/${item}
                    body: { name: renamed }
                    status: 200
                    expect: "owner: allow; others: deny"
                """);

        CheckResult result = new AuthzCheck().run(new CheckSpec("authz", null, Map.of("matrix", matrix.toString()),
                new SourcePosition(dir.resolve("items.suite.yaml"), 7, 5)), context());

        assertEquals(Status.FAILED, result.status(), result.message());
        assertTrue(result.message().startsWith("1 of 6 authorization cases wrong: viewer DELETE /items/${item}"
                + " (items.matrix.yaml:7): the request was to be denied, yet item "), result.message());
        assertTrue(result.message().contains(" changed: GET /items/") && result.message().contains("answered 200 before, 404 after"),
                result.message());
        List<String> names = result.evidence().stream().map(Evidence::name).toList();
        assertTrue(names.stream().anyMatch(name -> name.startsWith("FAILED viewer: DELETE /items/"))
                && names.stream().anyMatch(name -> name.startsWith("FAILED viewer: read back before: GET /items/"))
                && names.stream().anyMatch(name -> name.startsWith("FAILED viewer: read back after: GET /items/")), names.toString());
        String table = result.evidence().get(0).content();
        assertTrue(table.lines().anyMatch(line -> line.matches("failed +viewer +DELETE /items/\\$\\{item} +deny +403 .*")), table);
        assertTrue(table.lines().filter(line -> line.startsWith("passed")).count() == 5, table);
        String shown = result.message() + result.evidence().stream().map(Evidence::content).collect(Collectors.joining("\n"));
        for (String secret : List.of(OWNER_PASSWORD, OWNER_TOKEN, VIEWER_TOKEN)) {
            assertFalse(shown.contains(secret), "report shows a secret: " + shown);
        }
    }

    @Test
    void aLoginThatFailsIsBrokenNamingTheSubjectNotThePassword(@TempDir Path dir) throws IOException {
        Path matrix = dir.resolve("items.matrix.yaml");
        Files.writeString(matrix, "cases:\n  - request: GET /items/1\n    expect: \"owner: allow\"\n");
        CheckResult result = new AuthzCheck().run(new CheckSpec("authz", null, Map.of("matrix", matrix.toString()),
                new SourcePosition(dir.resolve("items.suite.yaml"), 1, 1)), context(Map.of("OWNER_PASSWORD", "wrong-pw-3f")));
        assertEquals(Status.BROKEN, result.status(), result.message());
        assertTrue(result.message().startsWith("subject 'owner' could not log in as olivia: POST /login answered 401"),
                result.message());
        assertFalse(result.message().contains("wrong-pw-3f"), result.message());
    }

    private CheckContext context() {
        return context(Map.of("OWNER_PASSWORD", OWNER_PASSWORD));
    }

    private CheckContext context(Map<String, String> variables) {
        Map<String, SubjectSpec> subjects = new java.util.LinkedHashMap<>();
        subjects.put("owner", new SubjectSpec(null, null, new SubjectSpec.LoginSpec("/login", null, "olivia",
                "${OWNER_PASSWORD}", null, null, null), null, null, null));
        subjects.put("viewer", SubjectSpec.ofToken(VIEWER_TOKEN));
        subjects.put("anonymous", SubjectSpec.anonymousSubject());
        Profile profile = new Profile("broken-handler", "local", null, new ServiceSpec(List.of("none"), null, null, null, null,
                null, null, null), null, subjects, AuthzSpec.defaults(), null);
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
        RunningService service = new RunningService(new Release("broken"), base, null, Map.of());
        Variables values = Variables.of(variables);
        return new CheckContext() {
            @Override
            public Profile profile() {
                return profile;
            }

            @Override
            public Optional<RunningService> service() {
                return Optional.of(service);
            }

            @Override
            public DatabaseEndpoint database() {
                throw new UnsupportedOperationException("this service keeps no database");
            }

            @Override
            public Variables variables() {
                return values;
            }

            @Override
            public void capture(String name, String value) {
            }
        };
    }
}
