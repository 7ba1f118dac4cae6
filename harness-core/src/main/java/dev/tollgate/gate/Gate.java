package dev.tollgate.gate;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apiguardian.api.API;

import dev.tollgate.api.Hints;
import dev.tollgate.api.Constants;
import dev.tollgate.api.ErrorCode;
import dev.tollgate.api.TollgateException;
import dev.tollgate.check.Status;
import dev.tollgate.report.RunRecord;
import dev.tollgate.model.Area;

/**
 * Turns a run into a verdict. {@link #evaluate} decides and returns; {@link #enforce} fails on
 * anything but GO unless the gate is report-only.
 *
 * <ul>
 * <li>NO-GO: a step or check failed (a finding against the release) in an area that is not advisory, and no valid waiver
 * covers it. NO-GO wins over INCONCLUSIVE: a defect is a defect, whatever else is missing.</li>
 * <li>INCONCLUSIVE: no suite ran; no check ran; a step was skipped or broke, i.e. the harness's environment
 * kept it from looking (outside an advisory area); a
 * required area has no evidence; a required suite did not run.</li>
 * <li>GO otherwise. A failure in an advisory area (by default code rollback) is stated as a note:
 * "code rollback unsafe: restore required"; so is a schema change the safety check found not
 * backward-safe.</li>
 * </ul>
 *
 * <p>A health-and-version area with evidence but no {@code version} check says "version not checked"
 * ({@link VersionEvidence#NOT_CHECKED}); {@link GateRules#versionNotChecked()} makes that a note (the
 * default), missing evidence (INCONCLUSIVE) or a failure (NO-GO).
 */
@API(status = INTERNAL, since = "0.1")
public final class Gate {

    static final String CODE_ROLLBACK_NOTE = "code rollback unsafe: restore required";

    /** Whether a verdict other than GO fails the build. */
    public enum Mode {
        ENFORCE, REPORT_ONLY;

        /** {@code enforce} or {@code report-only}; anything else warns and falls back to enforce, the safe side. */
        public static Mode fromProperty(String value, Consumer<String> warnings) {
            if (value == null || value.isBlank() || value.strip().equalsIgnoreCase("enforce")) {
                return ENFORCE;
            }
            if (value.strip().equalsIgnoreCase("report-only")) {
                return REPORT_ONLY;
            }
            warnings.accept(Constants.GATE_MODE + "=" + value + " is not a gate mode (enforce, report-only); using enforce");
            return ENFORCE;
        }

        public String key() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private Gate() {
    }

    public static GateResult evaluate(RunRecord run, GateRules rules, List<Waiver> waivers, LocalDate today) {
        Objects.requireNonNull(run, "run must not be null");
        Objects.requireNonNull(rules, "rules must not be null");
        Objects.requireNonNull(waivers, "waivers must not be null");
        Objects.requireNonNull(today, "today must not be null");
        if (run.matrix()) {
            return MatrixVerdict.of(run.paths().stream()
                    .map(path -> new GateResult.PathResult(path, evaluate(run.forPath(path), rules, waivers, today))).toList());
        }
        List<Observation> observed = Observations.of(run);
        CodeRollback codeRollback = CodeRollback.of(observed);
        boolean warningBlocks = rules.rollbackWarningsBlock() && codeRollback.probe() == CodeRollback.Probe.WARNED;
        // A rule that makes warnings block turns each warning the probe logged into a finding of its own, so a
        // waiver can name it and the reason quotes it; otherwise the warning stays a fact the verdict states.
        List<Observation> observations = warningBlocks ? observed.stream().map(Gate::warningAsFinding).toList() : observed;
        Set<Area> required = rules.requiredFor(run);
        AreaJudge judge = new AreaJudge(waivers.stream().filter(waiver -> waiver.activeOn(today)).toList());
        boolean withinMajor = rules.rollbackSafeWithinMajor() && sameMajor(run.previous(), run.candidate());
        List<AreaResult> judged = Arrays.stream(Area.values())
                .map(area -> judge.judge(area, observations.stream().filter(o -> o.area() == area).toList(),
                        required.contains(area), rules.isAdvisory(area)
                                && !(area == Area.CODE_ROLLBACK && (withinMajor || warningBlocks))))
                .map(area -> warned(area, codeRollback))
                .toList();
        VersionEvidence versionEvidence = versionEvidence(judged, observations);
        List<AreaResult> areas = judged.stream()
                .map(area -> versionEvidence == VersionEvidence.NOT_CHECKED && area.area() == Area.HEALTH_VERSION
                        ? versionNotChecked(area, rules.versionNotChecked()) : area)
                .toList();
        List<String> reasons = new ArrayList<>();
        // Within a major version code rollback blocks; its reason says why it does.
        String whyRollbackBlocks = withinMajor && codeRollback.probe() == CodeRollback.Probe.UNSAFE ? " — "
                + run.candidate() + " keeps the major version of " + run.previous()
                + ", so the previous release must keep working on its schema"
                : warningBlocks ? " — the gate rules make a warning of the previous release block (rollbackWarningsBlock: true)" : "";
        Verdict verdict = decide(run, rules, observations, areas, reasons, whyRollbackBlocks);
        List<String> notes = notes(areas, codeRollback, warningBlocks);
        // Rows the data check found moved rather than lost: not a finding, but a person must see it.
        observations.stream().flatMap(o -> o.facts().moves().stream()).distinct().map(move -> "data: " + move)
                .forEach(notes::add);
        if (versionEvidence == VersionEvidence.NOT_CHECKED && rules.versionNotChecked() == VersionNotChecked.NOTE) {
            notes.add(VERSION_NOT_CHECKED + " (" + WHY_VERSION_NOT_CHECKED + ")");
        }
        return new GateResult(verdict, reasons, areas, notes, judge.used(),
                waivers.stream().filter(waiver -> !waiver.activeOn(today)).toList(), codeRollback, versionEvidence);
    }

