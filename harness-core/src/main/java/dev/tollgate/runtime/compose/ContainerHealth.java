package dev.tollgate.runtime.compose;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import dev.tollgate.api.ErrorCode;
import dev.tollgate.api.TollgateException;
import dev.tollgate.runtime.StartupCause;

/** Waits for a container the way Docker judges it: its health check, or running when it has none. */
final class ContainerHealth {

    private ContainerHealth() {
    }

    /** Waits until the container's health check says healthy (or, without one, until it runs); fails when it exits. */
    static void await(DockerEngine docker, String what, String container, PhaseLog log, Duration timeout) {
        await(docker, what, container, log, timeout, Optional.empty());
    }

    /**
     * As {@link #await(DockerEngine, String, String, PhaseLog, Duration)}, and also done as soon as
     * {@code sameQuestion} (the container's health check asked by Tollgate, see
     * {@link HealthcheckEquivalent}) says yes while the container runs, without waiting for Docker's
     * next check.
     */
    static void await(DockerEngine docker, String what, String container, PhaseLog log, Duration timeout,
            Optional<BooleanSupplier> sameQuestion) {
        AtomicReference<String> last = new AtomicReference<>("not started");
        try {
            Awaitility.await(what + " healthy").atMost(timeout).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(sameQuestion.isPresent() ? 50 : 200))
                    .until(() -> {
                        var state = docker.state(container).orElseThrow(() -> new TollgateException(
                                ErrorCode.RUNTIME_SERVICE_EXITED, what + ": its container " + container + " is gone."));
                        if (!Boolean.TRUE.equals(state.getRunning())) {
                            Thread.sleep(300); // the last lines of a process that just exited are still on their way
                            throw exited(what, state.getExitCodeLong(), log);
                        }
                        String health = state.getHealth() == null ? null : state.getHealth().getStatus();
                        last.set(health == null ? "running" : health);
                        return health == null || "healthy".equals(health)
                                || sameQuestion.map(BooleanSupplier::getAsBoolean).orElse(false);
                    });
        } catch (ConditionTimeoutException e) {
            throw new TollgateException(ErrorCode.RUNTIME_SERVICE_NOT_READY, what + " was not healthy within "
                    + timeout.toSeconds() + "s (last status: " + last.get() + "). Its log is " + log.file() + "; it ends with:\n"
                    + log.tail(20));
        }
    }

    private static TollgateException exited(String what, Long exitCode, PhaseLog log) {
        String tail = log.tail(20);
        String lastLine = StartupCause.in(log.file()).map(cause -> ": " + cause.summary())
                .orElseGet(() -> tail.lines().map(String::strip).filter(line -> !line.isEmpty())
                        .reduce((first, second) -> second).map(line -> ": " + line).orElse(""));
        return new TollgateException(ErrorCode.RUNTIME_SERVICE_EXITED, what + " exited with code "
                + (exitCode == null ? -1 : exitCode) + " before it answered" + lastLine + "\nIts log is " + log.file()
                + "; it ends with:\n" + tail);
    }
}
