package dev.tollgate.gate;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/** Where one area stands after a run. */
@API(status = INTERNAL, since = "0.1")
public enum AreaStatus {
    /** Evidence ran and every finding passed. */
    PASSED,
    /** A step or check of the area failed or broke, and no valid waiver covers it. */
    FAILED,
    /** Findings failed, and every one is covered by a waiver that has not expired. */
    WAIVED,
    /** The area is required but has no evidence, or a step of it was skipped. */
    MISSING,
    /** Nothing in the run spoke for the area, and the rules do not require it. */
    NOT_RUN
}
