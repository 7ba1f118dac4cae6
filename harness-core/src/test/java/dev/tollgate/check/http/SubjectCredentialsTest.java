package dev.tollgate.check.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.tollgate.check.Secrets;
import dev.tollgate.model.Variables;
import dev.tollgate.model.Profile;
import dev.tollgate.model.Release;
import dev.tollgate.model.ServiceSpec;
import dev.tollgate.model.SubjectSpec;
import dev.tollgate.model.SubjectSpec.BasicSpec;
import dev.tollgate.model.SubjectSpec.HeaderSpec;
import dev.tollgate.model.SubjectSpec.LoginSpec;
import dev.tollgate.model.SubjectSpec.OAuth2Spec;
import dev.tollgate.system.RunningService;

/**
 * Each kind of credential against a real HTTP server that checks what arrives: the OAuth2 token
 * endpoint reads form-encoded fields as RFC 6749 says and refuses JSON, a login reads a form with an
 * extra field and answers with a nested token, another answers with a session cookie.
 */
class SubjectCredentialsTest {

    private HttpServer server;
    private final List<String> tokenRequests = new CopyOnWriteArrayList<>();
    private final AtomicInteger issued = new AtomicInteger();
    private volatile long expiresIn = 3600;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/oauth/token", exchange -> {
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            tokenRequests.add(body);
            Map<String, String> form = form(body);
            if (type == null || !type.startsWith("application/x-www-form-urlencoded")) {
                answer(exchange, 400, "{\"error\":\"invalid_request\",\"error_description\":\"Missing form parameter: grant_type\"}");
            } else if (form.get("grant_type").equals("password") && form.get("username").equals("vera")
                    && form.get("password").equals("pw&=ü") && form.get("client_id").equals("admin-cli")) {
                answer(exchange, 200, "{\"access_token\":\"at-" + issued.incrementAndGet() + "-x\",\"expires_in\":" + expiresIn
                        + ",\"refresh_token\":\"rt-secret-1\",\"token_type\":\"Bearer\"}");
            } else if (form.get("grant_type").equals("client_credentials") && form.get("client_id").equals("robot")
                    && form.get("client_secret").equals("robot-secret-9") && form.get("scope").equals("missions:read")) {
                answer(exchange, 200, "{\"access_token\":\"cc-" + issued.incrementAndGet() + "-x\",\"token_type\":\"Bearer\"}");
            } else {
                answer(exchange, 401, "{\"error\":\"invalid_grant\"}");
            }
        });
        server.createContext("/login", exchange -> {
            Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            boolean ok = "wes".equals(form.get("user")) && "wes-pw-1".equals(form.get("pass")) && "acme".equals(form.get("tenant"));
            answer(exchange, ok ? 200 : 401, ok ? "{\"data\":{\"session\":{\"token\":\"lt-nested-1\"}}}" : "{}");
        });
        server.createContext("/session", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (body.equals("{\"username\":\"cora\",\"password\":\"cora-own-secret\"}")) {
                exchange.getResponseHeaders().add("Set-Cookie", "theme=dark; Path=/");
                exchange.getResponseHeaders().add("Set-Cookie", "SESSION=sess-abc-123; Path=/; HttpOnly");
                answer(exchange, 204, null);
            } else {
                answer(exchange, 401, "{}");
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        SubjectCredentials.forgetAll();
    }

    @Test
    void oauth2PasswordGrantIsFormEncodedCachedAndFetchedAgainWhenItExpiresOrIsRefused() {
        SubjectCredentials credentials = credentials(Map.of("kc", subject(null, null, null, null,
                new OAuth2Spec("/oauth/token", "password", "admin-cli", null, "vera", "${KC_PASSWORD}", null))));
        assertEquals(Map.of("Authorization", "Bearer at-1-x"), credentials.headers("kc"));
        assertEquals(Map.of("Authorization", "Bearer at-1-x"), credentials.headers("kc"), "cached while it is valid");
        assertEquals(List.of("grant_type=password&client_id=admin-cli&username=vera&password=pw%26%3D%C3%BC"), tokenRequests);
        assertFalse(credentials.unauthorized("kc"), "a token obtained a moment ago is refused for what it is: no resend");
        assertEquals(Map.of("Authorization", "Bearer at-2-x"), credentials.headers("kc"), "but the next request gets a new one");

        expiresIn = 1;  // shorter than the margin: expired as soon as it is issued
        SubjectCredentials.forgetAll();
        credentials.headers("kc");
        credentials.headers("kc");
        assertEquals(4, tokenRequests.size(), "an expired token is fetched again: " + tokenRequests);
        assertEquals("***", Secrets.known().mask("rt-secret-1"), "the refresh token it answered with is a secret");
        assertEquals("***", Secrets.known().mask("pw&=ü"));
    }

    @Test
    void oauth2ClientCredentialsUseTheSubjectsOwnSecretAsClientSecret() {
        SubjectCredentials credentials = credentials(Map.of("robot", subject("robot-secret-9", null, null, null,
                new OAuth2Spec("/oauth/token", "client_credentials", "robot", null, null, null, "missions:read"))));
        assertEquals(Map.of("Authorization", "Bearer cc-1-x"), credentials.headers("robot"));
    }

    @Test
    void aJsonLoginToATokenEndpointIsRefusedWithTheServicesWordsAndNoSecret() {
        SubjectCredentials credentials = credentials(Map.of("kc", new SubjectSpec(null, null, new LoginSpec("/oauth/token", null,
                "vera", "${KC_PASSWORD}", null, null, "access_token"), null, null, null)));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> credentials.headers("kc"));
        assertEquals("subject 'kc' could not log in as vera: POST /oauth/token answered 400 {\"error\":\"invalid_request\","
                + "\"error_description\":\"Missing form parameter: grant_type\"}", refused.getMessage());
    }

    @Test
    void aFormLoginWithExtraFieldsReadsANestedTokenAndSendsItInTheServicesHeader() {
        SubjectSpec wes = new SubjectSpec(null, null, null, new LoginSpec("/login", null, "wes", "wes-pw-1", "user", "pass",
                "data.session.token", true, Map.of("tenant", "acme")), null, null, null, new HeaderSpec("X-Session-Token", null),
                null, null, null);
        assertEquals(Map.of("X-Session-Token", "lt-nested-1"), credentials(Map.of("wes", wes)).headers("wes"));
    }

    @Test
    void aSessionCookieFromTheLoginAnswerIsSentBack() {
        SubjectSpec cora = new SubjectSpec("cora-own-secret", null, null, new LoginSpec("/session", null, "cora", null, null,
                null, null), null, null, null, null, null, "SESSION", null);
        assertEquals(Map.of("Cookie", "SESSION=sess-abc-123"), credentials(Map.of("cora", cora)).headers("cora"));
        assertEquals("***", Secrets.known().mask("sess-abc-123"));
    }

    @Test
    void headerAndBasicSubjectsAreSentAsDeclared() {
        Map<String, SubjectSpec> subjects = new LinkedHashMap<>();
        subjects.put("ops", subject("key-ops-1", new HeaderSpec("X-Api-Key", null), null, null, null));
        subjects.put("token", subject("tok-2", new HeaderSpec("Authorization", "Token "), null, null, null));
        subjects.put("vera", subject("vera-own-pw", null, new BasicSpec("vera", null), null, null));
        subjects.put("nobody", SubjectSpec.anonymousSubject());
        SubjectCredentials credentials = credentials(subjects);
        assertEquals(Map.of("X-Api-Key", "key-ops-1"), credentials.headers("ops"));
        assertEquals(Map.of("Authorization", "Token tok-2"), credentials.headers("token"));
        assertEquals(Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                "vera:vera-own-pw".getBytes(StandardCharsets.UTF_8))), credentials.headers("vera"));
        assertEquals(Map.of(), credentials.headers("nobody"));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> credentials.headers("admin"));
        assertTrue(unknown.getMessage().startsWith("no subject 'admin' in profile 'shapes'; subjects: ops, token, vera, nobody"),
                unknown.getMessage());
    }

    @Test
    void contradictoryShapesAreRefusedWithTheFix() {
        IllegalArgumentException cookieWithoutLogin = assertThrows(IllegalArgumentException.class,
                () -> new SubjectSpec("t", null, null, null, null, null, null, null, null, "SESSION", null));
        assertTrue(cookieWithoutLogin.getMessage().contains("add login:"), cookieWithoutLogin.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new OAuth2Spec("/t", "implicit", "c", null, null, null, null));
        assertThrows(IllegalArgumentException.class, () -> new SubjectSpec("t", "t", null, null, null, null, null, null, null, null, null));
    }

    private static SubjectSpec subject(String token, HeaderSpec header, BasicSpec basic, LoginSpec login, OAuth2Spec oauth2) {
        return new SubjectSpec(token, null, null, login, null, null, null, header, basic, null, oauth2);
    }

    private SubjectCredentials credentials(Map<String, SubjectSpec> subjects) {
        Profile profile = new Profile("shapes", "local", null, new ServiceSpec(List.of("none"), null, null, null, null,
                null, null, null), null, subjects, null, null);
        RunningService service = new RunningService(new Release("1.0.0"),
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"), null, Map.of());
        return SubjectCredentials.of(profile, Variables.of(Map.of("KC_PASSWORD", "pw&=ü")), service, Duration.ofSeconds(5));
    }

    private static Map<String, String> form(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                fields.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return fields;
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }
}
