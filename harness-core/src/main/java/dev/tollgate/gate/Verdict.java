package dev.tollgate.gate;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/** The gate's answer to "may this candidate ship?". */
@API(status = INTERNAL, since = "0.1")
public enum Verdict {
    /** Every required area has evidence and nothing blocking failed. */
    GO("GO"),
    /** A blocking area failed: the candidate must not ship. */
    NO_GO("NO-GO"),
    /** Evidence is missing (nothing ran, a phase was skipped, a required area has none): never GO on that. */
    INCONCLUSIVE("INCONCLUSIVE");

    private final String display;

    Verdict(String display) {
        this.display = display;
    }

    /** As people write it, and as {@code release-readiness.json} has it: {@code NO-GO}. */
    public String display() {
        return display;
    }
}
