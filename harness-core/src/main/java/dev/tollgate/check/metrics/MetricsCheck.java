package dev.tollgate.check.metrics;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

import org.apiguardian.api.API;

import dev.tollgate.check.CheckConfig;
import dev.tollgate.check.CheckContext;
import dev.tollgate.check.CheckResult;
import dev.tollgate.check.CheckType;
import dev.tollgate.check.Evidence;
import dev.tollgate.check.Secrets;
import dev.tollgate.check.http.HttpExchange;
import dev.tollgate.model.CheckSpec;
import dev.tollgate.system.RunningService;

/**
 * {@code metrics}: scrapes a Prometheus text endpoint of the running release, selects one metric's
 * series by their labels, and passes when their value is within bounds, or has not moved too far
 * from a value captured earlier in the scenario: the error spikes and latency regressions an
 * operator watches during a rolling upgrade.
 *
 * <pre>
 * - check:                                  # before the traffic: remember where the error counter is
 *     metrics:
 *       path: /metrics
 *       metric: http_requests_total
 *       labels: { status: "5.." }           # label values are regexes matched whole, as PromQL's =~
 *       capture: errorsBefore               # the value, for ${errorsBefore}
 * - check:                                  # after it: no new server error
 *     metrics:
 *       path: /metrics
 *       metric: http_requests_total
 *       labels: { status: "5.." }
 *       since: ${errorsBefore}
 *       increaseAtMost: 0                   # a counter that went down was reset (restart): counted from 0
 * - check:                                  # latency: an absolute bound, or relative to a captured value
 *     metrics:
 *       path: /metrics
 *       metric: http_request_duration_seconds
 *       labels: { quantile: "0.99" }
 *       aggregate: max                      # sum (the default: counters over series), max or min
 *       atMost: 0.5                         # also atLeast, equals; with since: ratioAtMost, increaseAtLeast
 *       as: ${env.METRICS_TOKEN}            # optional bearer token, never shown
 *       timeout: 5s                         # default 10s
 * </pre>
 *
 * The value is the aggregate of every sample whose name is {@code metric} and whose labels match;
 * a metric the exposition declares ({@code # TYPE}) but with no matching series is 0, as a counter
 * that never counted; a metric it does not mention at all fails, since a typo must not pass.
 */
@API(status = INTERNAL, since = "0.1")
public final class MetricsCheck implements CheckType {

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final Set<String> RELATIVE = Set.of("increaseAtMost", "increaseAtLeast", "ratioAtMost");

    @Override
    public String type() {
        return "metrics";
    }

    @Override
    public Set<String> keys() {
        return Set.of("path", "as", "metric", "labels", "aggregate", "equals", "atMost", "atLeast", "since",
                "increaseAtMost", "increaseAtLeast", "ratioAtMost", "capture", "timeout");
    }

    @Override
    public Set<String> requiredKeys() {
        return Set.of("path", "metric");
    }

    @Override
    public Set<String> captures(Map<String, Object> config) {
        return config.get("capture") == null ? Set.of() : Set.of(String.valueOf(config.get("capture")));
    }

