package dev.tollgate.reports;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import dev.tollgate.api.ErrorCode;
import dev.tollgate.api.TollgateException;
import dev.tollgate.check.Secrets;
import dev.tollgate.gate.AreaResult;
import dev.tollgate.gate.Gate;
import dev.tollgate.gate.GateResult;
import dev.tollgate.gate.GateRules;
import dev.tollgate.gate.Verdict;
import dev.tollgate.gate.Waiver;
import dev.tollgate.gate.Waivers;
import dev.tollgate.report.RunRecord;

/**
 * Reads the run record, lets the gate decide, writes both files, says where they are, and answers
 * with the exit code the build should end with. Both files are written whatever happens, so a
 * verdict from an earlier build never stays behind to be read as this one's.
 */
final class ReadinessGate {

    static final String JSON_FILE = "release-readiness.json";
    static final String MARKDOWN_FILE = "release-readiness.md";

    /**
     * @param exitCode 0 when the build may go on, else the error code's exit code
     * @param failure  why it may not, for the person at the terminal; empty when it may
     */
    record Outcome(Readiness readiness, Path json, Path markdown, Optional<Path> allureIndex, int exitCode, String failure) {
    }

    private ReadinessGate() {
    }

    /** @param loaded the run to judge, or why there is none */
    static Outcome run(ReportOptions options, RunRecordFile.Loaded loaded, PrintStream out) {
        GateResult result;
        TollgateException badInput = null;
        try {
            result = loaded.run().map(run -> Gate.evaluate(run, rules(options, run), waivers(options), options.today()))
                    .orElseGet(() -> Gate.withoutRun(loaded.missingBecause()));
        } catch (TollgateException e) {
            // A broken waivers or rules file is an error in any mode: nothing may be decided on it.
            result = Gate.withoutRun(e.getMessage());
            badInput = e;
        }
        Readiness judged = Readiness.of(result, loaded.run(), options);
        Path json = options.out().resolve(JSON_FILE);
        Path markdown = options.out().resolve(MARKDOWN_FILE);
        // Before the verdict can fail the build: a NO-GO is when the report is needed most.
        Optional<Path> allureIndex = options.allure().flatMap(allure -> allure(allure, judged, out));
        Readiness readiness = allureIndex.map(judged::withAllureReport).orElse(judged);
        write(readiness, json, markdown);
        print(readiness, json, markdown, options.allure(), allureIndex, out);
        Outcome outcome;
        if (badInput != null) {
            outcome = new Outcome(readiness, json, markdown, allureIndex, badInput.code().exitCode(), badInput.getMessage());
        } else {
            try {
                Gate.enforce(result, options.mode(), options.reportOnly());
                outcome = new Outcome(readiness, json, markdown, allureIndex, 0, "");
            } catch (TollgateException e) {
                outcome = new Outcome(readiness, json, markdown, allureIndex, e.code().exitCode(), e.getMessage());
            }
        }
        out.println("[tollgate] " + finalLine(outcome, options.reportOnly()));
        return outcome;
    }

    /** The last line a person sees: the verdict and what it does to the build. */
    static String finalLine(Outcome outcome, String reportOnly) {
        Readiness readiness = outcome.readiness();
        String verdict = "══ " + readiness.result().verdict().display() + " ══ " + readiness.previous() + " → "
                + readiness.candidate() + " on " + readiness.profile();
        if (outcome.exitCode() != 0) {
            return verdict + ": the build fails" + (readiness.result().verdict() == Verdict.GO ? ""
                    : " (" + reportOnly + " reports without failing)");
        }
        return verdict + (readiness.result().verdict() == Verdict.GO ? "" : ": reported only (gate report-only), the build goes on");
    }

    // A report that cannot be generated is said loudly, but the verdict, not the report, decides the build.
    private static Optional<Path> allure(AllureOptions allure, Readiness readiness, PrintStream out) {
        long started = System.nanoTime();
        try {
            Path index = AllureReport.generate(allure, readiness);
            out.printf("[tollgate] Allure report generated in %.1fs%n", (System.nanoTime() - started) / 1e9);
            return Optional.of(index);
        } catch (IOException | RuntimeException e) {
            out.println("[tollgate] warning: no Allure report: " + e.getMessage());
            return Optional.empty();
        }
    }

    private static GateRules rules(ReportOptions options, RunRecord run) {
        return options.rulesFor(run.profile()).map(GateRules::load).orElseGet(GateRules::defaults);
    }

    private static List<Waiver> waivers(ReportOptions options) {
        return options.waivers().map(Waivers::read).orElse(List.of());
    }

    private static void write(Readiness readiness, Path json, Path markdown) {
        try {
            Files.createDirectories(json.getParent());
            // Written from run.json, already masked; masked again, as every writer does, for values
            // this JVM learnt itself (a run and its readiness step in one build).
            Files.writeString(json, Secrets.known().mask(ReadinessJson.JSON.writeValueAsString(ReadinessJson.of(readiness))));
            Files.writeString(markdown, Secrets.known().mask(ReadinessMarkdown.of(readiness)));
        } catch (IOException e) {
            throw new TollgateException(ErrorCode.RUNTIME_IO, "Cannot write the release-readiness report to "
                    + json.getParent() + ": " + e.getMessage(), e);
        }
    }

    private static void print(Readiness readiness, Path json, Path markdown, Optional<AllureOptions> allure,
            Optional<Path> allureIndex, PrintStream out) {
        GateResult result = readiness.result();
        out.println("[tollgate] Release readiness: " + readiness.headline());
        result.paths().forEach(path -> out.println("[tollgate]   " + path.result().verdict().display() + " — "
                + path.path().describe()));
        readiness.run().map(RunRecord::target).filter(RunRecord.Target::destructiveAllowed).ifPresent(target ->
                out.println("[tollgate]   !!! DESTRUCTIVE STEPS ALLOWED against " + target.url()
                        + " (-Dtollgate.allowDestructive=true): " + (target.destructiveSuites().isEmpty()
                                ? "no destructive suite ran" : String.join("; ", target.destructiveSuites()))));
        result.areas().stream().filter(AreaResult::blocks)
                .forEach(area -> out.println("[tollgate]   ✘ " + area.area().label() + ": " + area.firstReason()));
        if (result.areas().stream().noneMatch(AreaResult::blocks)) {
            result.reasons().forEach(reason -> out.println("[tollgate]   ? " + reason));
        }
        result.notes().forEach(note -> out.println("[tollgate]   ! " + note));
        result.waiversUsed().forEach(waiver -> out.println("[tollgate]   waived: " + waiver.scope() + " by "
                + waiver.owner() + " until " + waiver.expires()));
        out.println("[tollgate] " + readiness.shown(json));
        out.println("[tollgate] " + readiness.shown(markdown));
        // The report loads its data with XHRs, which browsers refuse on file://: it must be served.
        allureIndex.ifPresent(index -> out.println("[tollgate] " + readiness.shown(index) + " (Allure report; to view it: "
                + readiness.shown(allure.orElseThrow().home().resolve("bin/allure")) + " open "
                + readiness.shown(index.getParent()) + ")"));
    }
}
