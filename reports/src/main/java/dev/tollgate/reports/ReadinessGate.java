package dev.tollgate.reports;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.tollgate.api.ErrorCode;
import dev.tollgate.api.TollgateException;
import dev.tollgate.gate.AreaResult;
import dev.tollgate.gate.Gate;
import dev.tollgate.gate.GateResult;
import dev.tollgate.gate.GateRules;
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
    record Outcome(Readiness readiness, Path json, Path markdown, int exitCode, String failure) {
    }

    private ReadinessGate() {
    }

    static Outcome run(ReportOptions options, PrintStream out) {
        RunRecordFile.Loaded loaded = RunRecordFile.load(options.runRecord(), options.notBefore(), options.previous(),
                options.candidate(), options.root());
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
        Readiness readiness = Readiness.of(result, loaded.run(), options);
        Path json = options.out().resolve(JSON_FILE);
        Path markdown = options.out().resolve(MARKDOWN_FILE);
        write(readiness, json, markdown);
        print(readiness, json, markdown, out);
        if (badInput != null) {
            return new Outcome(readiness, json, markdown, badInput.code().exitCode(), badInput.getMessage());
        }
        try {
            Gate.enforce(result, options.mode());
            return new Outcome(readiness, json, markdown, 0, "");
        } catch (TollgateException e) {
            return new Outcome(readiness, json, markdown, e.code().exitCode(), e.getMessage());
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
            ReadinessJson.JSON.writeValue(json.toFile(), ReadinessJson.of(readiness));
            Files.writeString(markdown, ReadinessMarkdown.of(readiness));
        } catch (IOException e) {
            throw new TollgateException(ErrorCode.RUNTIME_IO, "Cannot write the release-readiness report to "
                    + json.getParent() + ": " + e.getMessage(), e);
        }
    }

    private static void print(Readiness readiness, Path json, Path markdown, PrintStream out) {
        GateResult result = readiness.result();
        out.println("[tollgate] Release readiness: " + readiness.headline());
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
    }
}
