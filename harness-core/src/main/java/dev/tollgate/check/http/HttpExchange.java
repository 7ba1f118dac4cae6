package dev.tollgate.check.http;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apiguardian.api.API;

import dev.tollgate.check.Correlation;
import dev.tollgate.check.Evidence;
import dev.tollgate.check.Secrets;

/**
 * One HTTP request and its answer, kept as evidence. Values are held as sent and received, so
 * checks can assert on them; everything shown ({@link #summary()}, {@link #evidence()}) has
 * credential headers and the given {@link Secrets} masked.
 */
@API(status = INTERNAL, since = "0.1")
public final class HttpExchange {

    /** How long one request may take when its caller does not say. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private static final Pattern CHARSET = Pattern.compile("(?i)charset=\"?([^;\"\\s]+)");

    /**
     * What to send.
     *
     * @param method  any HTTP method, upper case
     * @param uri     the full address, query included and already encoded
     * @param headers request headers, in order
     * @param body    the request body, or {@code null} for none
     * @param timeout connect and read timeout
     */
    public record Request(String method, URI uri, Map<String, String> headers, String body, Duration timeout) {

        public Request {
            method = Objects.requireNonNull(method, "method must not be null").toUpperCase(Locale.ROOT);
            Objects.requireNonNull(uri, "uri must not be null");
            headers = headers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
            timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        }

        public static Request get(URI uri) {
            return new Request("GET", uri, Map.of(), null, DEFAULT_TIMEOUT);
        }
    }

    private final Request request;
    private final List<Map.Entry<String, String>> sentHeaders;
    private final int status;
    private final List<Map.Entry<String, String>> headers;
    private final String body;
    private final Duration elapsed;
    private final Secrets secrets;

    private HttpExchange(Request request, List<Map.Entry<String, String>> sentHeaders, int status,
            List<Map.Entry<String, String>> headers, String body, Duration elapsed, Secrets secrets) {
        this.request = request;
        this.sentHeaders = List.copyOf(sentHeaders);
        this.status = status;
        this.headers = List.copyOf(headers);
        this.body = body;
        this.elapsed = elapsed;
        this.secrets = secrets;
    }

    /** Every request from now on carries its correlation id in {@code header}. */
    public static void correlateBy(String header) {
        Correlation.by(header);
    }

    /** The header requests are correlated by. */
    public static String correlationHeader() {
        return Correlation.header();
    }

    /** The id this exchange was sent with, if any. */
    public Optional<String> requestId() {
        return request.headers().entrySet().stream().filter(header -> header.getKey().equalsIgnoreCase(Correlation.header()))
                .map(Map.Entry::getValue).findFirst();
    }

    /** A plain GET with the default timeout. */
    public static HttpExchange get(URI uri) {
        return send(Request.get(uri), Secrets.none());
    }

    /**
     * Loads and initializes the HTTP stack by sending one request to a closed loopback port, so the
     * first check of a run does not pay for it. Meant for a background thread at the start of a run;
     * never fails.
     */
    public static void warmUp() {
        try {
            send(new Request("GET", URI.create("http://127.0.0.1:9/tollgate-warm-up"), Map.of(), null, Duration.ofMillis(200)),
                    Secrets.none());
        } catch (RuntimeException expected) {
            // nothing listens there: the point was to load the classes on the way
        }
    }

    /**
     * Sends the request and waits for the answer.
     *
     * @throws NoAnswer when nothing answers (refused, timed out, the connection broke)
     */
    public static HttpExchange send(Request request, Secrets secrets) {
        request = correlated(request);
        HttpTransport.Answer answer = HttpTransport.send(request);
        // A session cookie or a token a service hands out is a credential from now on, wherever it shows.
        answer.headers().stream().filter(header -> Secrets.isSecretHeader(header.getKey()))
                .forEach(header -> Secrets.rememberCredential(header.getValue()));
        String text = new String(answer.body(), charset(answer.contentType()));
        Secrets all = secrets;
        for (Map.Entry<String, String> header : request.headers().entrySet()) {
            all = Secrets.isSecretHeader(header.getKey()) ? withCredential(all, header.getValue()) : all;
        }
        return new HttpExchange(request, answer.sent(), answer.status(), answer.headers(), text, answer.elapsed(), all);
    }

