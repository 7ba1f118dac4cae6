package dev.tollgate.check.availability;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apiguardian.api.API;

import dev.tollgate.check.CheckConfig;
import dev.tollgate.check.CheckContext;
import dev.tollgate.check.CheckResult;
import dev.tollgate.check.CheckType;
import dev.tollgate.check.Evidence;
import dev.tollgate.model.Area;
import dev.tollgate.model.CheckSpec;
import dev.tollgate.system.UpgradeWindow;

/**
 * {@code availability}: how long the last upgrade left the service unreachable, against what the
 * operator can tolerate; what a guide's "plan a maintenance window if you cannot tolerate a brief
 * write interruption" is decided by. The rehearsal measures the window; whether to schedule one
 * stays the operator's call, made on that figure.
 *
 * <pre>
 * - upgrade: ${candidate}
 * - check: { availability: { unavailableAtMost: 30s } }   # fails when the upgrade left it unreachable longer
 * - check: { availability: { unavailableAtMost: 0s, failedAtMost: 0 } }   # a rolling upgrade no user notices
 * </pre>
 *
 * One instance stopped and started is unreachable from the stop until the new release answers; a
 * rolling upgrade through a proxy ({@code compose} with a {@code probe}) is measured by its probe,
 * and {@code failedAtMost} bounds the requests that failed during it.
 */
@API(status = INTERNAL, since = "0.2")
public final class AvailabilityCheck implements CheckType {

    @Override
    public String type() {
        return "availability";
    }

    @Override
    public Optional<Area> area() {
        return Optional.of(Area.UPGRADE);
    }

    @Override
    public Set<String> keys() {
        return Set.of("unavailableAtMost", "failedAtMost");
    }

    @Override
    public Set<String> requiredKeys() {
        return Set.of("unavailableAtMost");
    }

    @Override
    public CheckResult run(CheckSpec spec, CheckContext context) {
        CheckConfig config = new CheckConfig(spec, context.variables());
        Duration tolerated = config.duration("unavailableAtMost", Duration.ZERO);
        Optional<Integer> failedAtMost = config.integer("failedAtMost");
        List<UpgradeWindow> windows = context.upgradeWindows();
        if (windows.isEmpty()) {
            return CheckResult.broken(spec.name(), "no upgrade step ran before this check, so there is no upgrade window to"
                    + " measure; put it after '- upgrade: ${candidate}'", List.of());
        }
        UpgradeWindow window = windows.get(windows.size() - 1);
        List<Evidence> evidence = List.of(Evidence.text("upgrade window", windows.stream()
                .map(each -> "upgrade to " + each.release() + ": " + each.describe()).reduce((a, b) -> a + "\n" + b).orElse("")));
        String measured = "the upgrade to " + window.release() + " left the service " + window.describe();
        if (window.unavailableMillis() > tolerated.toMillis()) {
            return CheckResult.failed(spec.name(), measured + "; at most " + tolerated.toMillis() + " ms is tolerated"
                    + " (unavailableAtMost): plan a maintenance window, or upgrade without stopping every instance", evidence);
        }
        if (failedAtMost.isPresent() && window.failed() > failedAtMost.get()) {
            return CheckResult.failed(spec.name(), measured + "; at most " + failedAtMost.get() + " failed request(s) are tolerated"
                    + " (failedAtMost)", evidence);
        }
        return CheckResult.passed(spec.name(), measured + " (at most " + tolerated.toMillis() + " ms tolerated)", evidence);
    }
}
