package dev.tollgate.check;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/** The outcome of a check or step, shared by every result type. */
@API(status = EXPERIMENTAL, since = "0.1")
public enum Status {
    /** The evidence shows the expectation holds. */
    PASSED,
    /** The evidence shows the expectation does not hold: a finding against the release. */
    FAILED,
    /** The check could not gather its evidence (environment, harness): says nothing about the release. */
    BROKEN,
    /** Not run, with a reason: never counts as evidence. */
    SKIPPED
}
