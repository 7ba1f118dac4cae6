package dev.tollgate.report;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Instant;
import java.util.List;

import org.apiguardian.api.API;

import dev.tollgate.check.Status;

/**
 * What one run did and found, as the engine writes it to {@code run.json} in the evidence
 * directory: the input of the gate and of the readiness report.
 *
 * @param tollgateVersion the harness version
 * @param profile         the deployment profile's name
 * @param previous        the release in production
 * @param candidate       the release about to ship
 * @param startedAt       when the run started
 * @param finishedAt      when it ended
 * @param suites          every suite that was selected, in execution order
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record RunRecord(String tollgateVersion, String profile, String previous, String candidate,
        Instant startedAt, Instant finishedAt, List<SuiteRecord> suites) {

    public RunRecord {
        suites = List.copyOf(suites);
    }

    /**
     * @param name  the suite's name
     * @param file  the suite file
     * @param tags  its tags
     * @param steps its steps, in order, each with its outcome (skipped steps included)
     */
    public record SuiteRecord(String name, String file, List<String> tags, List<StepRecord> steps) {

        public SuiteRecord {
            tags = List.copyOf(tags);
            steps = List.copyOf(steps);
        }
    }

    /**
     * @param id             the step's id in unique ids ({@code install-previous}, {@code line-12})
     * @param name           what the report calls it ({@code upgrade 1.1.0})
     * @param kind           the step key ({@code install}, {@code check}, …)
     * @param position       {@code file:line:column}
     * @param status         its outcome
     * @param message        why, when it did not pass
     * @param durationMillis how long it took
     * @param checks         for a check step, each check's outcome
     */
    public record StepRecord(String id, String name, String kind, String position, Status status, String message,
            long durationMillis, List<CheckRecord> checks) {

        public StepRecord {
            checks = List.copyOf(checks);
        }
    }

    /**
     * @param name    the check's name in the suite
     * @param type    its check type ({@code health}, {@code http}, …), which tells the gate its area
     * @param status  its outcome
     * @param message what was expected and what came back
     */
    public record CheckRecord(String name, String type, Status status, String message) {
    }
}