    /** The verdict when there is no run to judge: INCONCLUSIVE, for the reason given. */
    public static GateResult withoutRun(String reason) {
        List<AreaResult> areas = Arrays.stream(Area.values())
                .map(area -> new AreaResult(area, AreaStatus.NOT_RUN, false, false, List.of(), 0, 0, 0)).toList();
        return new GateResult(Verdict.INCONCLUSIVE, List.of(reason), areas, List.of(), List.of(), List.of(),
                new CodeRollback(CodeRollback.Probe.NOT_PROBED, CodeRollback.Classification.NOT_CLASSIFIED, reason, null,
                        List.of()),
                VersionEvidence.NO_EVIDENCE);
    }

    /**
     * Fails with {@link ErrorCode#GATE_NO_GO} or {@link ErrorCode#GATE_INCONCLUSIVE} unless the
     * verdict is GO or the mode is report-only; returns the result otherwise.
     */
    public static GateResult enforce(GateResult result, Mode mode) {
        return enforce(result, mode, Hints.setting(Constants.GATE_MODE, "report-only"));
    }

    /**
     * @param reportOnly how the person who ran it asks for report-only: {@code -Dtollgate.gate=report-only}
     *                   under Maven, {@code --gate report-only} on the command line
     */
    public static GateResult enforce(GateResult result, Mode mode, String reportOnly) {
        Objects.requireNonNull(result, "result must not be null");
        Objects.requireNonNull(mode, "mode must not be null");
        if (result.verdict() == Verdict.GO || mode == Mode.REPORT_ONLY) {
            return result;
        }
        ErrorCode code = result.verdict() == Verdict.NO_GO ? ErrorCode.GATE_NO_GO : ErrorCode.GATE_INCONCLUSIVE;
        throw new TollgateException(code, "Release readiness is " + result.verdict().display() + ": "
                + String.join("; ", result.reasons()) + ". The build fails on " + result.verdict().display()
                + "; to record the verdict without failing it, run with " + reportOnly + ".");
    }

    private static Verdict decide(RunRecord run, GateRules rules, List<Observation> observations,
            List<AreaResult> areas, List<String> reasons, String whyRollbackBlocks) {
        if (run.target() != null && run.target().refused()) {
            List<String> suites = run.target().destructiveSuites();
            reasons.add("Refused: " + (suites.size() == 1 ? "a destructive suite was" : suites.size() + " destructive suites were")
                    + " selected against the remote target " + run.target().url() + ", so nothing was started: "
                    + String.join("; ", suites));
            return Verdict.INCONCLUSIVE;
        }
        if (run.suites().isEmpty()) {
            reasons.add("no suite ran: the selection found nothing to rehearse");
            return Verdict.INCONCLUSIVE;
        }
        // The area whose finding came first in its suite leads: what failed later often failed because of it.
        areas.stream().filter(AreaResult::blocks).sorted(Comparator.comparingInt(area -> firstFinding(observations, area.area())))
                .forEach(area -> reasons.add(summary(area) + (area.area() == Area.CODE_ROLLBACK ? whyRollbackBlocks : "")));
        if (!reasons.isEmpty()) {
            return Verdict.NO_GO;
        }
        areas.stream().filter(area -> area.status() == AreaStatus.MISSING).forEach(area -> reasons.add(summary(area)));
        Set<String> ran = run.suites().stream().map(RunRecord.SuiteRecord::name).collect(Collectors.toSet());
        rules.requiredSuites().stream().filter(suite -> !ran.contains(suite)).sorted()
                .forEach(suite -> reasons.add("required suite '" + suite + "' did not run"));
        if (observations.stream().noneMatch(Observation::checkRan)) {
            reasons.add("no check ran: lifecycle steps alone are no evidence");
        }
        return reasons.isEmpty() ? Verdict.GO : Verdict.INCONCLUSIVE;
    }

