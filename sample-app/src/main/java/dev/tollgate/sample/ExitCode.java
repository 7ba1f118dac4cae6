package dev.tollgate.sample;

/** Process exit codes, after BSD sysexits so a harness can tell configuration from outage. */
final class ExitCode {
    static final int OK = 0;
    /** EX_USAGE: bad arguments or configuration. */
    static final int USAGE = 64;
    /** EX_UNAVAILABLE: the database or the port is not available. */
    static final int UNAVAILABLE = 69;
    /** EX_SOFTWARE: a migration failed, or something unexpected happened. */
    static final int SOFTWARE = 70;

    private ExitCode() {
    }
}
