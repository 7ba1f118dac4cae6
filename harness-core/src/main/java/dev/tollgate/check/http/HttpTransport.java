package dev.tollgate.check.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.apache.http.Header;
import org.apache.http.HttpRequest;
import org.apache.http.HttpRequestInterceptor;
import org.apache.http.HttpResponseInterceptor;
import org.apache.http.client.config.CookieSpecs;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.RequestBuilder;
import org.apache.http.client.protocol.HttpClientContext;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.impl.NoConnectionReuseStrategy;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.protocol.HttpContext;
import org.apache.http.util.EntityUtils;

import dev.tollgate.system.ServiceConnections;
import dev.tollgate.system.SystemWait;

/**
 * Puts one {@link HttpExchange.Request} on the wire and reads its answer, as bytes and headers;
 * what the answer means (its charset, the credentials it hands out, masking) is
 * {@link HttpExchange}'s. Counts the time from the request's last header to the answer's head as
 * waiting on the service ({@link SystemWait#HTTP}).
 */
final class HttpTransport {

    /**
     * One client for every exchange of the JVM: Apache's HttpClient, the one RestAssured drives,
     * without RestAssured's Groovy layer on top (about ten milliseconds of CPU per request, the
     * largest part of the checks' own time in the release-gate benchmark). Each request has a
     * connection of its own, closed after it: a service stopped between two checks leaves no stale
     * connection behind, and a request is never resent (a resent DELETE is a second change, and a
     * second audit row, that the suite never asked for).
     */
    private static final CloseableHttpClient CLIENT = client();

    private HttpTransport() {
    }

    /**
     * The answer as received.
     *
     * @param sent        the request headers as they went on the wire (empty if none went)
     * @param status      the status code
     * @param headers     the response headers, in order
     * @param body        the response body, empty for none
     * @param contentType the Content-Type header, or {@code null}
     * @param elapsed     from sending to the last byte of the body
     */
    record Answer(List<Map.Entry<String, String>> sent, int status, List<Map.Entry<String, String>> headers, byte[] body,
            String contentType, Duration elapsed) {
    }

    /**
     * Sends the request and waits for the answer.
     *
     * @throws HttpExchange.NoAnswer when nothing answers (refused, timed out, the connection broke)
     */
    static Answer send(HttpExchange.Request request) {
        int millis = (int) Math.min(Integer.MAX_VALUE, request.timeout().toMillis());
        RequestBuilder builder = RequestBuilder.create(request.method()).setUri(request.uri())
                .setConfig(RequestConfig.custom().setConnectTimeout(millis).setSocketTimeout(millis)
                        .setConnectionRequestTimeout(millis).setCookieSpec(CookieSpecs.IGNORE_COOKIES).build());
        if (request.headers().keySet().stream().noneMatch("Accept"::equalsIgnoreCase)) {
            builder.addHeader("Accept", "*/*");
        }
        request.headers().forEach(builder::addHeader);
        if (request.headers().keySet().stream().noneMatch("Connection"::equalsIgnoreCase)) {
            builder.addHeader("Connection", "close");  // as it is: each exchange has a connection of its own
        }
        if (request.body() != null) {
            // The suite's Content-Type header (Requests adds one) goes as written, no charset appended.
            builder.setEntity(new ByteArrayEntity(request.body().getBytes(StandardCharsets.UTF_8)));
        }
        HttpClientContext context = HttpClientContext.create();
        Wire wire = new Wire();
        context.setAttribute(Wire.KEY, wire);
        long started = System.nanoTime();
        try (CloseableHttpResponse response = CLIENT.execute(builder.build(), context)) {
            byte[] bytes = response.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(response.getEntity());
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            List<Map.Entry<String, String>> received = Arrays.stream(response.getAllHeaders())
                    .map(header -> Map.entry(header.getName(), header.getValue())).toList();
            Header contentType = response.getFirstHeader("Content-Type");
            return new Answer(wire.sent, response.getStatusLine().getStatusCode(), received, bytes,
                    contentType == null ? null : contentType.getValue(), elapsed);
        } catch (IOException e) {
            throw new HttpExchange.NoAnswer(e);
        } finally {
            wire.answered();  // no answer (refused, timed out): the wait ends with the attempt
        }
    }

    private static CloseableHttpClient client() {
        return HttpClients.custom()
                .setConnectionManager(ServiceConnections.pool(64, 256))
                .setConnectionReuseStrategy(NoConnectionReuseStrategy.INSTANCE)
                .disableAutomaticRetries()
                .disableCookieManagement()
                // Last, so it sees the headers the client adds (Host, User-Agent, Content-Length, …): the
                // evidence shows what went on the wire. From here to the answer's head, Tollgate waits on the
                // service; building the request and reading the answer stay Tollgate's own time.
                .addInterceptorLast((HttpRequestInterceptor) (sent, context) -> Wire.of(context).sending(sent))
                .addInterceptorFirst((HttpResponseInterceptor) (received, context) -> Wire.of(context).answered())
                .build();
    }

    /** What one exchange put on the wire, and whether it is waiting on the service now. */
    private static final class Wire {

        static final String KEY = "dev.tollgate.http.wire";

        private List<Map.Entry<String, String>> sent = List.of();
        private SystemWait.Interval waiting;

        static Wire of(HttpContext context) {
            return context.getAttribute(KEY) instanceof Wire wire ? wire : new Wire();
        }

        synchronized void sending(HttpRequest request) {
            if (sent.isEmpty()) {  // a redirect's second request: the evidence keeps the first one's headers
                sent = Arrays.stream(request.getAllHeaders()).map(header -> Map.entry(header.getName(), header.getValue())).toList();
            }
            answered();  // a redirect's second request: the first answer is in
            waiting = SystemWait.waiting(SystemWait.HTTP);
        }

        synchronized void answered() {
            if (waiting != null) {
                waiting.close();
                waiting = null;
            }
        }
    }
}
