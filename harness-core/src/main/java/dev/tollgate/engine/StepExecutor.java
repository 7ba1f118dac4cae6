package dev.tollgate.engine;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.opentest4j.AssertionFailedError;

import dev.tollgate.api.ErrorCode;
import dev.tollgate.api.Text;
import dev.tollgate.api.TollgateException;
import dev.tollgate.check.Secrets;
import dev.tollgate.check.Status;
import dev.tollgate.db.ReadingSessions;
import dev.tollgate.model.Baseline;
import dev.tollgate.model.Release;
import dev.tollgate.model.Step;
import dev.tollgate.model.StepKind;
import dev.tollgate.model.Suite;
import dev.tollgate.model.UpgradeMigrations;
import dev.tollgate.report.AllureEvidence;
import dev.tollgate.system.RunningService;
import dev.tollgate.runtime.SystemUnderTest;
import dev.tollgate.system.SystemWait;
import dev.tollgate.system.RollingUpgradeFigures;
import dev.tollgate.system.UpgradeWindow;

/**
 * Carries out one step: a lifecycle change of the deployment or a round of checks, within the
 * step's timeout, retried when the suite asks. A failed lifecycle step aborts the rest of the
 * scenario, with the reason.
 */
final class StepExecutor {

    private final TollgateExecutionContext.RunSettings run;
    private final ScenarioState scenario;
    // Written by the step's worker thread, read when the step is recorded.
    private final AtomicReference<List<CheckRunner.Ran>> checkResults = new AtomicReference<>(List.of());
    // What the step waited on the system under test; a fresh tally per step, filled on its worker thread.
    private final AtomicReference<SystemWait> waited = new AtomicReference<>(new SystemWait());
    // What each hop of an upgrade step applied and how long the largest tables were locked; written by the worker.
    private final AtomicReference<List<UpgradeMigrations>> upgrades = new AtomicReference<>(List.of());

    /**
     * Steps whose readings of the database may keep their connections for the next ({@link ReadingSessions}):
     * they send requests and read, and nothing in them needs the database free of sessions.
     */
    static final Set<StepKind> ONLY_READ = EnumSet.of(StepKind.CHECK, StepKind.SEED, StepKind.SNAPSHOT);

    StepExecutor(TollgateExecutionContext.RunSettings run, ScenarioState scenario) {
        this.run = run;
        this.scenario = scenario;
    }

