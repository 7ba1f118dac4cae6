package dev.tollgate.check.exec;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apiguardian.api.API;

/**
 * How a runtime runs one command where the service runs: a child process for {@code local}; later
 * {@code docker compose exec} for compose, or a remote shell. The {@code exec} check asks the
 * runner of its context's runtime and judges the {@link Execution} it returns.
 */
@API(status = INTERNAL, since = "0.1")
@FunctionalInterface
public interface CommandRunner {

    /**
     * Runs the command to its end, or until its timeout, when the runner kills it and everything it
     * started.
     *
     * @throws IOException when the command cannot be started at all (no such program, say)
     */
    Execution run(Command command) throws IOException, InterruptedException;

    /**
     * What to run.
     *
     * @param argv    the program and its arguments, not interpreted by a shell
     * @param env     variables to set on top of the place's own environment (the service's, then the check's)
     * @param timeout how long it may run
     */
    record Command(List<String> argv, Map<String, String> env, Duration timeout) {

        public Command {
            argv = List.copyOf(argv);
            if (argv.isEmpty()) {
                throw new IllegalArgumentException("a command needs a program to run");
            }
            env = Map.copyOf(env);
            Objects.requireNonNull(timeout, "timeout must not be null");
        }
    }

    /**
     * What came of it.
     *
     * @param exitCode its exit code; meaningless when it timed out
     * @param timedOut whether it was killed at its timeout
     * @param output   standard output and error, interleaved as written (not masked)
     * @param elapsed  how long it ran
     */
    record Execution(int exitCode, boolean timedOut, String output, Duration elapsed) {
    }
}
