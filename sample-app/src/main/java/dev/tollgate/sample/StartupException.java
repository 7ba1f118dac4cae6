package dev.tollgate.sample;

/**
 * An expected reason not to start: reported as one line on stderr with its exit code, never
 * with a stack trace.
 */
public final class StartupException extends RuntimeException {
    private final int exitCode;

    StartupException(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
