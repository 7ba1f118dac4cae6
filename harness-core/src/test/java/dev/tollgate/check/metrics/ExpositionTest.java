package dev.tollgate.check.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

class ExpositionTest {

    @Test
    void readsSamplesWithLabelsEscapesAndTimestamps() {
        Exposition exposition = Exposition.parse("""
                # HELP http_requests_total Requests answered.
                # TYPE http_requests_total counter
                http_requests_total{method="GET",route="/api/v1/missions",status="200"} 12 1700000000000
                http_requests_total{method="POST",route="/a \\"quoted\\", path",status="500"} 1
                # TYPE http_request_duration_seconds summary
                http_request_duration_seconds{quantile="0.99"} 2.5e-2
                http_request_duration_seconds_sum 1.75
                up +Inf
                """);
        assertEquals(5, exposition.samples().size());
        assertEquals(new Exposition.Sample("http_requests_total",
                Map.of("method", "POST", "route", "/a \"quoted\", path", "status", "500"), 1), exposition.samples().get(1));
        assertEquals(0.025, exposition.samples().get(2).value());
        assertEquals(Double.POSITIVE_INFINITY, exposition.samples().get(4).value());
        assertTrue(exposition.exposes("http_request_duration_seconds_count"), "declared by its summary's # TYPE");
        assertFalse(exposition.exposes("http_requests"));
    }

    @Test
    void namesTheLineThatIsNotASample() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Exposition.parse("ok 1\n<html>oops</html>\n"));
        assertTrue(error.getMessage().startsWith("line 2 is not a Prometheus sample"), error.getMessage());
    }
}