    @Override
    public CheckResult run(CheckSpec spec, CheckContext context) {
        CheckConfig config = new CheckConfig(spec, context.variables());
        String path = config.string("path").orElseThrow();
        String metric = config.string("metric").orElseThrow();
        Map<String, Pattern> labels = labels(config);
        Aggregate aggregate = aggregate(config);
        Optional<Double> since = number(config, "since");
        if (since.isPresent() != RELATIVE.stream().anyMatch(config::has)) {
            throw config.invalid(since.isPresent() ? "since" : "increaseAtMost",
                    "given together: 'since' with increaseAtMost, increaseAtLeast or ratioAtMost", since.isPresent()
                            ? "since without a bound relative to it" : "a relative bound without 'since'");
        }
        Optional<RunningService> service = context.service();
        if (service.isEmpty()) {
            return CheckResult.broken(spec.name(), "no release is running, so there are no metrics at " + path
                    + " to scrape; deploy one first", List.of());
        }
        Optional<String> token = config.string("as");
        Secrets secrets = Secrets.of(service).and(token.orElse(null));
        URI uri = service.get().resolve(path);
        HttpExchange response;
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "text/plain; version=0.0.4");
        token.ifPresent(value -> headers.put("Authorization", "Bearer " + value));
        try {
            // The checks' one HTTP client: no thread of its own that would hold the JVM's exit, and
            // its wait on the service is counted as the system's.
            response = HttpExchange.send(new HttpExchange.Request("GET", uri, headers, null,
                    config.duration("timeout", DEFAULT_TIMEOUT)), secrets);
        } catch (HttpExchange.NoAnswer e) {
            return CheckResult.failed(spec.name(), "expected GET " + path + " to answer with metrics; it did not answer: "
                    + e.getMessage(), List.of());
        }
        String selector = metric + describe(labels);
        List<Evidence> evidence = new ArrayList<>(List.of(Evidence.text("GET " + path, secrets.mask(response.body()))));
        if (response.status() != 200) {
            return CheckResult.failed(spec.name(), secrets.mask("expected GET " + path + " to answer 200 with metrics; it answered "
                    + response.status() + " " + abbreviate(response.body())), evidence);
        }
        Exposition exposition;
        try {
            exposition = Exposition.parse(response.body());
        } catch (IllegalArgumentException e) {
            return CheckResult.failed(spec.name(), "GET " + path + " is not Prometheus text format: " + e.getMessage(), evidence);
        }
        if (!exposition.exposes(metric)) {
            return CheckResult.failed(spec.name(), "expected GET " + path + " to expose " + metric + "; it exposes "
                    + exposition.samples().stream().map(Exposition.Sample::name).distinct().limit(20)
                            .collect(Collectors.joining(", ", "[", "]")), evidence);
        }
        List<Exposition.Sample> matching = exposition.samples().stream()
                .filter(sample -> sample.name().equals(metric) && matches(sample, labels)).toList();
        double value = aggregate.of(matching);
        String found = selector + " = " + show(value) + (matching.size() == 1 ? "" : " (" + aggregate.name().toLowerCase(Locale.ROOT)
                + " of " + matching.size() + " series)");
        evidence.add(0, Evidence.text("metric " + selector, matching.isEmpty() ? "no matching series: 0\n"
                : matching.stream().map(s -> s.name() + s.labels() + " " + show(s.value())).collect(Collectors.joining("\n"))));
        List<String> failures = new ArrayList<>();
        bound(config, "equals", value, (actual, limit) -> actual == limit, "equal", failures);
        bound(config, "atMost", value, (actual, limit) -> actual <= limit, "be at most", failures);
        bound(config, "atLeast", value, (actual, limit) -> actual >= limit, "be at least", failures);
        String relative = "";
        if (since.isPresent()) {
            boolean reset = value < since.get();
            double increase = reset ? value : value - since.get();
            relative = "; " + (reset ? "reset since " + show(since.get()) + " (restarted), increase counted from 0: "
                    : "increase since " + show(since.get()) + ": ") + show(increase);
            bound(config, "increaseAtMost", increase, (actual, limit) -> actual <= limit, "increase by at most", failures);
            bound(config, "increaseAtLeast", increase, (actual, limit) -> actual >= limit, "increase by at least", failures);
            if (config.has("ratioAtMost")) {
                double ratio = since.get() == 0 ? (value == 0 ? 1 : Double.POSITIVE_INFINITY) : value / since.get();
                bound(config, "ratioAtMost", ratio, (actual, limit) -> actual <= limit, "be at most this many times "
                        + show(since.get()) + ":", failures);
                relative += ", ratio " + show(ratio);
            }
        }
        if (!failures.isEmpty()) {
            return CheckResult.failed(spec.name(), "expected " + selector + " to " + String.join(" and ", failures)
                    + "; it is " + found + relative, evidence);
        }
        config.string("capture").ifPresent(name -> context.capture(name, show(value)));
        return CheckResult.passed(spec.name(), found + relative
                + config.string("capture").map(name -> "; captured as " + name).orElse(""), evidence);
    }

    @FunctionalInterface
    private interface Comparison {
        boolean holds(double actual, double limit);
    }

    private static void bound(CheckConfig config, String key, double actual, Comparison comparison, String wording,
                              List<String> failures) {
        number(config, key).ifPresent(limit -> {
            if (!comparison.holds(actual, limit)) {
                failures.add(wording + " " + show(limit));
            }
        });
    }

    private enum Aggregate {
        SUM, MAX, MIN;

        double of(List<Exposition.Sample> samples) {
            if (samples.isEmpty()) {
                return 0;
            }
            return switch (this) {
                case SUM -> samples.stream().mapToDouble(Exposition.Sample::value).sum();
                case MAX -> samples.stream().mapToDouble(Exposition.Sample::value).max().orElse(0);
                case MIN -> samples.stream().mapToDouble(Exposition.Sample::value).min().orElse(0);
            };
        }
    }

    private static Aggregate aggregate(CheckConfig config) {
        String value = config.string("aggregate", "sum");
        try {
            return Aggregate.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw config.invalid("aggregate", "sum, max or min", value);
        }
    }

    private static Map<String, Pattern> labels(CheckConfig config) {
        Map<String, Pattern> labels = new LinkedHashMap<>();
        config.map("labels").forEach((name, regex) -> {
            String resolved = config.resolve(String.valueOf(regex));
            try {
                labels.put(name, Pattern.compile(resolved));
            } catch (PatternSyntaxException e) {
                throw config.invalid("labels", "a map of label: regex (" + name + ": " + e.getDescription() + ")", resolved);
            }
        });
        return labels;
    }

    private static boolean matches(Exposition.Sample sample, Map<String, Pattern> labels) {
        return labels.entrySet().stream().allMatch(label ->
                label.getValue().matcher(sample.labels().getOrDefault(label.getKey(), "")).matches());
    }

    private static Optional<Double> number(CheckConfig config, String key) {
        return config.string(key).map(text -> {
            try {
                return Double.valueOf(text.trim());
            } catch (NumberFormatException e) {
                throw config.invalid(key, "a number", text);
            }
        });
    }

    private static String describe(Map<String, Pattern> labels) {
        return labels.isEmpty() ? "" : labels.entrySet().stream().map(e -> e.getKey() + "=~\"" + e.getValue() + "\"")
                .collect(Collectors.joining(",", "{", "}"));
    }

    /** A number as a person writes it: 3, not 3.0; 0.25, not 2.5E-1. */
    static String show(double value) {
        if (Double.isInfinite(value) || Double.isNaN(value)) {
            return String.valueOf(value);
        }
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value)
                : java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static String abbreviate(String text) {
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() > 200 ? flat.substring(0, 199) + "…" : flat;
    }
}
