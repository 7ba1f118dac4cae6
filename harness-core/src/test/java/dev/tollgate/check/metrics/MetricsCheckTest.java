package dev.tollgate.check.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import dev.tollgate.check.CheckResult;
import dev.tollgate.check.ServiceContext;
import dev.tollgate.check.Status;

/** The {@code metrics} check scraping a real HTTP endpoint whose exposition the test changes between scrapes. */
class MetricsCheckTest {

    private static final String TOKEN = "metrics-token-7f3a";

    private final MetricsCheck metrics = new MetricsCheck();
    private final AtomicReference<String> exposition = new AtomicReference<>();
    private HttpServer server;
    private ServiceContext context;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/metrics", exchange -> {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            byte[] body = ("Bearer " + TOKEN).equals(auth) ? exposition.get().getBytes(StandardCharsets.UTF_8)
                    : "unauthorized".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(("Bearer " + TOKEN).equals(auth) ? 200 : 401, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        context = new ServiceContext(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"), Map.of());
        expose(3, 0, 0.012);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void capturesTheErrorCounterAndFailsWhenServerErrorsIncreaseAfterwards() {
        CheckResult before = check(Map.of("labels", Map.of("status", "5.."), "capture", "errorsBefore"));
        assertEquals(Status.PASSED, before.status(), before.message());
        assertEquals("0", context.captured().get("errorsBefore"));
        assertTrue(before.message().startsWith("http_requests_total{status=~\"5..\"} = 0"), before.message());

        expose(9, 0, 0.012);
        assertEquals(Status.PASSED, check(Map.of("labels", Map.of("status", "5.."), "since", "${errorsBefore}",
                "increaseAtMost", 0)).status());

        expose(9, 4, 0.012);
        CheckResult after = check(Map.of("labels", Map.of("status", "5.."), "since", "${errorsBefore}", "increaseAtMost", 0));
        assertEquals(Status.FAILED, after.status(), after.message());
        assertTrue(after.message().contains("to increase by at most 0; it is http_requests_total{status=~\"5..\"} = 4"
                + " (sum of 2 series); increase since 0: 4"), after.message());
        assertFalse(ServiceContext.shown(after).contains(TOKEN));
    }

    @Test
    void aCounterThatWentDownWasResetAndCountsFromZero() {
        expose(3, 5, 0.01);
        check(Map.of("labels", Map.of("status", "5.."), "capture", "errors"));
        expose(1, 1, 0.01);
        CheckResult result = check(Map.of("labels", Map.of("status", "5.."), "since", "${errors}", "increaseAtMost", 0));
        assertEquals(Status.FAILED, result.status(), result.message());
        assertTrue(result.message().contains("reset since 5 (restarted), increase counted from 0: 1"), result.message());
    }

    @Test
    void judgesALatencyQuantileAbsolutelyAndAgainstABaseline() {
        Map<String, Object> p99 = Map.of("metric", "http_request_duration_seconds", "labels", Map.of("quantile", "0.99"),
                "aggregate", "max");
        assertEquals(Status.PASSED, check(with(p99, "atMost", 0.5, "capture", "p99Before")).status());
        expose(3, 0, 0.9);
        CheckResult slow = check(with(p99, "atMost", 0.5));
        assertEquals(Status.FAILED, slow.status(), slow.message());
        assertTrue(slow.message().contains("to be at most 0.5; it is http_request_duration_seconds{quantile=~\"0.99\"} = 0.9"),
                slow.message());
        CheckResult regressed = check(with(p99, "since", "${p99Before}", "ratioAtMost", 2));
        assertEquals(Status.FAILED, regressed.status(), regressed.message());
        assertTrue(regressed.message().contains("ratio 75"), regressed.message());
    }

    @Test
    void aMetricTheEndpointDoesNotExposeFailsAndSaysWhatItExposes() {
        CheckResult result = check(Map.of("metric", "http_request_total"));
        assertEquals(Status.FAILED, result.status(), result.message());
        assertTrue(result.message().contains("to expose http_request_total; it exposes [http_requests_total, "), result.message());
    }

    @Test
    void aRelativeBoundWithoutABaselineIsASuiteError() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> check(Map.of("increaseAtMost", 0)));
        assertTrue(error.getMessage().contains("upgrade.suite.yaml:7:9"), error.getMessage());
    }

    private CheckResult check(Map<String, Object> settings) {
        Map<String, Object> config = new java.util.HashMap<>(Map.of("path", "/metrics", "metric", "http_requests_total",
                "as", TOKEN));
        config.putAll(settings);
        return context.check(metrics, config);
    }

    private static Map<String, Object> with(Map<String, Object> base, Object... more) {
        Map<String, Object> map = new java.util.HashMap<>(base);
        for (int i = 0; i < more.length; i += 2) {
            map.put((String) more[i], more[i + 1]);
        }
        return map;
    }

    private void expose(int ok, int errors, double p99) {
        exposition.set("# HELP http_requests_total Requests answered.\n# TYPE http_requests_total counter\n"
                + "http_requests_total{route=\"/api/v1/missions\",status=\"200\"} " + ok + "\n"
                + (errors == 0 ? "" : "http_requests_total{route=\"/api/v1/missions\",status=\"500\"} " + (errors - errors / 2) + "\n"
                + "http_requests_total{route=\"/health\",status=\"503\"} " + (errors / 2) + "\n")
                + "# TYPE http_request_duration_seconds summary\n"
                + "http_request_duration_seconds{quantile=\"0.5\"} 0.004\n"
                + "http_request_duration_seconds{quantile=\"0.99\"} " + p99 + "\n");
    }
}
