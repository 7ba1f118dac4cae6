package dev.tollgate.check;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.nio.file.Path;
import java.util.Optional;

import org.apiguardian.api.API;

import dev.tollgate.db.Snapshot;
import dev.tollgate.model.Profile;
import dev.tollgate.model.Release;
import dev.tollgate.model.Variables;
import dev.tollgate.system.DatabaseEndpoint;
import dev.tollgate.system.RunningService;
import dev.tollgate.system.UpgradeWindow;

/** What a check may see and use while it runs: the deployment, the database, variables. */
@API(status = EXPERIMENTAL, since = "0.1")
public interface CheckContext {

    Profile profile();

    /** The release that is up, if any. */
    Optional<RunningService> service();

    /**
     * The release started last, also when it is stopped: for what only reads its environment, name or
     * log (masking its secrets), so that a release a backup stopped is not started for that.
     */
    default Optional<RunningService> lastDeployed() {
        return service();
    }

    /** The service's database, for evidence. */
    DatabaseEndpoint database();

    /** The directories of the profile's {@code state:} (kept outside PostgreSQL), by name; empty where it declares none. */
    default java.util.Map<String, Path> state() {
        return java.util.Map.of();
    }

    /** Variables visible at this point of the scenario, captures of earlier steps included. */
    Variables variables();

    /** Makes a value available to later steps as {@code ${name}}. */
    void capture(String name, String value);

    /**
     * The snapshot an earlier {@code snapshot: NAME} step of this scenario took, if one did. Empty in a
     * context that keeps none (the loader already made sure a suite names only snapshots it takes).
     */
    default Optional<Snapshot> snapshot(String name) {
        return Optional.empty();
    }

    /**
     * Keeps a snapshot for the checks of later steps of this scenario (a later one of the same name
     * replaces it). A context that keeps none drops it.
     */
    default void keep(Snapshot snapshot) {
    }

    /** Every upgrade of this scenario so far, oldest first, with how long it left the service unreachable. */
    default java.util.List<UpgradeWindow> upgradeWindows() {
        return java.util.List.of();
    }

    /** The log of the running release since it started (the current phase), if a release is up. */
    default Optional<Path> phaseLog() {
        return service().map(RunningService::logFile);
    }

    /** Where the run keeps evidence files that later runs may read (a recorded schema), if anywhere. */
    default Optional<Path> evidenceDir() {
        return Optional.empty();
    }

    /**
     * Whether requests that change the system under test may be sent where a suite asked to stay
     * read-only: only by the run's {@code -Dtollgate.allowDestructive=true}.
     */
    default boolean destructiveAllowed() {
        return false;
    }

    /** Whether the system under test is a deployment Tollgate did not make ({@code runtime: remote}). */
    default boolean remoteTarget() {
        return false;
    }

    /**
     * A database holding a clean install of {@code release}, installed on first use next to the
     * service's, by the runtime the run deployed with.
     */
    default DatabaseEndpoint cleanInstallReference(Release release) {
        throw new UnsupportedOperationException("this context has no runtime to install " + release + " in");
    }

    /**
     * Lets the runtime start {@link #cleanInstallReference} ahead, in the background
     * (so a convergence check seldom waits for it); never fails.
     */
    default void prepareCleanInstallReference(Release release) {
    }
}
