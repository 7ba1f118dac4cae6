package dev.tollgate.check.http;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.apiguardian.api.API;

import dev.tollgate.check.CheckConfig;
import dev.tollgate.check.CheckContext;
import dev.tollgate.check.CheckResult;
import dev.tollgate.check.CheckType;
import dev.tollgate.check.Evidence;
import dev.tollgate.check.Secrets;
import dev.tollgate.model.CheckSpec;
import dev.tollgate.system.RunningService;

/**
 * {@code http}: sends one request to the running release and passes when the status, the headers
 * and the JSON values of the answer are as expected. Values can be captured for later steps.
 *
 * <pre>
 * - check:
 *     http:
 *       method: POST
 *       path: /api/v1/missions
 *       as: admin                        # a subject of the profile's subjects:, or a token like
 *                                        # ${env.ADMIN_TOKEN}; sent as "Authorization: Bearer …", never shown
 *       body: { name: Apollo }           # a map or list is sent as JSON; a string as written
 *       status: 201                      # or [200, 201], or 2xx (the default)
 *       expectHeaders: { Location: "^/api/v1/missions/\\d+$" }
 *       json:
 *         name: Apollo                   # a literal
 *         id: { exists: true }           # or { matches: regex }, { contains: x }
 *       capture: { missionId: id }       # later steps use ${missionId}
 *       timeout: 5s                      # per request; default 10s
 * </pre>
 *
 * JSON paths are RestAssured's GPath ({@code items[0].name}, {@code size()}, {@code $} for the
 * body). Regexes are found anywhere in the value; anchor them with {@code ^…$} to match it whole.
 */
@API(status = INTERNAL, since = "0.1")
public final class HttpCheck implements CheckType {

    @Override
    public String type() {
        return "http";
    }

    @Override
    public Set<String> keys() {
        return Set.of("method", "path", "headers", "query", "body", "as", "status", "json", "expectHeaders",
                "capture", "secret", "timeout", "port");
    }

    @Override
    public Set<String> requiredKeys() {
        return Set.of("path");
    }

    @Override
    public boolean destructive(Map<String, Object> config) {
        return !Requests.safe(config.get("method"));
    }

    @Override
    public Set<String> captures(Map<String, Object> config) {
        return config.get("capture") instanceof Map<?, ?> capture
                ? capture.keySet().stream().map(String::valueOf).collect(java.util.stream.Collectors.toCollection(LinkedHashSet::new))
                : Set.of();
    }

    @Override
    public void warmUp() {
        HttpExchange.warmUp();
    }

