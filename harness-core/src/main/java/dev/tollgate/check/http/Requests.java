package dev.tollgate.check.http;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tollgate.check.CheckConfig;
import dev.tollgate.check.Secrets;
import dev.tollgate.model.Profile;
import dev.tollgate.model.SubjectSpec;
import dev.tollgate.system.RunningService;

/** Turns an {@code http} check's settings into the request to send, and the secrets it carries. */
final class Requests {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The request, and the secrets to mask in what is shown of it (its bearer token, say).
     *
     * @param subject     the profile subject it is sent as, if any
     * @param credentials where that subject's credentials came from, to renew them after a 401
     */
    record Built(HttpExchange.Request request, Secrets secrets, String subject, SubjectCredentials credentials) {

        /** Whether the service refused a credential it handed out earlier, so a fresh one is worth a second try. */
        boolean renewAfter(HttpExchange exchange) {
            return exchange.status() == 401 && credentials != null && credentials.unauthorized(subject);
        }
    }

    private Requests() {
    }

    static Built build(CheckConfig config, Map<String, Object> raw, RunningService service, Secrets secrets) {
        return build(config, raw, service, secrets, null);
    }

    /**
     * {@code as:} names a subject of the profile (sent as its credential model says: bearer, a header,
     * basic, a login's token or session cookie, an OAuth2 token), or is a bearer token itself.
     */
    static Built build(CheckConfig config, Map<String, Object> raw, RunningService service, Secrets secrets, Profile profile) {
        String method = config.string("method", "GET").trim().toUpperCase(Locale.ROOT);
        String path = config.string("path").orElseThrow(() -> config.invalid("path", "a path like /api/v1/items", ""));
        String query = query(config);
        URI uri;
        try {
            // port: a named port of service.ports (a management port), else the main one
            uri = service.resolve(config.string("port").orElse(null), path + (query.isEmpty() ? "" : (path.contains("?") ? "&" : "?") + query));
        } catch (IllegalArgumentException e) {
            throw config.invalid("port", "a named port of the profile's service.ports", config.string("port").orElse(""));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        config.map("headers").forEach((name, value) -> headers.put(name, config.resolve(String.valueOf(value))));
        Secrets all = secrets;
        Duration timeout = config.duration("timeout", HttpExchange.DEFAULT_TIMEOUT);
        Optional<String> token = config.string("as");
        SubjectSpec subject = profile == null ? null : token.map(profile.subjects()::get).orElse(null);
        if (subject != null) {
            String name = token.get();
            SubjectCredentials credentials = SubjectCredentials.of(profile, config.variables(), service, timeout);
            Map<String, String> presented = credentials.headers(name);
            presented.keySet().forEach(header -> headers.keySet().removeIf(header::equalsIgnoreCase));
            headers.putAll(presented);
            for (String value : presented.values()) {
                all = all.and(value);
            }
            String body = body(config, resolved(raw.get("body"), config), headers);
            return new Built(new HttpExchange.Request(method, uri, headers, body, timeout), all, name, credentials);
        }
        if (token.isPresent()) {
            headers.keySet().removeIf(name -> name.equalsIgnoreCase("Authorization"));
            headers.put("Authorization", "Bearer " + token.get());
            all = all.and(token.get());
        }
        String body = body(config, resolved(raw.get("body"), config), headers);
        return new Built(new HttpExchange.Request(method, uri, headers, body, timeout), all, null, null);
    }

    /** Whether a method changes nothing on the server, by HTTP's own definition of safe methods. */
    static boolean safe(Object method) {
        String name = method == null ? "GET" : String.valueOf(method).trim().toUpperCase(Locale.ROOT);
        return name.equals("GET") || name.equals("HEAD") || name.equals("OPTIONS");
    }

    /** Resolves {@code ${…}} in every string of a YAML value, keeping its shape. */
    static Object resolved(Object value, CheckConfig config) {
        if (value instanceof String text) {
            return config.resolve(text);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(item -> copy.add(resolved(item, config)));
            return copy;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, item) -> copy.put(String.valueOf(key), resolved(item, config)));
            return copy;
        }
        return value;
    }

    private static String query(CheckConfig config) {
        StringJoiner query = new StringJoiner("&");
        config.map("query").forEach((name, value) -> {
            for (Object item : value instanceof List<?> list ? list : List.of(String.valueOf(value))) {
                query.add(encode(name) + "=" + encode(config.resolve(String.valueOf(item))));
            }
        });
        return query.toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A string body is sent as written; a map or list as JSON. Content-Type follows unless the suite set it. */
    private static String body(CheckConfig config, Object body, Map<String, String> headers) {
        if (body == null) {
            return null;
        }
        String text;
        if (body instanceof Map<?, ?> || body instanceof List<?>) {
            try {
                text = JSON.writeValueAsString(body);
            } catch (JsonProcessingException e) {
                throw config.invalid("body", "a string, or a map or list to send as JSON", String.valueOf(body));
            }
        } else {
            text = String.valueOf(body);
        }
        if (headers.keySet().stream().noneMatch(name -> name.equalsIgnoreCase("Content-Type"))) {
            String start = text.stripLeading();
            boolean json = !(body instanceof String) || start.startsWith("{") || start.startsWith("[");
            headers.put("Content-Type", json ? "application/json" : "text/plain; charset=UTF-8");
        }
        return text;
    }
}
