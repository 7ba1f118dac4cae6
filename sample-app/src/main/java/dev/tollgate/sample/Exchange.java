package dev.tollgate.sample;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** One request and its response: request id, query, bearer token, JSON in and out. */
final class Exchange {

    /** The default correlation header; SAMPLE_REQUEST_ID_HEADER names another. */
    static final String REQUEST_ID = "X-Request-Id";
    private static final int MAX_BODY_BYTES = 64 * 1024;
    // Visible ASCII only, so an echoed id can never split a header or a log line.
    private static final Pattern ACCEPTABLE_REQUEST_ID = Pattern.compile("[\\x21-\\x7E]{1,200}");

    private final HttpExchange raw;
    private final String requestId;
    private int status;

    Exchange(HttpExchange raw) {
        this(raw, REQUEST_ID);
    }

    /** Correlated by {@code requestIdHeader}: the caller's id if it sent an acceptable one, else a new one; echoed back. */
    Exchange(HttpExchange raw, String requestIdHeader) {
        this.raw = raw;
        String offered = raw.getRequestHeaders().getFirst(requestIdHeader);
        this.requestId = offered != null && ACCEPTABLE_REQUEST_ID.matcher(offered).matches()
                ? offered : UUID.randomUUID().toString();
        raw.getResponseHeaders().set(requestIdHeader, requestId);
    }

    String requestId() {
        return requestId;
    }

    String method() {
        return raw.getRequestMethod();
    }

    String path() {
        return raw.getRequestURI().getPath();
    }

    /** The status sent, or 0 while nothing has been. */
    int status() {
        return status;
    }

    Optional<String> query(String name) {
        String query = raw.getRequestURI().getRawQuery();
        if (query == null) {
            return Optional.empty();
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            if (key.equals(name)) {
                return Optional.of(equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    Optional<String> bearerToken() {
        String authorization = raw.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = authorization.substring(7).trim();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }

    /** The first value of a request header, if sent and not blank. */
    Optional<String> header(String name) {
        String value = raw.getRequestHeaders().getFirst(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    /** A cookie the request carries, by name. */
    Optional<String> cookie(String name) {
        for (String line : raw.getRequestHeaders().getOrDefault("Cookie", java.util.List.of())) {
            for (String pair : line.split(";")) {
                String trimmed = pair.trim();
                if (trimmed.startsWith(name + "=") && trimmed.length() > name.length() + 1) {
                    return Optional.of(trimmed.substring(name.length() + 1));
                }
            }
        }
        return Optional.empty();
    }

    String contentType() {
        return header("Content-Type").orElse("").toLowerCase(java.util.Locale.ROOT);
    }

    /** An application/x-www-form-urlencoded body as fields (the first value of each). */
    Map<String, String> formBody() throws ApiException, IOException {
        byte[] body;
        try (InputStream in = raw.getRequestBody()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length > MAX_BODY_BYTES) {
            throw new ApiException(413, "request body exceeds " + MAX_BODY_BYTES + " bytes");
        }
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                fields.putIfAbsent(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return fields;
    }

    JsonNode jsonBody() throws ApiException, IOException {
        byte[] body;
        try (InputStream in = raw.getRequestBody()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length > MAX_BODY_BYTES) {
            throw new ApiException(413, "request body exceeds " + MAX_BODY_BYTES + " bytes");
        }
        if (body.length == 0) {
            throw ApiException.badRequest("request body is empty; expected JSON");
        }
        try {
            return Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("request body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    void json(int statusCode, JsonNode body) throws IOException {
        byte[] bytes = Json.MAPPER.writeValueAsBytes(body);
        raw.getResponseHeaders().set("Content-Type", "application/json");
        send(statusCode, bytes);
    }

    void text(int statusCode, String contentType, String body) throws IOException {
        raw.getResponseHeaders().set("Content-Type", contentType);
        send(statusCode, body.getBytes(StandardCharsets.UTF_8));
    }

    void empty(int statusCode) throws IOException {
        send(statusCode, null);
    }

    void error(int statusCode, String message, Map<String, String> headers) throws IOException {
        headers.forEach((name, value) -> raw.getResponseHeaders().set(name, value));
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("error", message);
        body.put("status", statusCode);
        body.put("requestId", requestId);
        json(statusCode, body);
    }

    void header(String name, String value) {
        raw.getResponseHeaders().set(name, value);
    }

    void close() {
        raw.close();
    }

    private void send(int statusCode, byte[] bytes) throws IOException {
        status = statusCode;
        boolean noBody = bytes == null || statusCode == 204 || "HEAD".equals(method());
        raw.sendResponseHeaders(statusCode, noBody ? -1 : bytes.length);
        if (!noBody) {
            try (OutputStream out = raw.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
