package dev.tollgate.check.http;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.apiguardian.api.API;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tollgate.check.Secrets;
import dev.tollgate.model.SubjectTokens;
import dev.tollgate.model.Variables;
import dev.tollgate.model.Profile;
import dev.tollgate.model.SubjectSpec;
import dev.tollgate.model.SubjectSpec.LoginSpec;
import dev.tollgate.model.SubjectSpec.OAuth2Spec;
import dev.tollgate.system.RunningService;

/**
 * The credential headers each subject is sent with, for everything that sends requests as a subject
 * (the authz matrix, {@code http}'s {@code as:} and so seed fixtures, the version check). A
 * credential the service hands out (a login's token or session cookie, an OAuth2 access token) is
 * obtained when the subject is first used, kept for the service that issued it, and obtained again
 * when it expires or the service answers 401 to it. Every value it handles is
 * {@linkplain Secrets#remember remembered}, so no writer shows one.
 */
@API(status = EXPERIMENTAL, since = "0.2")
public final class SubjectCredentials {

    /**
     * A credential fetched this recently is not renewed on a 401: the service refuses this subject,
     * it has not forgotten it. Renewing (and resending) only older ones keeps a denied change from
     * being sent twice.
     */
    static final Duration FRESH = Duration.ofSeconds(10);
    /** Renewed this long before the token endpoint says it expires. */
    private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Per service start and subject: what the service handed out, until it expires. */
    private static final Map<String, Obtained> OBTAINED = new ConcurrentHashMap<>();

    private record Obtained(Map<String, String> headers, Instant at, Instant expires) {
        boolean valid(Instant now) {
            return expires == null || now.isBefore(expires);
        }
    }

    private final Map<String, SubjectSpec> subjects;
    private final Profile profile;
    private final Variables variables;
    private final RunningService service;
    private final Duration timeout;

    public SubjectCredentials(Map<String, SubjectSpec> subjects, Profile profile, Variables variables, RunningService service,
            Duration timeout) {
        this.subjects = new LinkedHashMap<>(subjects);
        this.profile = profile;
        this.variables = variables;
        this.service = service;
        this.timeout = timeout;
    }

    /** For the profile's own subjects. */
    public static SubjectCredentials of(Profile profile, Variables variables, RunningService service, Duration timeout) {
        return new SubjectCredentials(profile.subjects(), profile, variables, service, timeout);
    }

    public boolean knows(String subject) {
        return subjects.containsKey(subject);
    }

    public boolean anonymous(String subject) {
        return spec(subject).isAnonymous();
    }

    /**
     * The headers that carry the subject's credentials (none for an anonymous subject), obtaining
     * them from the service first when that is how.
     *
     * @throws IllegalArgumentException naming the subject, what was asked and the fix, never a value
     */
    public Map<String, String> headers(String subject) {
        SubjectSpec spec = spec(subject);
        if (spec.isAnonymous()) {
            return Map.of();
        }
        if (!spec.obtained()) {
            return present(subject, spec);
        }
        String key = key(subject);
        Obtained held = OBTAINED.get(key);
        if (held == null || !held.valid(Instant.now())) {
            held = obtain(subject, spec);
            OBTAINED.put(key, held);
        }
        return held.headers();
    }

    /**
     * After the service answered 401 to a credential it handed out: forgets it, so the next
     * {@link #headers} obtains a new one. Returns whether the request is worth sending again (the
     * credential was not just obtained).
     */
    public boolean unauthorized(String subject) {
        SubjectSpec spec = subjects.get(subject);
        if (spec == null || !spec.obtained()) {
            return false;
        }
        Obtained held = OBTAINED.remove(key(subject));
        return held != null && held.at().plus(FRESH).isBefore(Instant.now());
    }

    /** Forgets every credential this JVM obtained (a restore discarded the sessions, say). */
    public static void forgetAll() {
        OBTAINED.clear();
    }

    private SubjectSpec spec(String subject) {
        SubjectSpec spec = subjects.get(subject);
        if (spec == null) {
            throw new IllegalArgumentException("no subject '" + subject + "' in " + profile.describe()
                    + "; subjects: " + String.join(", ", subjects.keySet()));
        }
        return spec;
    }

