package dev.tollgate.check.health;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.apiguardian.api.API;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import dev.tollgate.check.CheckConfig;
import dev.tollgate.check.CheckContext;
import dev.tollgate.check.CheckResult;
import dev.tollgate.check.CheckType;
import dev.tollgate.check.Evidence;
import dev.tollgate.check.http.HttpExchange;
import dev.tollgate.model.Area;
import dev.tollgate.model.CheckSpec;
import dev.tollgate.model.ServiceSpec;
import dev.tollgate.system.RunningService;
import dev.tollgate.system.SystemWait;

/**
 * {@code health} and {@code ready}: pass when an endpoint answers 2xx (and its body matches, if
 * asked) within the wait budget. They differ only in the default path, taken from the profile.
 *
 * <pre>
 * - check: health
 * - check: { ready: { within: 20s, body: '"status":"READY"' } }
 * - check: { health: { port: management } }      # a named port of service.ports (default: service.healthPort)
 * </pre>
 */
@API(status = INTERNAL, since = "0.1")
public final class HealthCheck implements CheckType {

    /** How long a health endpoint may take to turn 2xx when the suite does not say. */
    public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(10);

    private final String type;
    private final Function<ServiceSpec, String> defaultPath;

    private HealthCheck(String type, Function<ServiceSpec, String> defaultPath) {
        this.type = type;
        this.defaultPath = defaultPath;
    }

    public static HealthCheck health() {
        return new HealthCheck("health", ServiceSpec::health);
    }

    public static HealthCheck ready() {
        return new HealthCheck("ready", ServiceSpec::ready);
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public Optional<Area> area() {
        return Optional.of(Area.HEALTH_VERSION);
    }

    @Override
    public Set<String> keys() {
        return Set.of("path", "within", "body", "port");
    }

    @Override
    public CheckResult run(CheckSpec spec, CheckContext context) {
        Optional<RunningService> service = context.service();
        if (service.isEmpty()) {
            return CheckResult.failed(spec.name(), "no release is running, so nothing answers " + type, List.of());
        }
        CheckConfig config = new CheckConfig(spec, context.variables());
        String path = config.string("path", defaultPath.apply(context.profile().service()));
        Optional<Pattern> body = config.string("body").map(Pattern::compile);
        String port = config.string("port").orElse(context.profile().service().healthPort());
        java.net.URI uri;
        try {
            uri = service.get().resolve(port, path);
        } catch (IllegalArgumentException e) {
            return CheckResult.broken(spec.name(), e.getMessage(), List.of());
        }
        return probe(spec.name(), uri, path + (port == null ? "" : " on port " + port), config.duration("within", DEFAULT_BUDGET), body);
    }

    static CheckResult probe(String name, java.net.URI uri, String path, Duration budget, Optional<Pattern> body) {
        AtomicReference<HttpExchange> last = new AtomicReference<>();
        AtomicReference<String> lastError = new AtomicReference<>("no answer");
        String expectation = "2xx" + body.map(pattern -> " with a body matching /" + pattern + "/").orElse("");
        try {
            Awaitility.await(name + " answers " + expectation + " on GET " + path)
                    .atMost(budget)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(100))
                    // Awaitility polls on a thread of its own: hand it the step's tally of waits.
                    .until(SystemWait.propagate(() -> {
                        try {
                            HttpExchange exchange = HttpExchange.get(uri);
                            last.set(exchange);
                            return exchange.is2xx() && body.map(p -> p.matcher(exchange.body()).find()).orElse(true);
                        } catch (HttpExchange.NoAnswer e) {
                            lastError.set(e.toString());
                            return false;
                        }
                    }));
        } catch (ConditionTimeoutException e) {
            HttpExchange exchange = last.get();
            List<Evidence> evidence = exchange == null ? List.of() : List.of(exchange.evidence());
            return CheckResult.failed(name, "expected GET " + path + " to answer " + expectation + " within "
                    + budget.toSeconds() + "s; it answered " + (exchange == null ? lastError.get() : exchange.summary()),
                    evidence);
        }
        HttpExchange exchange = last.get();
        return CheckResult.passed(name, "GET " + path + " answered " + exchange.summary(), List.of(exchange.evidence()));
    }
}
