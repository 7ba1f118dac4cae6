package dev.tollgate.gate;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Locale;

import org.apiguardian.api.API;

/**
 * Whether the run compared the version its service reports: health passing says nothing about
 * which release answers, so a health-and-version area without a {@code version} check is a fact of
 * its own, which {@link GateRules#versionNotChecked()} decides on.
 */
@API(status = INTERNAL, since = "0.2")
public enum VersionEvidence {
    /** A {@code version} check ran in the health-and-version area. */
    COMPARED,
    /** The area has evidence (health, ready, …), but no {@code version} check ran. */
    NOT_CHECKED,
    /** The area did not run or has no evidence at all: the area's own status speaks for it. */
    NO_EVIDENCE;

    /** {@code compared}, {@code not-checked}, {@code no-evidence}: as release-readiness.json writes it. */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
