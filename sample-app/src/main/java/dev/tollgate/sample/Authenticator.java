package dev.tollgate.sample;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;

/**
 * How callers prove who they are, one mode per deployment ({@code SAMPLE_AUTH}), so the harness
 * is tested against each shape real services use. Every mode proves a subject by its
 * {@code SAMPLE_SUBJECTS} token:
 * <ul>
 * <li>{@code bearer}: {@code Authorization: Bearer <token>};</li>
 * <li>{@code api-key}: {@code X-Api-Key: <token>};</li>
 * <li>{@code basic}: {@code Authorization: Basic base64(name:token)};</li>
 * <li>{@code oauth2}: {@code POST /oauth/token}, form-encoded (RFC 6749): {@code grant_type=password} with
 *     {@code username=name, password=token}, or {@code client_credentials} with {@code client_id=name,
 *     client_secret=token}; answers an access token for {@code Authorization: Bearer};</li>
 * <li>{@code cookie}: {@code POST /api/v1/login} with {@code username=name, password=token} (form or JSON);
 *     answers {@code Set-Cookie: SAMPLE_SESSION=…}.</li>
 * </ul>
 * In every mode but bearer, a bare subject token as a bearer token is refused: a harness that
 * sends the wrong shape is found out.
 */
final class Authenticator {

    enum Mode {
        BEARER, API_KEY, BASIC, OAUTH2, COOKIE;

        static Mode parse(String value) {
            if (value == null) {
                return BEARER;
            }
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new StartupException(ExitCode.USAGE, "SAMPLE_AUTH must be one of bearer, api-key, basic, oauth2,"
                        + " cookie; got '" + value + "'.");
            }
        }
    }

    static final String API_KEY_HEADER = "X-Api-Key";
    static final String SESSION_COOKIE = "SAMPLE_SESSION";
    /** Short on purpose: a harness that caches a token must notice when it expires. */
    static final Duration TOKEN_LIFETIME = Duration.ofSeconds(300);
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Issued(Subject subject, Instant expires) {
    }

    private final Mode mode;
    private final Subjects subjects;
    private final Map<String, Issued> issued = new ConcurrentHashMap<>();

    Authenticator(Mode mode, Subjects subjects) {
        this.mode = mode;
        this.subjects = subjects;
    }

    Mode mode() {
        return mode;
    }

    /** The caller the request's credentials prove, if any. */
    Optional<Subject> subject(Exchange exchange) {
        return switch (mode) {
            case BEARER -> exchange.bearerToken().flatMap(subjects::authenticate);
            case API_KEY -> exchange.header(API_KEY_HEADER).flatMap(subjects::authenticate);
            case BASIC -> exchange.header("Authorization").flatMap(this::basic);
            case OAUTH2 -> exchange.bearerToken().flatMap(this::issuedTo);
            case COOKIE -> exchange.cookie(SESSION_COOKIE).flatMap(this::issuedTo);
        };
    }

    /** Whether the request carries credentials of this mode's shape at all (401 says "missing" or "invalid"). */
    boolean presented(Exchange exchange) {
        return switch (mode) {
            case BEARER, OAUTH2 -> exchange.bearerToken().isPresent();
            case API_KEY -> exchange.header(API_KEY_HEADER).isPresent();
            case BASIC -> exchange.header("Authorization").isPresent();
            case COOKIE -> exchange.cookie(SESSION_COOKIE).isPresent();
        };
    }

    /** What a 401 tells the caller to send. */
    String challenge() {
        return switch (mode) {
            case BEARER -> "authentication required: send Authorization: Bearer <token>";
            case API_KEY -> "api key required: send " + API_KEY_HEADER + ": <key>";
            case BASIC -> "authentication required: send Authorization: Basic";
            case OAUTH2 -> "authentication required: get a token from POST /oauth/token and send Authorization: Bearer";
            case COOKIE -> "authentication required: log in with POST /api/v1/login";
        };
    }

    String scheme() {
        return switch (mode) {
            case BASIC -> "Basic realm=\"sample\"";
            case API_KEY -> "ApiKey";
            case COOKIE -> "Session";
            default -> "Bearer";
        };
    }

    void register(Router router) {
        if (mode == Mode.OAUTH2) {
            router.add("POST", "/oauth/token", this::token);
        }
        if (mode == Mode.COOKIE) {
            router.add("POST", "/api/v1/login", this::login);
        }
    }

    /** RFC 6749 4.3 and 4.4: form-encoded only, errors as section 5.2 says. */
    private void token(Exchange exchange, Matcher path) throws Exception {
        if (!exchange.contentType().startsWith("application/x-www-form-urlencoded")) {
            exchange.json(400, Json.MAPPER.createObjectNode().put("error", "invalid_request")
                    .put("error_description", "Missing form parameter: grant_type"));
            return;
        }
        Map<String, String> form = exchange.formBody();
        String grant = form.getOrDefault("grant_type", "");
        Optional<Subject> subject = switch (grant) {
            case "password" -> proven(form.get("username"), form.get("password"));
            case "client_credentials" -> proven(form.get("client_id"), form.get("client_secret"));
            default -> null;
        };
        if (subject == null) {
            exchange.json(400, Json.MAPPER.createObjectNode().put("error", "unsupported_grant_type"));
            return;
        }
        if (subject.isEmpty()) {
            exchange.json(401, Json.MAPPER.createObjectNode().put("error", "invalid_grant"));
            return;
        }
        ObjectNode body = Json.MAPPER.createObjectNode()
                .put("access_token", issue(subject.get()))
                .put("token_type", "Bearer")
                .put("expires_in", TOKEN_LIFETIME.toSeconds());
        if (grant.equals("password")) {
            body.put("refresh_token", issue(subject.get()));
        }
        exchange.header("Cache-Control", "no-store");
        exchange.json(200, body);
    }

    private void login(Exchange exchange, Matcher path) throws Exception {
        Map<String, String> fields = exchange.contentType().startsWith("application/x-www-form-urlencoded")
                ? exchange.formBody() : Json.MAPPER.convertValue(exchange.jsonBody(),
                        Json.MAPPER.getTypeFactory().constructMapType(Map.class, String.class, String.class));
        Optional<Subject> subject = proven(fields.get("username"), fields.get("password"));
        if (subject.isEmpty()) {
            exchange.error(401, "wrong user name or password", Map.of());
            return;
        }
        exchange.header("Set-Cookie", SESSION_COOKIE + "=" + issue(subject.get()) + "; Path=/; HttpOnly; SameSite=Strict");
        exchange.json(200, Json.MAPPER.createObjectNode().put("user", subject.get().name()));
    }

    private Optional<Subject> proven(String name, String secret) {
        if (name == null || secret == null) {
            return Optional.empty();
        }
        return subjects.authenticate(secret).filter(subject -> subject.name().equals(name));
    }

    private Optional<Subject> basic(String authorization) {
        if (!authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        return colon < 0 ? Optional.empty() : proven(decoded.substring(0, colon), decoded.substring(colon + 1));
    }

    private String issue(Subject subject) {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        issued.put(value, new Issued(subject, Instant.now().plus(TOKEN_LIFETIME)));
        return value;
    }

    private Optional<Subject> issuedTo(String value) {
        Issued found = issued.get(value);
        if (found == null || Instant.now().isAfter(found.expires())) {
            return Optional.empty();
        }
        return Optional.of(found.subject());
    }
}
