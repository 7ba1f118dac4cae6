package dev.tollgate.gate;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import java.util.Objects;

import org.apiguardian.api.API;

import dev.tollgate.model.Area;

/**
 * Where one area stands, and why.
 *
 * @param area     the area
 * @param status   its status
 * @param required whether the rules required evidence for it in this run
 * @param advisory whether its failures are stated without blocking
 * @param reasons  one line per failure, skip, waiver or missing piece, each naming the suite, the
 *                 step and its position; empty when it passed, but for health and version's "version
 *                 not checked" (see {@link VersionEvidence})
 * @param passed   steps and checks of the area that passed
 * @param failed   those that failed or broke (waived ones included)
 * @param skipped  those that were skipped
 */
@API(status = INTERNAL, since = "0.1")
public record AreaResult(Area area, AreaStatus status, boolean required, boolean advisory, List<String> reasons,
        int passed, int failed, int skipped) {

    public AreaResult {
        Objects.requireNonNull(area, "area must not be null");
        Objects.requireNonNull(status, "status must not be null");
        reasons = List.copyOf(reasons);
    }

    /** Whether this area alone makes the verdict NO-GO. */
    public boolean blocks() {
        return status == AreaStatus.FAILED && !advisory;
    }

    /** This area with another status and reasons; what it required, advised and counted stays. */
    AreaResult with(AreaStatus newStatus, List<String> newReasons) {
        return new AreaResult(area, newStatus, required, advisory, newReasons, passed, failed, skipped);
    }

    /** The first reason, or empty: what a one-line summary shows. */
    public String firstReason() {
        return reasons.isEmpty() ? "" : reasons.get(0);
    }
}