    /** A passing observation of code rollback that carries warnings, as a finding that quotes the first. */
    private static Observation warningAsFinding(Observation o) {
        if (o.area() != Area.CODE_ROLLBACK || o.facts().migrationWarnings().isEmpty()) {
            return o;
        }
        return new Observation(o.area(), o.suite(), o.step(), o.check(), o.checkType(), Status.FAILED,
                CodeRollback.warned(o.facts().migrationWarnings()), o.facts());
    }

    /** The code rollback area, saying what the previous release warned where the warning does not block (a note). */
    private static AreaResult warned(AreaResult area, CodeRollback codeRollback) {
        if (area.area() != Area.CODE_ROLLBACK || codeRollback.probe() != CodeRollback.Probe.WARNED
                || area.status() != AreaStatus.PASSED) {
            return area;
        }
        List<String> reasons = new ArrayList<>(area.reasons());
        reasons.add(0, codeRollback.warning().orElseThrow() + " (a note: it does not block)");
        return area.with(area.status(), reasons);
    }

    /** Where the area's first finding stands among the run's observations, which are in the order they happened. */
    private static int firstFinding(List<Observation> observations, Area area) {
        for (int i = 0; i < observations.size(); i++) {
            if (observations.get(i).area() == area && observations.get(i).finding()) {
                return i;
            }
        }
        return observations.size();
    }

    private static String summary(AreaResult area) {
        int more = area.reasons().size() - 1;
        return area.area().label() + ": " + area.firstReason() + (more > 0 ? " (and " + more + " more)" : "");
    }

    private static List<String> notes(List<AreaResult> areas, CodeRollback codeRollback, boolean warningBlocks) {
        List<String> notes = new ArrayList<>(areas.stream()
                .filter(area -> area.status() == AreaStatus.FAILED && area.advisory() && area.area() != Area.CODE_ROLLBACK)
                .map(Gate::note).toList());
        if (codeRollback.asksForRestore() || codeRollback.probe() == CodeRollback.Probe.WARNED && !warningBlocks) {
            notes.add(0, codeRollback.statement());
        }
        codeRollback.disagreement().ifPresent(why -> notes.add("code rollback probe and schema classification disagree: " + why));
        return notes;
    }

    static final String VERSION_NOT_CHECKED = "health and version: version not checked";
    static final String WHY_VERSION_NOT_CHECKED = "no version check ran; add '- check: version' after the install or upgrade";

    /**
     * Health passing says nothing about which release answers: when the area has evidence but no
     * {@code version} check compared a version, that is a fact of its own, so "health and version"
     * does not read as both.
     */
    private static VersionEvidence versionEvidence(List<AreaResult> areas, List<Observation> observations) {
        boolean evidence = areas.stream().anyMatch(area -> area.area() == Area.HEALTH_VERSION && area.status() != AreaStatus.NOT_RUN
                && area.status() != AreaStatus.MISSING);
        boolean compared = observations.stream().anyMatch(o -> o.area() == Area.HEALTH_VERSION && "version".equals(o.checkType())
                && o.checkRan());
        return compared ? VersionEvidence.COMPARED : evidence ? VersionEvidence.NOT_CHECKED : VersionEvidence.NO_EVIDENCE;
    }

    /**
     * The health-and-version area says the version was not checked, first among its reasons; the rule
     * decides what that does: a passed area stays passed (NOTE), lacks evidence (INCONCLUSIVE) or fails
     * (NO-GO). An area that already failed or was waived keeps its status.
     */
    private static AreaResult versionNotChecked(AreaResult area, VersionNotChecked rule) {
        String notChecked = "version not checked (" + WHY_VERSION_NOT_CHECKED + ")";
        // A passed area states it first; in one that failed or was waived, what it found comes first.
        List<String> reasons = area.status() == AreaStatus.PASSED
                ? Stream.concat(Stream.of(notChecked), area.reasons().stream()).toList()
                : Stream.concat(area.reasons().stream(), Stream.of(notChecked)).toList();
        AreaStatus status = area.status() != AreaStatus.PASSED ? area.status() : switch (rule) {
            case NOTE -> AreaStatus.PASSED;
            case INCONCLUSIVE -> AreaStatus.MISSING;
            case NO_GO -> AreaStatus.FAILED;
        };
        return area.with(status, reasons);
    }

    /** Whether both are versions like {@code 1.1.0} with the same leading number. */
    static boolean sameMajor(String previous, String candidate) {
        return major(previous).flatMap(one -> major(candidate).map(one::equals)).orElse(false);
    }

    private static java.util.Optional<String> major(String release) {
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("^v?(\\d+)\\.").matcher(release == null ? "" : release);
        return matcher.find() ? java.util.Optional.of(matcher.group(1)) : java.util.Optional.empty();
    }

    private static String note(AreaResult area) {
        return area.area().label() + " failed (advisory, does not block): " + area.firstReason();
    }
}
