package dev.tollgate.runtime.compose;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

import dev.tollgate.model.ComposeSpec;
import dev.tollgate.model.Profile;
import dev.tollgate.model.Release;
import dev.tollgate.runtime.Progress;
import dev.tollgate.runtime.RuntimeLifecycle;
import dev.tollgate.system.DatabaseEndpoint;

/**
 * The clean-install references the convergence check compares an upgraded schema with: a second
 * database in the same PostgreSQL container per release, migrated by a one-off container of the
 * release (the {@code migrate} service where the profile has one, else the first release service
 * started against it until healthy and removed again). The same release asked twice gives the same
 * database.
 */
final class CleanInstalls {

    /** What the references need of the runtime that owns them. */
    record Runtime(Profile profile, DockerEngine docker, ComposeProject project, ReleaseImages images, PostgresContainer postgres,
            DatabaseEndpoint database, ComposeEnvironment environment, MigrateJob migrate, RuntimeLifecycle lifecycle,
            Progress progress, Function<String, PhaseLog> openLog) {
    }

    private final Runtime runtime;
    private final ComposeSpec spec;
    private final Map<Release, DatabaseEndpoint> references = new HashMap<>();

    CleanInstalls(Runtime runtime) {
        this.runtime = runtime;
        this.spec = runtime.profile().compose();
    }

    synchronized DatabaseEndpoint install(Release release) {
        runtime.lifecycle().ensureOpen();
        DatabaseEndpoint known = references.get(release);
        if (known != null) {
            return known;
        }
        String name = "tollgate_reference_" + references.size();
        runtime.postgres().create(name);
        Map<String, String> env = runtime.environment().oneOff(name);
        PhaseLog log = runtime.openLog().apply("reference-" + release.id() + ".log");
        if (spec.migrate() != null) {
            runtime.migrate().run(release, log, env);
        } else {
            String container = runtime.project().name() + "-reference-" + references.size();
            synchronized (runtime.lifecycle()) {
                runtime.lifecycle().ensureOpen();
                runtime.project().runDetached(spec.services().get(0), container,
                        Map.of(spec.release(), runtime.environment().releaseValue(release)), env);
            }
            try {
                log.follow(runtime.docker(), container, "");
                runtime.images().verify(release, spec.services().get(0), container, false);
                // Read only once the release has started, and so migrated: until then the schema is half there.
                ServiceReadiness.await(runtime.docker(), "clean install of " + release, container, log,
                        runtime.profile().service(), spec.port());
            } finally {
                runtime.docker().removeContainer(container);
            }
        }
        DatabaseEndpoint reference = runtime.database().withName(name);
        references.put(release, reference);
        runtime.progress().report("clean-install reference of " + release + " in database " + name);
        return reference;
    }
}
