package dev.tollgate.engine;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.apiguardian.api.API;

import dev.tollgate.check.CheckContext;
import dev.tollgate.db.Snapshot;
import dev.tollgate.model.Profile;
import dev.tollgate.model.Release;
import dev.tollgate.model.Variables;
import dev.tollgate.system.DatabaseEndpoint;
import dev.tollgate.system.RunningService;
import dev.tollgate.runtime.SystemUnderTest;
import dev.tollgate.system.SystemWait;
import dev.tollgate.system.UpgradeWindow;

/** The context of checks in one scenario: its deployment, and the values and snapshots taken so far. */
@API(status = INTERNAL, since = "0.1")
public final class RuntimeCheckContext implements CheckContext {

    private final Profile profile;
    private final SystemUnderTest system;
    private final Variables base;
    private final Map<String, String> captured = new ConcurrentHashMap<>();
    // Steps run on a worker thread each; the scenario's snapshots outlive them.
    private final Map<String, Snapshot> snapshots = new ConcurrentHashMap<>();
    private final java.util.List<UpgradeWindow> upgrades = new java.util.concurrent.CopyOnWriteArrayList<>();

    private final java.nio.file.Path evidenceDir;
    private final boolean destructiveAllowed;

    public RuntimeCheckContext(Profile profile, SystemUnderTest system, Variables base) {
        this(profile, system, base, null, false);
    }

    /**
     * @param evidenceDir        where the run keeps evidence files (a recorded schema); {@code null} for none
     * @param destructiveAllowed whether the run opted in to destructive requests on a remote target
     */
    public RuntimeCheckContext(Profile profile, SystemUnderTest system, Variables base, java.nio.file.Path evidenceDir,
            boolean destructiveAllowed) {
        this.profile = profile;
        this.system = system;
        this.base = base;
        this.evidenceDir = evidenceDir;
        this.destructiveAllowed = destructiveAllowed;
    }

    @Override
    public Optional<java.nio.file.Path> evidenceDir() {
        return Optional.ofNullable(evidenceDir);
    }

    @Override
    public boolean destructiveAllowed() {
        return destructiveAllowed;
    }

    @Override
    public boolean remoteTarget() {
        return profile.remote();
    }

    @Override
    public Profile profile() {
        return profile;
    }

    @Override
    public Optional<RunningService> service() {
        return system.current();
    }

    @Override
    public Optional<RunningService> lastDeployed() {
        return system.lastDeployed();
    }

    @Override
    public DatabaseEndpoint database() {
        return system.database();
    }

    @Override
    public Map<String, java.nio.file.Path> state() {
        return system.state();
    }

    @Override
    public DatabaseEndpoint cleanInstallReference(Release release) {
        // Starting the release on an empty database and migrating it is the system's work.
        try (SystemWait.Interval waiting = SystemWait.waiting(SystemWait.CLEAN_INSTALL)) {
            return system.cleanInstallReference(release);
        }
    }

    @Override
    public void prepareCleanInstallReference(Release release) {
        system.prepareCleanInstallReference(release);
    }

    @Override
    public Variables variables() {
        // ${release}: the release running now (the one last deployed, once it has stopped)
        Variables variables = base.with(Map.copyOf(captured));
        return system.lastDeployed().map(running -> variables.with("release", running.release().id())).orElse(variables);
    }

    /** The log of the release started last, also when it has stopped or crashed. */
    @Override
    public Optional<java.nio.file.Path> phaseLog() {
        return system.lastDeployed().map(RunningService::logFile);
    }

    @Override
    public void capture(String name, String value) {
        captured.put(name, value);
    }

    @Override
    public java.util.List<UpgradeWindow> upgradeWindows() {
        return java.util.List.copyOf(upgrades);
    }

    /** Records an upgrade step's window for the checks after it ({@code availability}). */
    public void upgraded(UpgradeWindow window) {
        upgrades.add(window);
    }

    @Override
    public Optional<Snapshot> snapshot(String name) {
        return Optional.ofNullable(snapshots.get(name));
    }

    /** Keeps a snapshot for the checks of later steps; a later one of the same name replaces it. */
    @Override
    public void keep(Snapshot snapshot) {
        snapshots.put(snapshot.name(), snapshot);
    }
}
