package dev.tollgate.runtime.compose;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.tollgate.api.ErrorCode;
import dev.tollgate.api.TollgateException;
import dev.tollgate.model.Profile;
import dev.tollgate.runtime.Progress;

/**
 * The files and commands a profile's {@code compose:} section names on this machine: where its
 * compose file is, and its {@code prepare} command, run once per run before its first compose project starts.
 */
final class ComposeProfile {

    private ComposeProfile() {
    }

    /** The profile's compose file, relative to the profile; fails naming it when it is not there. */
    static Path composeFile(Profile profile) {
        Path directory = profile.source() == null ? Path.of("") : profile.source().toAbsolutePath().getParent();
        Path file = directory.resolve(profile.compose().file()).normalize();
        if (!Files.isRegularFile(file)) {
            throw new TollgateException(ErrorCode.LOAD_PROFILE_INVALID, profile.describe() + ": compose.file "
                    + profile.compose().file() + " does not exist (looked for " + file + ").");
        }
        return file;
    }

    /**
     * The profile's {@code prepare} command (e.g. building images where no registry is reachable),
     * once per run: each suite's runtime asks, and the first runs it while the others wait for its
     * outcome, a failure included. {@code run} tells runs apart (the run's evidence directory).
     * They wait on a monitor, not a future: a suite thread of JUnit's fork-join pool that joins a
     * future makes the pool start another thread, and so more suites side by side than configured.
     */
    static void prepare(Profile profile, Progress progress, Object run) {
        List<String> command = profile.compose().prepare();
        if (command.isEmpty()) {
            return;
        }
        Prepared prepared = PREPARED.computeIfAbsent(List.of(run, composeFile(profile), command), key -> new Prepared());
        synchronized (prepared) {
            if (!prepared.done) {
                try {
                    prepare(profile, progress, command);
                } catch (RuntimeException e) {
                    prepared.failure = e;
                    throw e;
                } finally {
                    prepared.done = true;
                }
            } else if (prepared.failure != null) {
                throw prepared.failure;
            }
        }
    }

    /** The outcome of one run's {@code prepare}, guarded by its own monitor. */
    private static final class Prepared {
        private boolean done;
        private RuntimeException failure;
    }

    private static final java.util.concurrent.ConcurrentMap<List<Object>, Prepared> PREPARED =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static void prepare(Profile profile, Progress progress, List<String> command) {
        long started = System.nanoTime();
        Path directory = composeFile(profile).getParent();
        List<String> resolved = new ArrayList<>(command);
        // A relative program path means one next to the profile, wherever the build runs from.
        if (resolved.get(0).contains("/") && !Path.of(resolved.get(0)).isAbsolute()) {
            resolved.set(0, directory.resolve(resolved.get(0)).normalize().toString());
        }
        ComposeCli.Result result = ComposeCli.run(resolved, Map.of(), directory, Duration.ofMinutes(20));
        if (result.exitCode() != 0) {
            throw new TollgateException(ErrorCode.RUNTIME_COMPOSE_FAILED, profile.describe() + ": compose.prepare '"
                    + String.join(" ", command) + "' failed with exit code " + result.exitCode() + ":\n" + result.output().strip());
        }
        progress.report(String.format("prepared with %s in %.1fs", String.join(" ", command), (System.nanoTime() - started) / 1e9));
    }
}
