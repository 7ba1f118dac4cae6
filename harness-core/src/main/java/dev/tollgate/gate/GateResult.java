package dev.tollgate.gate;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import java.util.Objects;

import org.apiguardian.api.API;

import dev.tollgate.model.Area;

/**
 * The gate's decision and everything it rests on.
 *
 * @param verdict        GO, NO-GO or INCONCLUSIVE
 * @param reasons        why the verdict is not GO, one line each (empty for GO)
 * @param areas          every area, in {@link Area} order
 * @param notes          what a GO still asks of the release notes, e.g. "code rollback unsafe: restore required"
 * @param waiversUsed    waivers that waived at least one finding
 * @param expiredWaivers waivers past their expiry date: ignored, listed so someone renews or removes them
 * @param codeRollback   whether the previous release runs on the migrated database, probed and predicted
 * @param versionEvidence whether a {@code version} check compared the reported version; when not,
 *                       the health-and-version area says "version not checked" and
 *                       {@link GateRules#versionNotChecked()} decided what that did to the verdict
 * @param paths          for a matrix of upgrade paths, each path's own result (this one is then all of them:
 *                       GO only if every path is GO, each reason and area reason naming its path); empty
 *                       for a run of one path
 */
@API(status = INTERNAL, since = "0.1")
public record GateResult(Verdict verdict, List<String> reasons, List<AreaResult> areas, List<String> notes,
        List<Waiver> waiversUsed, List<Waiver> expiredWaivers, CodeRollback codeRollback, VersionEvidence versionEvidence,
        List<PathResult> paths) {

    public GateResult {
        Objects.requireNonNull(verdict, "verdict must not be null");
        reasons = List.copyOf(reasons);
        areas = List.copyOf(areas);
        notes = List.copyOf(notes);
        waiversUsed = List.copyOf(waiversUsed);
        expiredWaivers = List.copyOf(expiredWaivers);
        Objects.requireNonNull(codeRollback, "codeRollback must not be null");
        Objects.requireNonNull(versionEvidence, "versionEvidence must not be null");
        paths = paths == null ? List.of() : List.copyOf(paths);
    }

    /** The result of a run of one path. */
    public GateResult(Verdict verdict, List<String> reasons, List<AreaResult> areas, List<String> notes,
            List<Waiver> waiversUsed, List<Waiver> expiredWaivers, CodeRollback codeRollback, VersionEvidence versionEvidence) {
        this(verdict, reasons, areas, notes, waiversUsed, expiredWaivers, codeRollback, versionEvidence, List.of());
    }

    /**
     * One upgrade path's verdict in a matrix.
     *
     * @param path   the path
     * @param result the gate's result for the suites that rehearsed it
     */
    public record PathResult(dev.tollgate.model.UpgradePath path, GateResult result) {

        public PathResult {
            Objects.requireNonNull(path, "path must not be null");
            Objects.requireNonNull(result, "result must not be null");
        }
    }

    public AreaResult area(Area area) {
        return areas.stream().filter(result -> result.area() == area).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no result for area " + area));
    }
}
