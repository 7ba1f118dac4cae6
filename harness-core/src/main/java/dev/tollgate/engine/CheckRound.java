package dev.tollgate.engine;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.opentest4j.AssertionFailedError;

import dev.tollgate.api.ErrorCode;
import dev.tollgate.api.TollgateException;
import dev.tollgate.check.CheckResult;
import dev.tollgate.check.Status;
import dev.tollgate.model.CheckSpec;
import dev.tollgate.model.CodeRollbackSpec;
import dev.tollgate.model.Step;
import dev.tollgate.system.SystemWait;

/**
 * The checks of one step: run, run again until they pass when the step has a {@code retry:}, each
 * outcome shown as progress and attached to the report; a failure thrown with its root cause first.
 */
final class CheckRound {

    private static final Duration RETRY_INTERVAL = Duration.ofMillis(250);

    private final TollgateExecutionContext.RunSettings run;
    private final ScenarioState scenario;

    CheckRound(TollgateExecutionContext.RunSettings run, ScenarioState scenario) {
        this.run = run;
        this.scenario = scenario;
    }

    /** The step's checks, retried as it asks; the last round's outcomes, reported. */
    List<CheckRunner.Ran> run(Step step) {
        CheckRunner runner = new CheckRunner(run.registry(), scenario.checks());
        AtomicReference<List<CheckRunner.Ran>> latest = new AtomicReference<>(runner.run(step.checks()));
        step.retryIfSet().filter(retry -> !allPassed(latest.get())).ifPresent(retry -> {
            try {
                Awaitility.await("'" + step.displayName() + "' at " + step.position() + " to pass")
                        .atMost(retry).pollDelay(RETRY_INTERVAL).pollInterval(RETRY_INTERVAL)
                        // Awaitility polls on a thread of its own: hand it the step's tally of waits.
                        .until(SystemWait.propagate(() -> allPassed(latest.updateAndGet(previous -> runner.run(step.checks())))));
            } catch (ConditionTimeoutException e) {
                // the last round's results say why; they are reported below
            }
        });
        CheckRunner.report(latest.get());
        latest.get().forEach(this::show);
        return latest.get();
    }

    /**
     * What the previous release said on starting on the upgraded database, about its migration or
     * schema state: the {@code migration-warnings} check, run as part of the {@code rollback} step, so
     * the gate can state a warning under code rollback without the suite asking. Only outcomes that
     * could read the log are returned (and reported); a scan that could not is shown, and proves
     * nothing either way.
     */
    List<CheckRunner.Ran> scanMigrationWarnings(Step step) {
        if (run.registry().find(CodeRollbackSpec.SCAN_CHECK).isEmpty()) {
            return List.of();
        }
        CheckSpec scan = new CheckSpec(CodeRollbackSpec.SCAN_CHECK, CodeRollbackSpec.SCAN_CHECK, Map.of(), step.position());
        List<CheckRunner.Ran> ran = new CheckRunner(run.registry(), scenario.checks()).run(List.of(scan));
        ran.forEach(this::show);
        List<CheckRunner.Ran> read = ran.stream().filter(result -> result.result().passed()).toList();
        CheckRunner.report(read);
        return read;
    }

    /**
     * Fails the step when a check failed (an expectation: FAILED) or broke (BROKEN). The first failure
     * in time leads and decides the step's kind: what failed after it (a variable its capture never
     * set, a service it took down) follows from it more often than not.
     */
    static void failIfAny(List<CheckRunner.Ran> ran) {
        List<CheckResult> failing = ran.stream().map(CheckRunner.Ran::result)
                .filter(result -> result.status() == Status.FAILED || result.status() == Status.BROKEN).toList();
        if (failing.isEmpty()) {
            return;
        }
        String message = rootCauseFirst(failing);
        if (failing.get(0).status() == Status.BROKEN) {
            throw new TollgateException(ErrorCode.CHECK_BROKEN, message);
        }
        throw new AssertionFailedError(message);
    }

    /**
     * The failures of a step, the first in time first and the rest grouped after it:
     * {@code http: expected 200 …\nthen 2 follow-on failures:\n  http: …}. The first line alone is what
     * one-line reasons quote, so it must be the cause.
     */
    static String rootCauseFirst(List<CheckResult> failing) {
        String first = line(failing.get(0));
        if (failing.size() == 1) {
            return first;
        }
        int more = failing.size() - 1;
        return first + "\nthen " + more + " follow-on failure" + (more == 1 ? "" : "s") + ":\n"
                + failing.subList(1, failing.size()).stream().map(result -> "  " + line(result).replace("\n", "\n  "))
                        .collect(Collectors.joining("\n"));
    }

    private void show(CheckRunner.Ran ran) {
        CheckResult result = ran.result();
        scenario.progress().report("    " + symbol(result) + " " + result.check() + ": " + result.message());
    }

    private static String line(CheckResult result) {
        return result.check() + ": " + result.message();
    }

    private static boolean allPassed(List<CheckRunner.Ran> results) {
        return results.stream().allMatch(ran -> ran.result().passed());
    }

    private static String symbol(CheckResult result) {
        return switch (result.status()) {
            case PASSED -> "✔";
            case FAILED -> "✘";
            case BROKEN -> "!";
            case SKIPPED -> "-";
        };
    }
}
