package dev.tollgate.runtime;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import org.apiguardian.api.API;

import dev.tollgate.model.Release;
import dev.tollgate.system.DatabaseEndpoint;
import dev.tollgate.system.RunningService;
import dev.tollgate.system.RollingUpgradeFigures;

/**
 * A deployed service and its database, driven through the steps an operator takes on release day.
 * Implementations: the embedded {@link LocalRuntime}, the compose runtime, and {@link RemoteRuntime}
 * (a deployment Tollgate did not make, which it only observes).
 * Closing it stops and removes everything it started.
 */
@API(status = INTERNAL, since = "0.1")
public interface SystemUnderTest extends AutoCloseable {

    /** Stops whatever release runs, empties the database, and starts {@code release} on it. */
    RunningService install(Release release);

    /**
     * Stops whatever release runs, replaces the database by the restored {@code baseline} dump, runs
     * its {@code prepare:} SQL, and starts {@code release} on it (which migrates what it finds). A
     * runtime that cannot restore a dump says so; the run checks that before anything starts
     * ({@link BaselineDumps}).
     */
    @API(status = INTERNAL, since = "0.2")
    default RunningService installFrom(Release release, dev.tollgate.model.Baseline baseline) {
        throw new dev.tollgate.api.TollgateException(dev.tollgate.api.ErrorCode.STEP_NOT_SUPPORTED, getClass().getSimpleName()
                + " cannot install from a dump (" + baseline.declaredAt() + "); install from a dump is supported on runtimes"
                + " local and compose.");
    }

    /**
     * Stops whatever release runs, starts {@code release} on the current database (which applies its
     * migrations, if the service does that on start) and waits until it answers.
     */
    RunningService deploy(Release release);

    /**
     * Makes {@code release} the deployment a read-only suite observes. A runtime that deploys
     * installs it; a remote one takes what already runs there as that release (the {@code version}
     * check then says whether it is).
     */
    default RunningService provide(Release release) {
        return install(release);
    }

    /** Whether {@link #database()} can be reached; a remote target may be given no database. */
    default boolean hasDatabase() {
        return true;
    }

    /**
     * The database passwords this runtime made up or was given, every one a writer must mask: the
     * one in {@link #database()}, and any other (the local runtime's service has its own).
     */
    default List<String> credentials() {
        // A database given without a password (a remote one opened read-only) has none to mask.
        return hasDatabase() ? Stream.of(database().password()).filter(Objects::nonNull).toList() : List.of();
    }

    /** The release that is up, if any (a runtime that stopped it for a backup starts it again first). */
    Optional<RunningService> current();

    /**
     * The release that is up, or that a backup stopped and that starts again when something needs it:
     * what {@link #current()} would show, without starting anything (a phase's heading, a restart).
     */
    @API(status = INTERNAL, since = "0.2")
    default Optional<Release> runningRelease() {
        return current().map(RunningService::release);
    }

    /** The release started most recently, running or not: its log is the current phase's evidence. */
    Optional<RunningService> lastDeployed();

    /** Stops the running release, if any. The database stays. */
    void stopService();

    /** The service's database, as the harness reaches it for evidence. */
    DatabaseEndpoint database();

    /**
     * The directories of the profile's {@code state:} (state kept outside PostgreSQL), by name, as
     * this runtime resolved them; empty for a runtime that keeps none.
     */
    default java.util.Map<String, java.nio.file.Path> state() {
        return java.util.Map.of();
    }

    /** Takes a consistent backup of the service's database under {@code name}. */
    void backup(String name);

    /** Stops the service and puts the database back as it was when {@code name} was taken. */
    void restore(String name);

    /**
     * Installs {@code release} on a fresh database of its own, next to the service's database and
     * without touching it or the running release, waits until it answers, stops it again, and
     * returns that database: the clean-install reference the {@code convergence} check compares an
     * upgraded schema with. The same release asked twice gives the same database; the runtime
     * removes it on {@link #close()}.
     */
    default DatabaseEndpoint cleanInstallReference(Release release) {
        throw new dev.tollgate.api.TollgateException(dev.tollgate.api.ErrorCode.STEP_NOT_SUPPORTED, getClass().getSimpleName()
                + " cannot install a clean-install reference database; the convergence check needs a runtime that can.");
    }

    /**
     * May start {@link #cleanInstallReference} for {@code release} now, in the background, so that
     * the check that needs it later finds it ready or under way: a clean install is a service start
     * and every migration, independent of what the suite does meanwhile. A runtime that cannot do
     * this does nothing, and the check installs when it runs. Never fails: a failure shows when the
     * reference is asked for.
     */
    default void prepareCleanInstallReference(Release release) {
    }

    /**
     * The images the releases deployed so far ran, as the engine reported them (one per release and
     * service); empty for a runtime whose releases are not images.
     */
    default java.util.List<DeployedImage> deployedImages() {
        return java.util.List.of();
    }

    /**
     * The figures of every rolling upgrade probed so far, oldest first: a runtime that rolls
     * upgrades through a proxy ({@code compose} with a {@code probe}) measures them; others have none.
     */
    @API(status = INTERNAL, since = "0.2")
    default java.util.List<RollingUpgradeFigures> upgradeProbes() {
        return java.util.List.of();
    }

    /**
     * How long the stop of the release a backup left stopped took, in milliseconds, while it waits to
     * start again (0 otherwise): the upgrade that replaces it has nothing left to stop, and its
     * window, which runs from the old release's stop until the new one answers, counts this stop.
     */
    @API(status = INTERNAL, since = "0.2")
    default long pendingStopMillis() {
        return 0;
    }

    /** Stops and removes everything this runtime started. Safe to call more than once. */
    @Override
    void close();
}