    void execute(Suite suite, Step step, String id) {
        String name = scenario.checks().variables().resolve(step.displayName());
        AllureEvidence.label("suite", suite.name());
        // Grouped by upgrade path: a matrix's paths are side by side in the report, each with its suites.
        AllureEvidence.label("parentSuite", "Tollgate: " + run.configuration().describePath());
        suite.tags().forEach(tag -> AllureEvidence.label("feature", tag));
        AllureEvidence.parameter("previous", run.configuration().previous().id());
        AllureEvidence.parameter("candidate", run.configuration().candidate().id());
        AllureEvidence.parameter("profile", run.profile().name());
        AllureEvidence.label("severity", step.kind().lifecycle() ? "blocker" : "critical");
        PhaseHeading.of(step, scenario.system(), scenario.checks().variables()).ifPresent(scenario.progress()::report);
        long started = System.nanoTime();
        checkResults.set(List.of());
        waited.set(new SystemWait());
        upgrades.set(List.of());
        try {
            Runnable action = () -> perform(suite, step);
            if (ONLY_READ.contains(step.kind())) {
                StepTimeout.run(step, name, waited.get(), () -> scenario.readings().during(action));
            } else {
                scenario.readings().release();  // a backup, a restore or a release's stop needs the database to itself
                StepTimeout.run(step, name, waited.get(), action);
            }
            scenario.progress().report(String.format("  ✔ %s (%.1fs)", name, seconds(started)));
            record(suite, id, name, step, Status.PASSED, "", started);
        } catch (RuntimeException | AssertionError e) {
            scenario.progress().report(String.format("  ✘ %s (%.1fs): %s", name, seconds(started), e.getMessage()));
            record(suite, id, name, step, outcome(e), e.getMessage(), started);
            if (step.kind().lifecycle() && !step.continuesOnFailure()) {
                scenario.abort("'" + name + "' at " + step.position() + " failed, so the rest of the scenario cannot run: "
                        + Text.firstLine(e.getMessage()));
            }
            Throwable shown = maskedThrowable(e);
            if (shown instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw (AssertionError) shown;
        } finally {
            scenario.system().lastDeployed().map(RunningService::logFile)
                    .ifPresent(log -> AllureEvidence.log("service log (" + log.getFileName() + ")", log));
        }
    }

    /**
     * The failure as JUnit XML and Allure may show it: an exception whose message carries a secret
     * is replaced by one of the same kind with the message masked (and no cause, whose message would
     * carry it too).
     */
    static Throwable maskedThrowable(Throwable e) {
        String message = e.getMessage();
        String masked = Secrets.known().mask(message);
        if (message == null || message.equals(masked)) {
            return e;
        }
        Throwable copy = e instanceof AssertionError ? new AssertionFailedError(masked)
                : e instanceof TollgateException tollgate ? new TollgateException(tollgate.code(), masked)
                : new IllegalStateException(masked);
        copy.setStackTrace(e.getStackTrace());
        return copy;
    }

    /**
     * A failed expectation, or a release that crashed, never answered or overran its budget, is a
     * finding against the release (FAILED); anything else kept the harness from seeing (BROKEN).
     */
    static Status outcome(Throwable e) {
        boolean releaseFault = e instanceof AssertionError || e instanceof TollgateException tollgate && tollgate.code().releaseFault();
        return releaseFault ? Status.FAILED : Status.BROKEN;
    }

    private void record(Suite suite, String id, String name, Step step, Status status, String message, long started) {
        run.recorder().stepFinished(suite, id, name, step, status, message == null ? "" : message,
                (System.nanoTime() - started) / 1_000_000, checkResults.get(), waited.get().millis(), upgrades.get());
    }

    private void perform(Suite suite, Step step) {
        SystemUnderTest system = scenario.system();
        switch (step.kind()) {
            case INSTALL -> {
                try {
                    Release release = scenario.release(step.target());
                    Optional<Baseline> baseline = Baseline.of(step, scenario.checks().variables());
                    if (baseline.isPresent()) {
                        system.installFrom(release, baseline.get());
                    } else {
                        system.install(release);
                    }
                } catch (TollgateException e) {
                    throw HistoryAfterFailedStart.explain(e, system::database);
                }
            }
            case UPGRADE -> {
                List<Release> path = run.configuration().upgradePath(scenario.release(step.target()));
                for (Release hop : path) {
                    if (path.size() > 1) {
                        scenario.progress().report("    hop to " + hop + " (" + (path.indexOf(hop) + 1) + " of " + path.size() + ")");
                    }
                    MigrationsUnderData watch = MigrationsUnderData.start(system, run.profile().database().migrations(),
                            run.configuration().lockProbeTables(), step.timeoutIfSet().orElse(StepTimeout.DEFAULT));
                    try {
                        try {
                            int probed = system.upgradeProbes().size();
                            long stoppedBefore = system.pendingStopMillis();
                            long started = System.nanoTime();
                            system.deploy(hop);
                            scenario.checks().upgraded(upgradeWindow(system, probed, hop, started, stoppedBefore));
                        } catch (TollgateException e) {
                            throw HistoryAfterFailedStart.explain(e, system::database);
                        } finally {
                            UpgradeMigrations seen = watch.finish(hop.id());
                            upgrades.updateAndGet(earlier -> concat(earlier, seen));
                        }
                    } catch (TollgateException e) {
                        throw path.size() == 1 ? e : new TollgateException(e.code(), "the upgrade path "
                                + run.configuration().describePath() + " stopped at " + hop + ": " + e.getMessage(), e);
                    }
                }
            }
            case ROLLBACK -> {
                system.deploy(scenario.release(step.target()));
                checkResults.set(new CheckRound(run, scenario).scanMigrationWarnings(step));
            }
            case RESTART -> system.deploy(system.runningRelease().orElseThrow(() -> new TollgateException(
                    ErrorCode.RUNTIME_SERVICE_EXITED, step.position() + ": restart: no release is running")));
            case STOP -> system.stopService();
            case BACKUP -> system.backup(scenario.checks().variables().resolve(step.target()));
            case RESTORE -> {
                new SnapshotStep(scenario, scenario.progress()).keepBeforeRestore(suite, run.registry());
                system.restore(scenario.checks().variables().resolve(step.target()));
                String release = step.options().get("release");
                if (release != null) {
                    system.deploy(scenario.release(release));
                }
            }
            // A seed fixture's requests are checks of the seed step: each must get the answer it expects.
            case CHECK, SEED -> {
                List<CheckRunner.Ran> ran = new CheckRound(run, scenario).run(step);
                checkResults.set(ran);
                CheckRound.failIfAny(ran);
            }
            case SNAPSHOT -> new SnapshotStep(scenario, scenario.progress()).take(step);
        }
    }

    /**
     * A rolling upgrade's probe measured the window when it ran one; otherwise the runtime stopped the
     * release and started the next, and the service was unreachable for the whole deploy, and for the
     * stop of a backup that left the old release down until this upgrade ({@code stoppedBefore}).
     */
    private static UpgradeWindow upgradeWindow(SystemUnderTest system, int probedBefore, Release hop,
            long started, long stoppedBefore) {
        List<RollingUpgradeFigures> probes = system.upgradeProbes();
        return probes.size() > probedBefore ? UpgradeWindow.probed(probes.get(probes.size() - 1))
                : UpgradeWindow.stopAndStart(hop.id(),
                        stoppedBefore + (System.nanoTime() - started) / 1_000_000);
    }

    private static List<UpgradeMigrations> concat(List<UpgradeMigrations> earlier, UpgradeMigrations hop) {
        List<UpgradeMigrations> all = new java.util.ArrayList<>(earlier);
        all.add(hop);
        return List.copyOf(all);
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
