package dev.tollgate.reports;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import dev.tollgate.check.Status;
import dev.tollgate.gate.AreaResult;
import dev.tollgate.gate.GateResult;
import dev.tollgate.model.Area;
import dev.tollgate.gate.Verdict;
import dev.tollgate.gate.Waiver;
import dev.tollgate.report.RunRecord;

/**
 * {@code release-readiness.md}: what a person reads in ten seconds, e.g. as a CI job summary. The
 * verdict and why come first; the table shows every area; the last lines say where the evidence is.
 */
final class ReadinessMarkdown {

    private static final int MAX_CELL = 200;

    private ReadinessMarkdown() {
    }

    static String of(Readiness readiness) {
        StringBuilder md = new StringBuilder();
        md.append("## Release readiness: ").append(readiness.headline()).append("\n\n");
        if (readiness.result().verdict() != Verdict.GO) {
            md.append("**Why ").append(readiness.result().verdict().display()).append(":**\n\n");
            readiness.result().reasons().forEach(reason -> md.append("- ").append(oneLine(reason)).append('\n'));
            md.append('\n');
        }
        if (!readiness.result().notes().isEmpty()) {
            md.append("**Release notes must say:**\n\n");
            readiness.result().notes().forEach(note -> md.append("- ").append(oneLine(note)).append('\n'));
            md.append('\n');
        }
        if (readiness.result().codeRollback().probe() == dev.tollgate.gate.CodeRollback.Probe.SAFE) {
            md.append(oneLine(readiness.result().codeRollback().statement())).append(".\n\n");
        }
        readiness.run().map(RunRecord::target).ifPresent(target -> md.append(targetLine(target)));
        md.append(paths(readiness.result().paths()));
        md.append("| | area | result | why |\n| --- | --- | --- | --- |\n");
        readiness.result().areas().forEach(area -> md.append(row(area)));
        md.append('\n');
        waivers(md, "Waivers used", readiness.result().waiversUsed());
        waivers(md, "Expired waivers (ignored: renew or remove them)", readiness.result().expiredWaivers());
        List<UpgradeProbes> probes = UpgradeProbes.of(readiness);
        if (!probes.isEmpty()) {
            md.append("**Rolling upgrade, as users saw it** (requests through the proxy while the release rolled):\n\n");
            probes.forEach(probe -> md.append("- ").append(probe.line()).append(" (`").append(readiness.shown(probe.file()))
                    .append("`)\n"));
            md.append('\n');
        }
        md.append(WrongAuthzCases.of(readiness).markdown());
        md.append(MigrationsUnderData.of(readiness).markdown());
        readiness.run().ifPresent(run -> md.append(runLine(run)).append("\n\n"));
        md.append("Evidence: `").append(readiness.shown(readiness.runRecord())).append("` (run record) · `")
                .append(readiness.shown(readiness.failsafeReports())).append("` (a JUnit entry per step) · `")
                .append(readiness.shown(readiness.allureResults())).append("` (Allure, every check's evidence) · `")
                .append(readiness.shown(readiness.evidenceDir())).append("/` (service logs)");
        readiness.allureReport().ifPresent(index -> md.append(" · `").append(readiness.shown(index))
                .append("` (Allure report: suites, steps, evidence, categories, trends)"));
        md.append('\n');
        return md.toString();
    }

    /** For a matrix: one row per upgrade path, one column per area, each cell the area's result on that path. */
    static String paths(List<GateResult.PathResult> paths) {
        if (paths.isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder("| upgrade path | verdict |");
        StringBuilder rule = new StringBuilder("| --- | --- |");
        for (Area area : Area.values()) {
            md.append(' ').append(area.label()).append(" |");
            rule.append(" --- |");
        }
        md.append('\n').append(rule).append('\n');
        for (GateResult.PathResult path : paths) {
            md.append("| ").append(path.path().describe()).append(" | **").append(path.result().verdict().display())
                    .append("** |");
            for (Area area : Area.values()) {
                AreaRow row = AreaRow.of(path.result().area(area));
                md.append(' ').append(row.symbol()).append(' ').append(row.result()).append(" |");
            }
            md.append('\n');
        }
        return md.append('\n').toString();
    }

    private static String row(AreaResult area) {
        AreaRow row = AreaRow.of(area);
        return "| " + row.symbol() + " | " + row.label() + " | " + row.result() + " | " + cell(row.why()) + " |\n";
    }

    private static void waivers(StringBuilder md, String title, List<Waiver> waivers) {
        if (waivers.isEmpty()) {
            return;
        }
        md.append("**").append(title).append(":**\n\n");
        waivers.forEach(waiver -> md.append("- ").append(waiver.scope()).append(" — ").append(oneLine(waiver.reason()))
                .append(" (").append(waiver.owner()).append(", until ").append(waiver.expires()).append(")\n"));
        md.append('\n');
    }

    /** Against a remote target, where it was; and, loudly, when destructive steps were allowed there. */
    private static String targetLine(RunRecord.Target target) {
        StringBuilder line = new StringBuilder("Target: ").append(target.url()).append(" (remote, ")
                .append(target.database() ? "database read-only" : "no database").append(")\n\n");
        if (target.destructiveAllowed()) {
            line.append("**⚠️ DESTRUCTIVE STEPS ALLOWED** against this target (`-Dtollgate.allowDestructive=true`)");
            line.append(target.destructiveSuites().isEmpty() ? "; no destructive suite ran.\n\n" : ":\n\n");
            target.destructiveSuites().forEach(suite -> line.append("- ").append(oneLine(suite)).append('\n'));
            line.append(target.destructiveSuites().isEmpty() ? "" : "\n");
        }
        return line.toString();
    }

    private static String runLine(RunRecord run) {
        String suites = run.suites().stream().map(ReadinessMarkdown::suiteSummary).collect(Collectors.joining(", "));
        String took = run.startedAt() == null || run.finishedAt() == null ? ""
                : String.format(" in %.1f s", Duration.between(run.startedAt(), run.finishedAt()).toMillis() / 1000.0);
        String started = run.startedAt() == null ? "?" : run.startedAt().truncatedTo(ChronoUnit.SECONDS).toString();
        return "Suites: " + (suites.isEmpty() ? "none" : suites) + " · run started " + started + took
                + " · Tollgate " + run.tollgateVersion();
    }

    private static String suiteSummary(RunRecord.SuiteRecord suite) {
        List<String> counts = new ArrayList<>();
        for (Status status : Status.values()) {
            long steps = suite.steps().stream().filter(step -> step.status() == status).count();
            if (steps > 0) {
                counts.add(steps + " " + status.name().toLowerCase(Locale.ROOT));
            }
        }
        int steps = suite.steps().size();
        return "`" + suite.name() + "` (" + steps + (steps == 1 ? " step" : " steps")
                + (counts.isEmpty() ? "" : ": " + String.join(", ", counts)) + ")";
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    // A table cell ends at '|' and at a newline; long reasons are in the JSON in full.
    private static String cell(String text) {
        String cell = oneLine(text).replace("|", "\\|");
        return cell.length() <= MAX_CELL ? cell : cell.substring(0, MAX_CELL - 1) + "…";
    }
}
