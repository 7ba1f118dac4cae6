package dev.tollgate.gate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import dev.tollgate.model.Area;

/**
 * The verdict of a matrix of upgrade paths from each path's own: GO only if every path is GO, NO-GO
 * if any is, else INCONCLUSIVE. Every reason, area reason and note says which path it is about.
 */
final class MatrixVerdict {

    // Which of two area statuses a matrix shows: the one that says most against the candidate.
    private static final List<AreaStatus> WORST_FIRST = List.of(AreaStatus.FAILED, AreaStatus.MISSING, AreaStatus.WAIVED,
            AreaStatus.PASSED, AreaStatus.NOT_RUN);

    private MatrixVerdict() {
    }

    static GateResult of(List<GateResult.PathResult> paths) {
        List<GateResult> results = paths.stream().map(GateResult.PathResult::result).toList();
        Verdict verdict = results.stream().map(GateResult::verdict).anyMatch(Verdict.NO_GO::equals) ? Verdict.NO_GO
                : results.stream().allMatch(result -> result.verdict() == Verdict.GO) ? Verdict.GO : Verdict.INCONCLUSIVE;
        List<String> reasons = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        paths.forEach(path -> {
            path.result().reasons().forEach(reason -> reasons.add(named(path, reason)));
            path.result().notes().forEach(note -> notes.add(named(path, note)));
        });
        List<AreaResult> areas = Arrays.stream(Area.values()).map(area -> area(area, paths)).toList();
        CodeRollback codeRollback = results.stream().map(GateResult::codeRollback).filter(CodeRollback::asksForRestore)
                .findFirst().orElse(results.get(0).codeRollback());
        return new GateResult(verdict, reasons, areas, notes,
                results.stream().flatMap(result -> result.waiversUsed().stream()).distinct().toList(),
                results.get(0).expiredWaivers(), codeRollback, versionEvidence(results), paths);
    }

    // Compared only if every path compared; not checked if any path's evidence went without a version check.
    private static VersionEvidence versionEvidence(List<GateResult> results) {
        List<VersionEvidence> each = results.stream().map(GateResult::versionEvidence).toList();
        return each.contains(VersionEvidence.NOT_CHECKED) ? VersionEvidence.NOT_CHECKED
                : each.stream().allMatch(VersionEvidence.COMPARED::equals) ? VersionEvidence.COMPARED : VersionEvidence.NO_EVIDENCE;
    }

    private static AreaResult area(Area area, List<GateResult.PathResult> paths) {
        List<AreaResult> each = paths.stream().map(path -> path.result().area(area)).toList();
        AreaStatus status = each.stream().map(AreaResult::status).min(Comparator.comparingInt(WORST_FIRST::indexOf))
                .orElse(AreaStatus.NOT_RUN);
        // Advisory only if no path where it has this status holds it blocking (rollback within a major does).
        boolean advisory = each.stream().filter(result -> result.status() == status).allMatch(AreaResult::advisory);
        List<String> reasons = new ArrayList<>();
        for (GateResult.PathResult path : paths) {
            path.result().area(area).reasons().forEach(reason -> reasons.add(named(path, reason)));
        }
        return new AreaResult(area, status, each.stream().anyMatch(AreaResult::required), advisory, reasons,
                each.stream().mapToInt(AreaResult::passed).sum(), each.stream().mapToInt(AreaResult::failed).sum(),
                each.stream().mapToInt(AreaResult::skipped).sum());
    }

    private static String named(GateResult.PathResult path, String text) {
        return path.path().describe() + ": " + text;
    }
}
