package dev.tollgate.check.http;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

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
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apiguardian.api.API;

import dev.tollgate.check.Evidence;
import dev.tollgate.check.Secrets;
import dev.tollgate.runtime.SystemWait;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * One HTTP request and its answer, kept as evidence. Values are held as sent and received, so
 * checks can assert on them; everything shown ({@link #summary()}, {@link #evidence()}) has
 * credential headers and the given {@link Secrets} masked.
 */
@API(status = EXPERIMENTAL, since = "0.1")
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

    /** A plain GET with the default timeout. */
    public static HttpExchange get(URI uri) {
        return send(Request.get(uri), Secrets.none());
    }

    /**
     * Sends the request and waits for the answer.
     *
     * @throws RuntimeException when nothing answers (RestAssured throws {@code ConnectException} and
     *                          {@code SocketTimeoutException} undeclared; callers catch {@code Exception})
     */
    /**
     * Loads and initializes the HTTP stack (RestAssured and its Groovy runtime take seconds the first
     * time) by sending one request to a closed loopback port, so the first check of a run does not pay
     * for it. Meant for a background thread at the start of a run; never fails.
     */
    public static void warmUp() {
        try {
            send(new Request("GET", URI.create("http://127.0.0.1:9/tollgate-warm-up"), Map.of(), null, Duration.ofMillis(200)),
                    Secrets.none());
        } catch (Exception expected) {
            // nothing listens there: the point was to load the classes on the way
        }
    }

    /**
     * Apache's client resends a request without a body (GET, but also DELETE) when the connection
     * breaks after it was sent. A check must send what its evidence says, once: a resent DELETE is a
     * second change, and a second audit row, that the suite never asked for.
     */
    @SuppressWarnings("deprecation")  // RestAssured builds on the HttpClient 4 API
    private static org.apache.http.impl.client.DefaultHttpClient sendingOnce() {
        org.apache.http.impl.client.DefaultHttpClient client = new org.apache.http.impl.client.DefaultHttpClient();
        client.setHttpRequestRetryHandler(new org.apache.http.impl.client.DefaultHttpRequestRetryHandler(0, false));
        return client;
    }

    public static HttpExchange send(Request request, Secrets secrets) {
        int millis = (int) Math.min(Integer.MAX_VALUE, request.timeout().toMillis());
        AtomicReference<SystemWait.Interval> waiting = new AtomicReference<>();
        RestAssuredConfig config = RestAssuredConfig.config()
                .httpClient(HttpClientConfig.httpClientConfig()
                        .httpClientFactory(() -> timedClient(waiting))
                        .setParam("http.connection.timeout", millis)
                        .setParam("http.socket.timeout", millis))
                // Send the Content-Type exactly as the suite wrote it.
                .encoderConfig(EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false));
        AtomicReference<List<Map.Entry<String, String>>> sent = new AtomicReference<>(List.of());
        RequestSpecification spec = RestAssured.given().config(config).urlEncodingEnabled(false)
                // Records the headers RestAssured really sends (its defaults included), for the evidence.
                .filter((requestSpec, responseSpec, context) -> {
                    sent.set(requestSpec.getHeaders().asList().stream()
                            .map(header -> Map.entry(header.getName(), header.getValue())).toList());
                    return context.next(requestSpec, responseSpec);
                });
        request.headers().forEach(spec::header);
        if (request.body() != null) {
            spec.body(request.body().getBytes(StandardCharsets.UTF_8));
        }
        long started = System.nanoTime();
        Response response;
        try {
            response = spec.request(request.method(), request.uri());
        } finally {
            closeWait(waiting);  // no answer (refused, timed out): the wait ends with the attempt
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        List<Map.Entry<String, String>> received = response.getHeaders().asList().stream()
                .map(header -> Map.entry(header.getName(), header.getValue())).toList();
        String text = new String(response.asByteArray(), charset(response.getContentType()));
        Secrets all = secrets;
        for (Map.Entry<String, String> header : request.headers().entrySet()) {
            all = Secrets.isSecretHeader(header.getKey()) ? withCredential(all, header.getValue()) : all;
        }
        return new HttpExchange(request, sent.get(), response.statusCode(), received, text, elapsed, all);
    }

    /**
     * The client RestAssured would make, timing the wait on the service: from the moment the request
     * is handed to the connection to the moment the answer's head is in, so RestAssured's own work
     * (building the request, its Groovy runtime, reading the body into a response) stays Tollgate's.
     */
    @SuppressWarnings("deprecation")  // DefaultHttpClient is what RestAssured's own factory makes
    private static org.apache.http.client.HttpClient timedClient(AtomicReference<SystemWait.Interval> waiting) {
        org.apache.http.impl.client.DefaultHttpClient client = sendingOnce();
        client.addRequestInterceptor((sent, context) -> {
            closeWait(waiting);  // a redirect's second request: the first answer is in
            waiting.set(SystemWait.waiting(SystemWait.HTTP));
        });
        client.addResponseInterceptor((received, context) -> closeWait(waiting), 0);
        return client;
    }

    private static void closeWait(AtomicReference<SystemWait.Interval> waiting) {
        SystemWait.Interval interval = waiting.getAndSet(null);
        if (interval != null) {
            interval.close();
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
