package dev.tollgate.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code GET /metrics}: request counters by route and status, and latency quantiles, in Prometheus text format. */
class MetricsEndpointTest extends ServerTestSupport {

    @Test
    void countsRequestsByRouteAndStatusWithIdsFolded() throws SQLException {
        Http http = start("1.1.0");
        http.as(Http.OWNER).send("POST", "/api/v1/missions", "{\"name\":\"Apollo\"}");
        http.as(Http.VIEWER).get("/api/v1/missions/1");
        http.as(Http.VIEWER).get("/api/v1/missions/999");
        http.as(Http.VIEWER).send("DELETE", "/api/v1/missions/1", null);
        http.get("/nope");

        HttpResponse<String> metrics = http.get("/metrics");
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
        String text = metrics.body();
        for (String line : new String[] {
                "# TYPE http_requests_total counter",
                "http_requests_total{method=\"POST\",route=\"/api/v1/missions\",status=\"201\"} 1",
                "http_requests_total{method=\"GET\",route=\"/api/v1/missions/{id}\",status=\"200\"} 1",
                "http_requests_total{method=\"GET\",route=\"/api/v1/missions/{id}\",status=\"404\"} 1",
                "http_requests_total{method=\"DELETE\",route=\"/api/v1/missions/{id}\",status=\"403\"} 1",
                "http_requests_total{method=\"GET\",route=\"unmatched\",status=\"404\"} 1",
                "# TYPE http_request_duration_seconds summary",
                "http_request_duration_seconds_count{route=\"/api/v1/missions/{id}\"} 3"}) {
            assertTrue(text.contains(line + "\n"), "expected line " + line + " in:\n" + text);
        }
        Matcher p99 = Pattern.compile("http_request_duration_seconds\\{route=\"/api/v1/missions\",quantile=\"0.99\"} (\\S+)")
                .matcher(text);
        assertTrue(p99.find(), text);
        double seconds = Double.parseDouble(p99.group(1));
        assertTrue(seconds > 0 && seconds < 30, "p99 " + seconds);
    }

    @Test
    void serverErrorsOfACodeRollbackAreCounted() throws SQLException {
        String url = newDatabase();
        migrate("2.0.0", url);  // renames missions.name, which 1.0.0 reads
        Http http = start(env("1.0.0", url));
        assertEquals(500, http.as(Http.VIEWER).get("/api/v1/missions").statusCode());
        assertTrue(http.get("/metrics").body().contains(
                "http_requests_total{method=\"GET\",route=\"/api/v1/missions\",status=\"500\"} 1\n"));
    }
}