    private String key(String subject) {
        return service.baseUri() + "|" + service.release().id() + "|" + subject + "|" + System.identityHashCode(subjects.get(subject));
    }

    /** The subject's own secret: token, tokenFile or a generated one. */
    private Optional<String> ownSecret(String subject, SubjectSpec spec) {
        Optional<String> secret = SubjectTokens.of(subject, spec, profile, variables);
        secret.ifPresent(Secrets::remember);
        return secret;
    }

    private Map<String, String> present(String subject, SubjectSpec spec) {
        if (spec.basic() != null) {
            String username = variables.resolve(spec.basic().username());
            String password = spec.basic().password() != null ? variables.resolve(spec.basic().password())
                    : ownSecret(subject, spec).orElseThrow(() -> new IllegalArgumentException("subject '" + subject
                            + "' (basic) has no password: set basic.password, or token/tokenFile"));
            Secrets.remember(password);
            String encoded = Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
            Secrets.rememberCredential("Basic " + encoded);
            return Map.of("Authorization", "Basic " + encoded);
        }
        String token = ownSecret(subject, spec).orElseThrow(() -> new IllegalArgumentException("subject '" + subject
                + "' has no token: set token, tokenFile or generate: true"));
        return asHeader(spec, token);
    }

    private static Map<String, String> asHeader(SubjectSpec spec, String token) {
        String name = spec.header() == null ? "Authorization" : spec.header().name();
        String prefix = spec.header() == null ? "Bearer " : spec.header().prefix();
        Secrets.remember(token);
        return Map.of(name, prefix + token);
    }

    private Obtained obtain(String subject, SubjectSpec spec) {
        return spec.oauth2() != null ? oauth2(subject, spec, spec.oauth2()) : login(subject, spec, spec.login());
    }

    private Obtained login(String subject, SubjectSpec spec, LoginSpec login) {
        String username = variables.resolve(login.username() == null ? "" : login.username());
        String password = login.password() != null ? variables.resolve(login.password())
                : ownSecret(subject, spec).orElse("");
        Secrets.remember(password);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(login.usernameField(), username);
        fields.put(login.passwordField(), password);
        login.fields().forEach((name, value) -> fields.put(name, variables.resolve(value)));
        HttpExchange exchange = post(subject, "log in as " + username, login.method(), address(login.path()), fields, login.form());
        if (spec.cookie() != null) {
            Optional<String> cookie = exchange.is2xx() || exchange.status() / 100 == 3 ? cookie(exchange, spec.cookie())
                    : Optional.empty();
            if (cookie.isEmpty()) {
                throw new IllegalArgumentException("subject '" + subject + "' could not log in as " + username + ": "
                        + exchange.describe() + " answered " + exchange.summary() + (exchange.is2xx() ? "; no Set-Cookie "
                        + spec.cookie() + " in the answer (set cookie: to the session cookie's name)" : ""));
            }
            Secrets.remember(cookie.get());
            return new Obtained(Map.of("Cookie", spec.cookie() + "=" + cookie.get()), Instant.now(), null);
        }
        Optional<String> token = exchange.is2xx() ? text(exchange.body(), login.tokenPath()) : Optional.empty();
        if (token.isEmpty()) {
            throw new IllegalArgumentException("subject '" + subject + "' could not log in as " + username + ": "
                    + exchange.describe() + " answered " + exchange.summary()
                    + (exchange.is2xx() ? "; no token at JSON path '" + login.tokenPath() + "' (set login.tokenPath)" : ""));
        }
        return new Obtained(asHeader(spec, token.get()), Instant.now(), null);
    }

