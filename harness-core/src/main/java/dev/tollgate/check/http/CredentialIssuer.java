package dev.tollgate.check.http;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tollgate.check.Secrets;
import dev.tollgate.model.SubjectSpec;
import dev.tollgate.model.SubjectSpec.LoginSpec;
import dev.tollgate.model.SubjectSpec.OAuth2Spec;
import dev.tollgate.model.Variables;
import dev.tollgate.system.RunningService;

/**
 * Obtains a credential the service (or its identity provider) hands out: logs a subject in, or
 * asks an OAuth2 token endpoint, and keeps every value it sees {@linkplain Secrets#remember
 * remembered}. How long a credential is kept is {@link SubjectCredentials}'s.
 */
final class CredentialIssuer {

    /** Renewed this long before the token endpoint says it expires. */
    private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the service handed out, when, and until when ({@code null}: until it answers 401). */
    record Obtained(Map<String, String> headers, Instant at, Instant expires) {
        boolean valid(Instant now) {
            return expires == null || now.isBefore(expires);
        }
    }

    private final Variables variables;
    private final RunningService service;
    private final Duration timeout;
    /** The subject's own secret (token, tokenFile or a generated one), remembered. */
    private final BiFunction<String, SubjectSpec, Optional<String>> ownSecret;

    CredentialIssuer(Variables variables, RunningService service, Duration timeout,
            BiFunction<String, SubjectSpec, Optional<String>> ownSecret) {
        this.variables = variables;
        this.service = service;
        this.timeout = timeout;
        this.ownSecret = ownSecret;
    }

    Obtained obtain(String subject, SubjectSpec spec) {
        return spec.oauth2() != null ? oauth2(subject, spec, spec.oauth2()) : login(subject, spec, spec.login());
    }

    private Obtained login(String subject, SubjectSpec spec, LoginSpec login) {
        String username = variables.resolve(login.username() == null ? "" : login.username());
        String password = login.password() != null ? variables.resolve(login.password())
                : ownSecret.apply(subject, spec).orElse("");
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
        Optional<String> token = exchange.is2xx() ? DotPath.text(exchange.body(), login.tokenPath()) : Optional.empty();
        if (token.isEmpty()) {
            throw new IllegalArgumentException("subject '" + subject + "' could not log in as " + username + ": "
                    + exchange.describe() + " answered " + exchange.summary()
                    + (exchange.is2xx() ? "; no token at JSON path '" + login.tokenPath() + "' (set login.tokenPath)" : ""));
        }
        return new Obtained(SubjectCredentials.asHeader(spec, token.get()), Instant.now(), null);
    }

    private Obtained oauth2(String subject, SubjectSpec spec, OAuth2Spec oauth2) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", oauth2.grant());
        form.put("client_id", variables.resolve(oauth2.clientId()));
        String clientSecret = oauth2.clientSecret() != null ? variables.resolve(oauth2.clientSecret())
                : oauth2.grant().equals("client_credentials") ? ownSecret.apply(subject, spec).orElse(null) : null;
        if (clientSecret != null) {
            Secrets.remember(clientSecret);
            form.put("client_secret", clientSecret);
        }
        String who = form.get("client_id");
        if (oauth2.grant().equals("password")) {
            who = variables.resolve(oauth2.username());
            String password = oauth2.password() != null ? variables.resolve(oauth2.password())
                    : ownSecret.apply(subject, spec).orElseThrow(() -> new IllegalArgumentException("subject '" + subject
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
        return new Obtained(SubjectCredentials.asHeader(spec, token), Instant.now(), expires);
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

}