    /** The request with a fresh correlation id, unless its sender gave one (the authz matrix asks the audit log for its own). */
    private static Request correlated(Request request) {
        String header = Correlation.header();
        if (request.headers().keySet().stream().anyMatch(header::equalsIgnoreCase)) {
            return request;
        }
        Map<String, String> headers = new LinkedHashMap<>(request.headers());
        headers.put(header, "tollgate-" + UUID.randomUUID());
        return new Request(request.method(), request.uri(), headers, request.body(), request.timeout());
    }

    /** Nothing answered the request: its connection was refused, timed out or broke. */
    public static final class NoAnswer extends RuntimeException {

        private static final long serialVersionUID = 1L;

        NoAnswer(IOException cause) {
            super(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage(), cause);
        }

        /** The message alone: callers put it after "did not answer: ". */
        @Override
        public String toString() {
            return getMessage();
        }
    }

    /** A credential header's value, and its token without the scheme ("Bearer …"), may be echoed back. */
    private static Secrets withCredential(Secrets secrets, String value) {
        int space = value.indexOf(' ');
        return secrets.and(value).and(space > 0 ? value.substring(space + 1).trim() : null);
    }

    private static Charset charset(String contentType) {
        Matcher matcher = CHARSET.matcher(contentType == null ? "" : contentType);
        try {
            return matcher.find() ? Charset.forName(matcher.group(1)) : StandardCharsets.UTF_8;
        } catch (IllegalArgumentException e) {
            return StandardCharsets.UTF_8;
        }
    }

    public Request request() {
        return request;
    }

    public int status() {
        return status;
    }

    /** The response body as received (not masked: for assertions, not for reports). */
    public String body() {
        return body;
    }

    public Duration elapsed() {
        return elapsed;
    }

    /** The first response header with this name, any case, as received. */
    public Optional<String> header(String name) {
        return headers.stream().filter(header -> header.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst();
    }

    /** Every response header with this name, any case, as received, in order (Set-Cookie comes in several). */
    public List<String> headers(String name) {
        return headers.stream().filter(header -> header.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).toList();
    }

    public boolean is2xx() {
        return status / 100 == 2;
    }

    /** "GET /path", for names and messages. */
    public String describe() {
        String query = request.uri().getRawQuery();
        return request.method() + " " + secrets.mask(request.uri().getRawPath() + (query == null ? "" : "?" + query));
    }

    /** Status and body on one line, short enough for a failure message; masked. */
    public String summary() {
        String flat = secrets.mask(body).replaceAll("\\s+", " ").trim();
        return status + (flat.isEmpty() ? "" : " " + (flat.length() > 200 ? flat.substring(0, 200) + "…" : flat));
    }

    /** The whole exchange: request line, headers and body, then status, headers and body; masked. */
    public Evidence evidence() {
        StringBuilder text = new StringBuilder(request.method()).append(' ').append(request.uri()).append('\n');
        appendHeaders(text, sentHeaders.isEmpty() ? List.copyOf(request.headers().entrySet()) : sentHeaders);
        if (request.body() != null) {
            text.append('\n').append(request.body()).append('\n');
        }
        text.append("\nHTTP ").append(status).append(" (").append(elapsed.toMillis()).append(" ms)\n");
        appendHeaders(text, headers);
        text.append('\n').append(body);
        return Evidence.text(describe(), secrets.mask(text.toString()));
    }

    private static void appendHeaders(StringBuilder text, List<Map.Entry<String, String>> list) {
        list.forEach(header -> text.append(header.getKey()).append(": ")
                .append(Secrets.headerValue(header.getKey(), header.getValue())).append('\n'));
    }
}
