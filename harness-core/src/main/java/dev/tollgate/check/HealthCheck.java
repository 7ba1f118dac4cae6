package dev.tollgate.check;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

import org.apiguardian.api.API;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import dev.tollgate.runtime.RunningService;

/**
 * Passes when an endpoint answers 2xx within the wait budget. Serves both {@code health}
 * (liveness) and {@code ready} (database reachable, migrations current): they differ only in the
 * path.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class HealthCheck {

    private final String name;
    private final String path;
    private final Duration budget;

    public HealthCheck(String name, String path, Duration budget) {
        this.name = Objects.requireNonNull(name, "name must not be null");
        this.path = Objects.requireNonNull(path, "path must not be null");
        this.budget = Objects.requireNonNull(budget, "budget must not be null");
    }

    public CheckResult run(RunningService service) {
        AtomicReference<HttpExchange> last = new AtomicReference<>();
        AtomicReference<String> lastError = new AtomicReference<>("no answer");
        try {
            Awaitility.await(name + " answers 2xx on GET " + path)
                    .atMost(budget)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        try {
                            HttpExchange exchange = HttpExchange.get(service.resolve(path));
                            last.set(exchange);
                            return exchange.is2xx();
                        } catch (Exception e) {  // RestAssured throws ConnectException undeclared
                            lastError.set(e.toString());
                            return false;
                        }
                    });
        } catch (ConditionTimeoutException e) {
            HttpExchange exchange = last.get();
            List<Evidence> evidence = exchange == null ? List.of() : List.of(exchange.evidence());
            return CheckResult.failed(name, "expected GET " + path + " to answer 2xx within " + budget.toSeconds()
                    + "s; it answered " + (exchange == null ? lastError.get() : exchange.summary()), evidence);
        }
        HttpExchange exchange = last.get();
        return CheckResult.passed(name, "GET " + path + " answered " + exchange.summary(), List.of(exchange.evidence()));
    }
}