    @Override
    public CheckResult run(CheckSpec spec, CheckContext context) {
        CheckConfig config = new CheckConfig(spec, context.variables());
        Optional<RunningService> service = context.service();
        if (service.isEmpty()) {
            return CheckResult.broken(spec.name(), "no release is running, so there is nothing to send "
                    + config.string("method", "GET") + " " + config.string("path", "") + " to; deploy one first", List.of());
        }
        Requests.Built built = Requests.build(config, spec.config(), service.get(), Secrets.of(service), context.profile());
        StatusExpectation status = status(config, spec.config().get("status"));
        Secrets secrets = built.secrets();
        HttpExchange exchange;
        try {
            exchange = HttpExchange.send(built.request(), secrets);
            if (built.renewAfter(exchange)) {
                // a session or token the service handed out earlier is gone (a restore, an expiry): once more, freshly
                built = Requests.build(config, spec.config(), service.get(), Secrets.of(service), context.profile());
                secrets = built.secrets();
                exchange = HttpExchange.send(built.request(), secrets);
            }
        } catch (HttpExchange.NoAnswer e) {
            HttpExchange.Request request = built.request();
            return CheckResult.failed(spec.name(), secrets.mask("expected " + request.method() + " " + request.uri().getRawPath()
                    + " to answer " + status + " within " + request.timeout().toMillis() + " ms; it did not answer: " + e),
                    List.of());
        }
        List<Evidence> evidence = List.of(exchange.evidence());
        if (!status.accepts(exchange.status())) {
            return CheckResult.failed(spec.name(), secrets.mask("expected " + exchange.describe() + " to answer "
                    + status + "; it answered " + exchange.summary() + RequestLog.explain(exchange, context.phaseLog())), evidence);
        }
        List<String> mismatches = new ArrayList<>(headerMismatches(config, exchange));
        Map<String, Object> expectedJson = config.map("json");
        Map<String, String> capture = capturePaths(config);
        JsonBody json = JsonBody.parse(exchange.body());
        if ((!expectedJson.isEmpty() || !capture.isEmpty()) && json.problem().isPresent()) {
            mismatches.add("expected a JSON body to read " + String.join(", ", union(expectedJson, capture))
                    + " from; " + json.problem().get() + ": " + exchange.summary());
        } else {
            expectedJson.forEach((path, expected) -> {
                Object wanted = Requests.resolved(expected, config);
                Object actual;
                try {
                    actual = json.read(path);
                } catch (IllegalArgumentException e) {
                    mismatches.add(e.getMessage());
                    return;
                }
                if (!Expected.matches(wanted, actual)) {
                    mismatches.add("expected JSON path '" + path + "' to be " + Expected.describe(wanted)
                            + "; it was " + Expected.render(actual));
                }
            });
        }
        if (!mismatches.isEmpty()) {
            return CheckResult.failed(spec.name(), secrets.mask(exchange.describe() + " answered " + exchange.status()
                    + " but " + String.join("; ", mismatches)), evidence);
        }
        Set<String> secretCaptures = secretCaptures(config);
        Map<String, String> captured = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : capture.entrySet()) {
            Object value;
            try {
                value = json.read(entry.getValue());
            } catch (IllegalArgumentException e) {
                return CheckResult.failed(spec.name(), secrets.mask(e.getMessage()), evidence);
            }
            if (value == null) {
                return CheckResult.failed(spec.name(), secrets.mask("expected JSON path '" + entry.getValue()
                        + "' of " + exchange.describe() + " to hold a value to capture as " + entry.getKey()
                        + "; it was absent (or null): " + exchange.summary()), evidence);
            }
            captured.put(entry.getKey(), Expected.text(value));
            if (secretCaptures.contains(entry.getKey())) {
                Secrets.remember(Expected.text(value));  // a token the suite captured: masked by every writer from now on
            }
        }
        captured.forEach(context::capture);
        return CheckResult.passed(spec.name(), secrets.mask(exchange.describe() + " answered " + exchange.status()
                + " as expected" + (expectedJson.isEmpty() ? "" : "; " + expectedJson.size() + " JSON value(s) matched")
                + (captured.isEmpty() ? "" : "; captured " + String.join(", ", captured.keySet()))), evidence);
    }

    private static StatusExpectation status(CheckConfig config, Object raw) {
        try {
            return StatusExpectation.parse(Requests.resolved(raw, config));
        } catch (IllegalArgumentException e) {
            throw config.invalid("status", "a status, a list of them, or a class like 2xx", String.valueOf(raw));
        }
    }

    private static List<String> headerMismatches(CheckConfig config, HttpExchange exchange) {
        List<String> mismatches = new ArrayList<>();
        config.map("expectHeaders").forEach((name, regex) -> {
            Pattern pattern = Pattern.compile(config.resolve(String.valueOf(regex)));
            Optional<String> actual = exchange.header(name);
            if (actual.isEmpty() || !pattern.matcher(actual.get()).find()) {
                mismatches.add("expected header " + name + " to match /" + pattern + "/; it was "
                        + actual.map(value -> "'" + Secrets.headerValue(name, value) + "'").orElse("absent"));
            }
        });
        return mismatches;
    }

    /** {@code capture: { name: json.path }}, or {@code name: { path: json.path, secret: true }}. */
    private static Map<String, String> capturePaths(CheckConfig config) {
        Map<String, String> paths = new LinkedHashMap<>();
        config.map("capture").forEach((name, path) -> paths.put(name, config.resolve(String.valueOf(
                path instanceof Map<?, ?> detail ? detail.get("path") : path))));
        return paths;
    }

    /** The captures whose values are credentials: all of them with {@code secret: true}, or those marked one by one. */
    private static Set<String> secretCaptures(CheckConfig config) {
        boolean all = config.bool("secret", false);
        Set<String> names = new LinkedHashSet<>();
        config.map("capture").forEach((name, path) -> {
            if (all || path instanceof Map<?, ?> detail && Boolean.parseBoolean(String.valueOf(detail.get("secret")))) {
                names.add(name);
            }
        });
        return names;
    }

    private static Set<String> union(Map<String, Object> expected, Map<String, String> capture) {
        Set<String> paths = new LinkedHashSet<>(expected.keySet());
        paths.addAll(capture.values());
        return paths;
    }
}
