package dev.tollgate.sample;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Request counters by method, route and status, and a latency summary per route over its latest
 * {@link #WINDOW} requests, exposed in Prometheus text format at {@code GET /metrics}. Counters start
 * at zero with the process, as Prometheus counters do.
 */
final class Metrics {

    /** How many of a route's latest durations the quantiles are computed over. */
    static final int WINDOW = 1024;
    private static final double[] QUANTILES = {0.5, 0.9, 0.99};

    private record Key(String method, String route, int status) {
    }

    private final Map<Key, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<String, Window> durations = new ConcurrentHashMap<>();

    void record(String method, String route, int status, long nanos) {
        requests.computeIfAbsent(new Key(method, route, status), key -> new LongAdder()).increment();
        durations.computeIfAbsent(route, key -> new Window()).add(nanos / 1e9);
    }

    /** The exposition, families in a stable order so two scrapes diff cleanly. */
    String exposition() {
        StringBuilder text = new StringBuilder();
        text.append("# HELP http_requests_total HTTP requests answered, by method, route and status.\n");
        text.append("# TYPE http_requests_total counter\n");
        new TreeMap<>(requests.entrySet().stream().collect(java.util.stream.Collectors.toMap(
                entry -> entry.getKey().route() + " " + entry.getKey().method() + " " + entry.getKey().status(),
                entry -> entry))).values().forEach(entry -> text.append("http_requests_total{method=\"")
                        .append(entry.getKey().method()).append("\",route=\"").append(escape(entry.getKey().route()))
                        .append("\",status=\"").append(entry.getKey().status()).append("\"} ")
                        .append(entry.getValue().sum()).append('\n'));
        text.append("# HELP http_request_duration_seconds Time to answer, by route, over its latest ").append(WINDOW)
                .append(" requests.\n");
        text.append("# TYPE http_request_duration_seconds summary\n");
        new TreeMap<>(durations).forEach((route, window) -> window.write(text, escape(route)));
        return text.toString();
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    /** A ring of the latest durations, and the running sum and count of all. */
    private static final class Window {
        private final double[] latest = new double[WINDOW];
        private long count;
        private double sum;

        synchronized void add(double seconds) {
            latest[(int) (count % WINDOW)] = seconds;
            count++;
            sum += seconds;
        }

        synchronized void write(StringBuilder text, String route) {
            double[] sorted = Arrays.copyOf(latest, (int) Math.min(count, WINDOW));
            Arrays.sort(sorted);
            for (double quantile : QUANTILES) {
                double value = sorted.length == 0 ? Double.NaN
                        : sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)];
                text.append("http_request_duration_seconds{route=\"").append(route).append("\",quantile=\"")
                        .append(quantile).append("\"} ").append(value).append('\n');
            }
            text.append("http_request_duration_seconds_sum{route=\"").append(route).append("\"} ").append(sum).append('\n');
            text.append("http_request_duration_seconds_count{route=\"").append(route).append("\"} ").append(count).append('\n');
        }
    }
}