    private Obtained oauth2(String subject, SubjectSpec spec, OAuth2Spec oauth2) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", oauth2.grant());
        form.put("client_id", variables.resolve(oauth2.clientId()));
        String clientSecret = oauth2.clientSecret() != null ? variables.resolve(oauth2.clientSecret())
                : oauth2.grant().equals("client_credentials") ? ownSecret(subject, spec).orElse(null) : null;
        if (clientSecret != null) {
            Secrets.remember(clientSecret);
            form.put("client_secret", clientSecret);
        }
        String who = form.get("client_id");
        if (oauth2.grant().equals("password")) {
            who = variables.resolve(oauth2.username());
            String password = oauth2.password() != null ? variables.resolve(oauth2.password())
                    : ownSecret(subject, spec).orElseThrow(() -> new IllegalArgumentException("subject '" + subject
                            + "' (oauth2 password grant) has no password: set oauth2.password, or token/tokenFile"));
            Secrets.remember(password);
            form.put("username", who);
            form.put("password", password);
        }
        if (oauth2.scope() != null) {
            form.put("scope", variables.resolve(oauth2.scope()));
        }
        Instant asked = Instant.now();
        HttpExchange exchange = post(subject, "get an OAuth2 token (" + oauth2.grant() + ") as " + who, "POST",
                address(oauth2.tokenUrl()), form, true);
        JsonNode answer = tree(exchange.body());
        String token = answer.path("access_token").asText("");
        if (!exchange.is2xx() || token.isEmpty()) {
            throw new IllegalArgumentException("subject '" + subject + "' could not get an OAuth2 token (" + oauth2.grant()
                    + ") as " + who + ": " + exchange.describe() + " answered " + exchange.summary()
                    + (exchange.is2xx() ? "; the answer has no access_token (RFC 6749 section 5.1)" : ""));
        }
        Secrets.remember(token);
        Secrets.remember(answer.path("refresh_token").asText(""));
        Secrets.remember(answer.path("id_token").asText(""));
        long seconds = answer.path("expires_in").asLong(0);
        Instant expires = seconds > 0 ? asked.plusSeconds(seconds).minus(EXPIRY_MARGIN) : null;
        return new Obtained(asHeader(spec, token), Instant.now(), expires);
    }

    private HttpExchange post(String subject, String what, String method, URI uri, Map<String, String> fields, boolean form) {
        String body;
        if (form) {
            // RFC 6749 section 4.3.2 / 4.4.2: application/x-www-form-urlencoded, UTF-8 (appendix B)
            body = fields.entrySet().stream().map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                    .collect(Collectors.joining("&"));
        } else {
            try {
                body = JSON.writeValueAsString(fields);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", form ? "application/x-www-form-urlencoded" : "application/json");
        headers.put("Accept", "application/json");
        HttpExchange.Request request = new HttpExchange.Request(method, uri, headers, body, timeout);
        try {
            return HttpExchange.send(request, Secrets.known());
        } catch (HttpExchange.NoAnswer e) {
            throw new IllegalArgumentException("subject '" + subject + "' could not " + what + ": " + request.method() + " "
                    + uri.getRawPath() + " did not answer: " + Secrets.known().mask(String.valueOf(e)));
        }
    }

    /** A path on the service, or a full URL (an identity provider of its own). */
    private URI address(String template) {
        String resolved = variables.resolve(template);
        return resolved.matches("(?i)https?://.*") ? URI.create(resolved) : service.resolve(resolved);
    }

    private static Optional<String> cookie(HttpExchange exchange, String name) {
        return exchange.headers("Set-Cookie").stream()
                .map(value -> value.split(";", 2)[0].strip())
                .filter(pair -> pair.startsWith(name + "="))
                .map(pair -> pair.substring(name.length() + 1))
                .filter(value -> !value.isEmpty())
                .findFirst();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text == null ? "" : text, StandardCharsets.UTF_8);
    }

    private static JsonNode tree(String body) {
        try {
            JsonNode node = JSON.readTree(body == null || body.isBlank() ? "{}" : body);
            return node == null ? JSON.createObjectNode() : node;
        } catch (JsonProcessingException e) {
            return JSON.createObjectNode();
        }
    }

    /** A dot path ({@code data.token}, {@code items.0.id}) of a JSON text. */
    static Optional<String> text(String body, String path) {
        JsonNode node = tree(body);
        for (String part : path.split("\\.")) {
            node = node.isArray() && part.matches("\\d+") ? node.path(Integer.parseInt(part)) : node.path(part);
        }
        return node.isMissingNode() || node.isNull() ? Optional.empty()
                : Optional.of(node.isValueNode() ? node.asText() : node.toString());
    }
}
