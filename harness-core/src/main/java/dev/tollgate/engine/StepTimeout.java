package dev.tollgate.engine;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.tollgate.api.ErrorCode;
import dev.tollgate.api.TollgateException;
import dev.tollgate.model.Step;
import dev.tollgate.system.SystemWait;

/** Runs a step on a worker thread of its own, so a step that hangs is cut off at its timeout. */
final class StepTimeout {

    /** How long a step may take when the suite does not say. */
    static final Duration DEFAULT = Duration.ofMinutes(5);

    private StepTimeout() {
    }

    /**
     * @param name   the step as progress names it
     * @param waited the step's tally of waits on the system under test, which the worker thread adds to
     * @throws TollgateException {@link ErrorCode#STEP_TIMED_OUT} when it overran, naming the step and the fix
     */
    static void run(Step step, String name, SystemWait waited, Runnable action) {
        Duration timeout = step.timeoutIfSet().orElse(DEFAULT);
        ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "tollgate-step");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Future<?> future = worker.submit(() -> waited.bind(() -> {
                action.run();
                return null;
            }));
            future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new TollgateException(ErrorCode.STEP_TIMED_OUT, "'" + name + "' at " + step.position()
                    + " did not finish within its timeout of " + timeout.toSeconds() + "s; raise it with timeout: on the step.");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TollgateException(ErrorCode.STEP_TIMED_OUT, "'" + name + "' was interrupted");
        } finally {
            worker.shutdownNow();
        }
    }
}
