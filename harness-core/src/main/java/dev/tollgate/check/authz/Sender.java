package dev.tollgate.check.authz;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tollgate.check.http.HttpExchange;
import dev.tollgate.model.Variables;
import dev.tollgate.system.RunningService;

/**
 * Sends a matrix's requests as a subject, with a request id of its own so the audit log can be
 * asked about it. Paths and bodies are templates: {@code ${resource}} is an id, anything else a
 * suite variable.
 */
final class Sender {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RunningService service;
    private final Credentials credentials;
    private final Variables variables;
    private final Duration timeout;

    Sender(RunningService service, Credentials credentials, Variables variables, Duration timeout) {
        this.service = service;
        this.credentials = credentials;
        this.variables = variables;
        this.timeout = timeout;
    }

    /** Whether the subject sends no credentials. */
    boolean anonymous(String subject) {
        return credentials.anonymous(subject);
    }

    /** A fresh request id, recognisable in a service's log as the harness's. */
    static String requestId() {
        return "tollgate-authz-" + UUID.randomUUID();
    }

    /**
     * Sends {@code method path} as {@code subject}.
     *
     * @throws HttpExchange.NoAnswer when nothing answers
     */
    HttpExchange send(String subject, String method, String path, Object body, Map<String, String> ids, String requestId) {
        HttpExchange exchange = sendOnce(subject, method, path, body, ids, requestId);
        if (exchange.status() == 401 && credentials.renewAfterUnauthorized(subject)) {
            // the service forgot a session or token it handed out earlier (a restore, an expiry): once more, freshly
            exchange = sendOnce(subject, method, path, body, ids, requestId);
        }
        return exchange;
    }

    private HttpExchange sendOnce(String subject, String method, String path, Object body, Map<String, String> ids,
            String requestId) {
        Map<String, String> headers = new LinkedHashMap<>(credentials.headers(subject));
        headers.put(HttpExchange.correlationHeader(), requestId);  // the profile's requestId.header
        String text = null;
        if (body != null) {
            headers.put("Content-Type", "application/json");
            try {
                text = JSON.writeValueAsString(resolve(body, ids));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("cannot send the body of " + method + " " + path + " as JSON: " + e.getMessage());
            }
        }
        HttpExchange.Request request = new HttpExchange.Request(method, service.resolve(path(path, ids)), headers, text, timeout);
        return HttpExchange.send(request, credentials.secrets());
    }

    /** The path with ids and variables filled in. */
    String path(String template, Map<String, String> ids) {
        return text(template, ids);
    }

    private String text(String template, Map<String, String> ids) {
        Matcher matcher = Matrix.REFERENCE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String value = ids.containsKey(name) ? ids.get(name) : variables.resolve(matcher.group());
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** Fills templates in every string of a YAML value, keeping its shape. */
    Object resolve(Object value, Map<String, String> ids) {
        return map(value, text -> text(text, ids));
    }

    private static Object map(Object value, UnaryOperator<String> strings) {
        if (value instanceof String text) {
            return strings.apply(text);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(item -> copy.add(map(item, strings)));
            return copy;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, item) -> copy.put(String.valueOf(key), map(item, strings)));
            return copy;
        }
        return value;
    }
}
