package dev.tollgate.cli;

import java.io.PrintStream;
import java.util.Optional;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

import dev.tollgate.api.TollgateException;

/**
 * Says what the engine's own progress lines cannot: a suite or the whole run that failed before
 * its steps (a runtime that does not start, a profile that does not load). Failsafe shows these in
 * its report; at a terminal they must be printed.
 */
final class FailurePrinter implements TestExecutionListener {

    private final PrintStream out;
    private volatile TollgateException runFailure;

    FailurePrinter(PrintStream out) {
        this.out = out;
    }

    @Override
    public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
        if (!identifier.isContainer() || result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
            return;
        }
        Throwable thrown = result.getThrowable().orElse(null);
        String message = thrown == null ? result.getStatus().toString()
                : Optional.ofNullable(thrown.getMessage()).orElse(thrown.getClass().getName());
        out.println("[tollgate] ✘ " + identifier.getDisplayName() + ": " + message);
        if (identifier.getParentId().isEmpty() && thrown instanceof TollgateException tollgate) {
            runFailure = tollgate;
        }
    }

    /** Why the run as a whole failed, when it did with one of Tollgate's errors. */
    Optional<TollgateException> runFailure() {
        return Optional.ofNullable(runFailure);
    }
}
