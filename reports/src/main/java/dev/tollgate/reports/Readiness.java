package dev.tollgate.reports;

import java.nio.file.Path;
import java.util.Optional;

import dev.tollgate.gate.Gate;
import dev.tollgate.gate.GateResult;
import dev.tollgate.report.RunRecord;

/**
 * Everything both files say: the gate's result, the run it judged (if there was one), and where
 * the evidence lies.
 *
 * @param previous  the release in production, from the run record, else as asked for
 * @param candidate the release about to ship, likewise
 * @param profile   the deployment profile, likewise
 * @param runRecord the run record's path, which also locates the rest of the evidence
 * @param allureReport the generated Allure report's {@code index.html}, if it was generated
 */
record Readiness(GateResult result, Optional<RunRecord> run, String previous, String candidate, String profile,
        Gate.Mode mode, Path root, Path runRecord, Optional<Path> allureReport) {

    static Readiness of(GateResult result, Optional<RunRecord> run, ReportOptions options) {
        return new Readiness(result, run, run.map(RunRecord::previous).orElse(options.previous()),
                run.map(RunRecord::candidate).orElse(options.candidate()),
                run.map(RunRecord::profile).orElse(options.profile()), options.mode(), options.root(), options.runRecord(),
                Optional.empty());
    }

    Readiness withAllureReport(Path index) {
        return new Readiness(result, run, previous, candidate, profile, mode, root, runRecord, Optional.of(index));
    }

    /** {@code NO-GO — 1.0.0 → 1.1.0 on local} */
    String headline() {
        return result.verdict().display() + " — " + previous + " → " + candidate + " on " + profile;
    }

    String shown(Path path) {
        return Paths.shown(root, path);
    }

    /** The evidence next to the run record, by what it is: JUnit XML, Allure results, service logs. */
    Path evidenceDir() {
        return runRecord.toAbsolutePath().getParent();
    }

    Path failsafeReports() {
        return evidenceDir().resolveSibling("failsafe-reports");
    }

    Path allureResults() {
        return evidenceDir().resolveSibling("allure-results");
    }
}
