package dev.tollgate.check.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the service logged about one request, found by the request id it answered with: a 500 says
 * "see the service log", and the person reading the verdict should not have to.
 */
final class RequestLog {

    private static final List<String> ID_HEADERS = List.of("X-Request-Id", "Request-Id", "X-Correlation-Id");
    private static final Pattern ID_IN_BODY = Pattern.compile("\"(?:requestId|request_id|traceId)\"\\s*:\\s*\"([^\"]{6,})\"");
    private static final Pattern TROUBLE = Pattern.compile("(?i)\\b(error|exception|fatal|panic)\\b");
    // The timestamp and thread in front of a line say nothing the reader needs in a one-line message.
    private static final Pattern PREFIX = Pattern.compile("^\\S*\\d{2}:\\d{2}:\\d{2}\\S*\\s+(\\[[^\\]]*\\]\\s+)?");
    private static final int MAX_LENGTH = 300;

    private RequestLog() {
    }

    /** {@code ; the service logged: ERROR Router - GET … failed …: column "name" does not exist}, or empty. */
    static String explain(HttpExchange exchange, Optional<Path> log) {
        if (exchange.status() < 500 || log.isEmpty() || !Files.isReadable(log.get())) {
            return "";
        }
        // The profile's correlation header as the service answered it, else the id Tollgate sent in it, else the usual ones.
        Optional<String> id = exchange.header(HttpExchange.correlationHeader())
                .or(() -> ID_HEADERS.stream().map(exchange::header).flatMap(Optional::stream).findFirst())
                .or(() -> Optional.of(ID_IN_BODY.matcher(exchange.body() == null ? "" : exchange.body()))
                        .filter(java.util.regex.Matcher::find).map(matcher -> matcher.group(1)))
                .or(exchange::requestId);
        if (id.isEmpty()) {
            return "";
        }
        try (Stream<String> lines = Files.lines(log.get(), StandardCharsets.UTF_8)) {
            return lines.filter(line -> line.contains(id.get()) && TROUBLE.matcher(line).find()).findFirst()
                    .map(line -> PREFIX.matcher(line).replaceFirst("").strip())
                    .map(line -> "; the service logged: " + (line.length() > MAX_LENGTH ? line.substring(0, MAX_LENGTH) + "…" : line))
                    .orElse("");
        } catch (IOException | UncheckedIOException e) {
            return "";  // the log is evidence attached anyway; a message without it is still true
        }
    }
}
