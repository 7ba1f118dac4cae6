package dev.tollgate.cli;

import dev.tollgate.api.ErrorCode;

/**
 * What the process exit code tells CI. The values are {@link ErrorCode.Phase}'s, so the command
 * line and {@code mvn verify} fail the same way for the same cause.
 */
final class ExitCodes {

    /** GO, a clean lint, a healthy machine, or a verdict reported only. */
    static final int OK = 0;
    /** NO-GO or INCONCLUSIVE under an enforcing gate; a lint or a doctor that found a problem. */
    static final int FAILED = ErrorCode.Phase.GATE.exitCode();
    /** A bad option, a malformed suite or profile, an unknown name: nothing was run. */
    static final int USAGE = ErrorCode.Phase.LOAD.exitCode();
    /** The environment broke the run (a port in use, no Docker, a database that does not start). */
    static final int RUNTIME = ErrorCode.Phase.RUNTIME.exitCode();

    private ExitCodes() {
    }
}
