package dev.tollgate.runtime.compose;

import java.util.List;
import java.util.Map;

import dev.tollgate.api.ErrorCode;
import dev.tollgate.api.TollgateException;
import dev.tollgate.model.ComposeSpec;
import dev.tollgate.model.Release;
import dev.tollgate.runtime.RuntimeLifecycle;
import dev.tollgate.runtime.StartupCause;

/**
 * The profile's {@code migrate} service, run once to its end with a release's image (compose
 * {@code run --rm}) before that release's services start, or for a clean-install reference.
 */
final class MigrateJob {

    private final ComposeSpec spec;
    private final ComposeProject project;
    private final ComposeEnvironment environment;
    private final RuntimeLifecycle lifecycle;

    MigrateJob(ComposeSpec spec, ComposeProject project, ComposeEnvironment environment, RuntimeLifecycle lifecycle) {
        this.spec = spec;
        this.project = project;
        this.environment = environment;
        this.lifecycle = lifecycle;
    }

    /**
     * Runs it with {@code release}, its output into {@code log}, with {@code env} added.
     *
     * @throws TollgateException {@link ErrorCode#RUNTIME_SERVICE_EXITED} when it fails, with the cause its output names
     */
    void run(Release release, PhaseLog log, Map<String, String> env) {
        ComposeCli.Result result;
        synchronized (lifecycle) {
            lifecycle.ensureOpen();
            result = project.runOnce(spec.migrate(), Map.of(spec.release(), environment.releaseValue(release)), env, List.of());
        }
        result.output().lines().forEach(line -> log.note(spec.migrate() + " | " + line));
        if (result.exitCode() != 0) {
            // Compose v1 ends a failed run's output with the exit code on a line of its own.
            String code = Integer.toString(result.exitCode());
            String last = StartupCause.of(result.output().lines().toList()).map(StartupCause::summary)
                    .orElseGet(() -> result.output().lines().map(String::strip).filter(line -> !line.isEmpty() && !line.equals(code))
                            .reduce((first, second) -> second).orElse(""));
            throw new TollgateException(ErrorCode.RUNTIME_SERVICE_EXITED, "release " + release + " (" + spec.migrate()
                    + ") exited with code " + result.exitCode() + " before it answered: " + last + "\nIts log is " + log.file());
        }
    }
}
