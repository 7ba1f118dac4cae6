package dev.tollgate.runtime;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.apiguardian.api.API;

import dev.tollgate.api.Hints;
import dev.tollgate.api.Constants;
import dev.tollgate.api.ErrorCode;
import dev.tollgate.api.TollgateException;
import dev.tollgate.model.Profile;
import dev.tollgate.model.Baseline;
import dev.tollgate.model.Release;
import dev.tollgate.model.ServiceSpec;
import dev.tollgate.model.Variables;
import dev.tollgate.system.DatabaseEndpoint;
import dev.tollgate.system.RunningService;
import dev.tollgate.system.SystemWait;

/**
 * The {@code local} runtime: an embedded PostgreSQL and the service as a child process per
 * release, on loopback ports, no Docker. Everything it starts lives under one run directory and is
 * stopped and deleted by {@link #close()} — called by the owner, or by a JVM shutdown hook when
 * the run is interrupted — except the database server, which lives in a directory of its own and
 * goes back to the run's {@link SpareServers} (kept for the next suite, or stopped and deleted).
 * <p>
 * Longer than 300 lines because every move that starts or stops a process (a release's start, a
 * backup's stop and the lazy restart after it, a clean install beside the steps, close() on
 * Ctrl-C) is ordered against the others under one lifecycle lock, with the process it tracks;
 * what needs none of that is a class of its own ({@link LocalBackups}, {@link OwnAnswers},
 * {@link ServiceVariables}, {@link ReferencesAhead}, {@link EmbeddedDatabase}, {@link ServerStop}).
 */
@API(status = INTERNAL, since = "0.1")
public final class LocalRuntime implements SystemUnderTest {

    private final Profile profile;
    private final Variables variables;
    private final RunDirectory runDirectory;
    private final Path logDirectory;
    private final Progress progress;
    private final SpareServers.Lease server;
    private final EmbeddedDatabase database;
    private final BackupDirectory backupDirectory;
    private final LocalBackups backups;
    private final Map<Release, DatabaseEndpoint> cleanInstalls = new HashMap<>();
    private final ReferencesAhead referencesAhead = new ReferencesAhead();
    private final RuntimeLifecycle lifecycle;
    // Read and cleared by the shutdown hook too, so a Ctrl-C during a slow start still stops the service.
    private final AtomicReference<ServiceProcess> service = new AtomicReference<>();
    private final AtomicReference<ServiceProcess> lastDeployed = new AtomicReference<>();
    // The release a backup stopped: started again only when something needs it up (current()),
    // never when the next step replaces or stops it anyway (an upgrade, a restore). Its monitor
    // makes the start happen once when probes ask for the service side by side.
    private final AtomicReference<Release> restartPending = new AtomicReference<>();
    // How long the backup's stop of that release took: part of the window of the upgrade that replaces it.
    private volatile long pendingStopMillis;
    // Every process ever started, so close() also stops one that is not the service (a clean install).
    private final List<ServiceProcess> launched = new java.util.concurrent.CopyOnWriteArrayList<>();
    private int deployments;
    // ${service.dataDir}: the run's own directory for the service's files, and the copies of its state: files.
    private final Path serviceDataDir;
    private final StateCopies stateCopies;
    private final ReleaseStarts starts;
    private final OwnAnswers answers;
    private final ServiceVariables serviceVariables;

    private LocalRuntime(Profile profile, Variables variables, Path workParent, Path evidenceDir, Progress progress,
            SpareServers servers) {
        this.profile = profile;
        this.variables = variables;
        this.progress = progress;
        this.starts = new ReleaseStarts(progress);
        this.answers = new OwnAnswers(profile, progress);
        this.serviceVariables = new ServiceVariables(profile, variables);
        // The hook first, and the scratch directory and the database made under the lifecycle lock:
        // a Ctrl-C at any moment of the start then waits for it and removes all of it.
        this.lifecycle = new RuntimeLifecycle("tollgate-local-runtime-cleanup", this::close, () -> progress.report(
                "the run's clean-up did not finish within 2 minutes; check for leftovers in " + scratch(workParent)));
        try {
            synchronized (lifecycle) {
                this.runDirectory = RunDirectory.create(workParent);
                this.backupDirectory = BackupDirectory.of(profile, runDirectory);
                this.serviceDataDir = directory(runDirectory.resolve("service-data"));
                this.stateCopies = new StateCopies(state(), backupDirectory.path());
                this.logDirectory = evidenceDir.resolve(runDirectory.runId()).resolve("logs");
                try {
                    Files.createDirectories(logDirectory);
                } catch (java.io.IOException e) {
                    throw new TollgateException(ErrorCode.RUNTIME_IO, "Cannot create the evidence directory " + logDirectory
                            + ": " + e + ". Choose another with " + Hints.setting(Constants.EVIDENCE_DIR, "DIR") + ".", e);
                }
                long started = System.nanoTime();
                this.server = servers.take(profile.database(), workParent, logDirectory.resolve("postgres.log"),
                        profile.describe());
                this.database = server.database();
                progress.report(String.format("embedded PostgreSQL up at %s in %.1fs%s", database.serviceEndpoint(),
                        (System.nanoTime() - started) / 1e9, server.reused() ? " (an earlier suite's server, as new)" : ""));
                this.backups = new LocalBackups(profile, database, backupDirectory, stateCopies, progress);
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Starts the embedded database. Nothing of the service runs until {@link #deploy(Release)}.
     *
     * @param workParent   where the run's scratch directory is created (and deleted at the end)
     * @param evidenceDir  where service and database logs are written and kept
     */
    public static LocalRuntime start(Profile profile, Variables variables, Path workParent, Path evidenceDir,
            Progress progress) {
        return start(profile, variables, workParent, evidenceDir, progress, SpareServers.none());
    }

    /**
     * As {@link #start(Profile, Variables, Path, Path, Progress)}, on a server from {@code servers}:
     * an earlier suite's, if it kept one, and handed back to it at {@link #close()}.
     */
    public static LocalRuntime start(Profile profile, Variables variables, Path workParent, Path evidenceDir,
            Progress progress, SpareServers servers) {
        Objects.requireNonNull(profile, "profile must not be null");
        return new LocalRuntime(profile, variables, workParent, evidenceDir, progress, servers);
    }

    /** Before anything starts: what an unpacking of the binaries cut short left behind is removed (cheap). */
    public static void repairBinaries() {
        EmbeddedBinaries.removePartial();
    }

    /**
     * What the first start of a run would otherwise wait for, done ahead (by the engine, while it
     * discovers and loads the suites): the embedded binaries found, the JDBC driver loaded.
     */
    public static void warmUp() {
        EmbeddedBinaries.prepare();
        try {
            Class.forName("org.postgresql.Driver");
        } catch (ClassNotFoundException e) {
            // the first connection will say so
        }
    }

    public String runId() {
        return runDirectory.runId();
    }

    public Path runDirectory() {
        return runDirectory.path();
    }

    public Path logDirectory() {
        return logDirectory;
    }

    @Override
    public RunningService install(Release release) {
        ensureOpen();
        stopService();
        database.recreate();
        return deploy(release);
    }

    @Override
    public RunningService installFrom(Release release, Baseline baseline) {
        ensureOpen();
        stopService();
        DumpArchive archive = DumpArchive.read(baseline.dump());
        long started = System.nanoTime();
        database.recreate();
        // As the service's user, as before: what the dump does not own becomes the service's, not Tollgate's.
        PgDumpTool.restoreBaseline(database.serviceEndpoint(), archive, profile.database().clientTools());
        progress.report(String.format("database restored from the %s %s in %.1fs", archive.describe(), archive.path(),
                (System.nanoTime() - started) / 1e9));
        BaselinePreparation.run(database.serviceEndpoint(), baseline).ifPresent(progress::report);
        return deploy(release);
    }

    @Override
    public RunningService deploy(Release release) {
        ensureOpen();
        stopService();
        return start(release, database.serviceEndpoint(), "");
    }

    /**
     * Starts the release on a database of its own, waits until it answers (it has migrated then),
     * and stops it: the service under test and its database are not touched.
     */
    @Override
    public DatabaseEndpoint cleanInstallReference(Release release) {
        return referencesAhead.join(release).orElseGet(() -> installReference(release));
    }

    /** Starts the clean install on a thread of its own ({@link ReferencesAhead}). */
    @Override
    public void prepareCleanInstallReference(Release release) {
        if (!lifecycle.closed()) {
            referencesAhead.start(release, this::installReference, progress);
        }
    }

    private DatabaseEndpoint installReference(Release release) {
        synchronized (cleanInstalls) {
            DatabaseEndpoint existing = cleanInstalls.get(release);
            if (existing != null) {
                return existing;
            }
            ensureOpen();
            DatabaseEndpoint reference = database.createEmpty("tollgate_clean_install_" + cleanInstalls.size());
            ServiceProcess process;
            try (ReleaseStarts.Held held = starts.hold(release, "the clean install")) {
                process = startProcess(release, database.serviceEndpoint().withName(reference.name()), "-clean-install");
                try {
                    answers.await(process);
                } finally {
                    process.stop(profile.service().stopTimeout());
                    endSessionsLeftOn(reference.name());
                }
            }
            progress.report("clean install of " + release + " for reference done (log " + process.logFile().getFileName() + ")");
            cleanInstalls.put(release, reference);
            return reference;
        }
    }

    private RunningService start(Release release, DatabaseEndpoint db, String logSuffix) {
        ServiceSpec spec = profile.service();
        long started = System.nanoTime();
        ServiceProcess process;
        try (ReleaseStarts.Held held = starts.hold(release, "the start")) {
            process = startProcess(release, db, logSuffix);
            synchronized (lifecycle) {
                service.set(process);
                lastDeployed.set(process);
            }
            try {
                answers.await(process);
            } catch (RuntimeException e) {
                stopService();
                throw e;
            }
        }
        progress.report(String.format("release %s up at %s in %.1fs (log %s)", release, process.describeRunning().baseUri(),
                (System.nanoTime() - started) / 1e9, process.logFile().getFileName()));
        return process.describeRunning();
    }

    private ServiceProcess startProcess(Release release, DatabaseEndpoint db, String logSuffix) {
        ServiceSpec spec = profile.service();
        int port = Ports.claim(spec.port(), "release " + release,
                "set service.port: 0 in " + profile.describe() + " to use a free port.");
        // A clean install beside the service gets a data directory of its own: it must not touch the service's files.
        Path dataDir = logSuffix.isEmpty() ? serviceDataDir : directory(runDirectory.resolve("service-data" + logSuffix));

        // Each named port is a free one per start, like the main port: two runs side by side never share one.
        Map<String, URI> ports = new LinkedHashMap<>();
        Map<String, String> portVariables = new HashMap<>();
        for (String name : spec.ports()) {
            int named = Ports.claim(0, "port '" + name + "' of release " + release, "");
            ports.put(name, URI.create("http://" + Ports.LOOPBACK.getHostAddress() + ":" + named + "/"));
            portVariables.put("service.ports." + name, Integer.toString(named));
        }
        Variables forRelease = serviceVariables.forRelease(release, port, db, dataDir).with(portVariables);
        List<String> command = serviceVariables.resolving(() -> forRelease.resolve(spec.command()));
        Map<String, String> env = new HashMap<>(serviceVariables.resolving(() -> forRelease.resolve(spec.env())));
        env.put(Constants.RUN_ID_ENV, runId());
        Path logFile;
        synchronized (lifecycle) {
            logFile = logDirectory.resolve(String.format("%02d-%s%s.log", ++deployments, release.id(), logSuffix));
        }
        URI baseUri = URI.create("http://" + Ports.LOOPBACK.getHostAddress() + ":" + port + "/");
        // Launch and registration are one move with respect to close(), so an interrupt can never
        // fall between them and leave a service nobody stops.
        synchronized (lifecycle) {
            ensureOpen();
            ServiceProcess process = ServiceProcess.start(release, command, env, logFile, baseUri, ports, profile.describe());
            launched.add(process);
            return process;
        }
    }

    /** The release that is up; one a backup stopped is started again first. */
    @Override
    public Optional<RunningService> current() {
        restartIfPending();
        return Optional.ofNullable(service.get()).filter(ServiceProcess::isAlive)
                .map(ServiceProcess::describeRunning);
    }

    /** The release that is up, or the one a backup stopped, without starting it. */
    @Override
    public Optional<Release> runningRelease() {
        Release pending = restartPending.get();
        return pending != null ? Optional.of(pending)
                : Optional.ofNullable(service.get()).filter(ServiceProcess::isAlive).map(ServiceProcess::release);
    }

    private void restartIfPending() {
        if (restartPending.get() == null) {
            return;
        }
        synchronized (restartPending) {
            Release release = restartPending.get();
            if (release == null) {
                return;
            }
            progress.report("release " + release + " starts again (stopped for the backup), as the next step needs it up");
            // The start is the release's work (service start, no migration left), as a deploy step's is.
            try (SystemWait.Interval waiting = SystemWait.waiting(SystemWait.SERVICE_START)) {
                start(release, database.serviceEndpoint(), "");
            } finally {
                restartPending.set(null);
            }
        }
    }

    @Override
    public long pendingStopMillis() {
        return restartPending.get() == null ? 0 : pendingStopMillis;
    }

    @Override
    public Optional<RunningService> lastDeployed() {
        return Optional.ofNullable(lastDeployed.get()).map(ServiceProcess::describeRunning);
    }

    @Override
    public void stopService() {
        // A release a backup stopped stays stopped: whatever comes next replaces it or wants it down.
        restartPending.set(null);
        ServiceProcess stopping = service.getAndSet(null);
        if (stopping != null) {
            // Until it exits, the release is shutting down: its work, not the harness's.
            try (SystemWait.Interval waiting = SystemWait.waiting(SystemWait.SERVICE_STOP)) {
                stopping.stop(profile.service().stopTimeout());
            }
            progress.report("release " + stopping.release() + " stopped" + endSessionsLeftOn(database.endpoint().name()));
        }
    }

    /**
     * A release stopped in the middle of a statement (a migration that hangs past its budget) leaves
     * its database session running: it would hold its locks and block the next drop or copy.
     */
    private String endSessionsLeftOn(String databaseName) {
        try {
            int ended = database.endSessionsOn(databaseName);
            return ended == 0 ? "" : "; ended " + ended + " database session(s) it left running on " + databaseName;
        } catch (TollgateException e) {
            // A server that is down has no sessions left; stopping the release must not fail over it.
            return database.answers() ? "; its database sessions could not be checked: " + e.getMessage() : "";
        }
    }

    @Override
    public DatabaseEndpoint database() {
        return database.endpoint();
    }

    @Override
    public List<String> credentials() {
        return List.of(database.endpoint().password(), database.serviceEndpoint().password());
    }

    /** The profile's {@code state:} directories, {@code ${service.dataDir}} resolved; relative ones against the profile's directory. */
    @Override
    public Map<String, Path> state() {
        Map<String, Path> directories = new java.util.LinkedHashMap<>();
        Variables withDataDir = variables.with(Map.of("service.dataDir", serviceDataDir.toString()));
        profile.state().forEach((name, spec) -> {
            Path directory = Path.of(serviceVariables.resolving(() -> withDataDir.resolve(spec.directory())));
            if (!directory.isAbsolute() && profile.source() != null) {
                directory = profile.source().toAbsolutePath().getParent().resolve(directory);
            }
            directories.put(name, directory.normalize());
        });
        return directories;
    }

    private static Path directory(Path path) {
        try {
            return Files.createDirectories(path);
        } catch (java.io.IOException e) {
            throw new TollgateException(ErrorCode.RUNTIME_IO, "Cannot create " + path + ": " + e, e);
        }
    }

    /**
     * Takes a backup with the profile's strategy ({@link LocalBackups}). A copy that needs the
     * release stopped leaves it stopped: it starts again when something needs it up
     * ({@link #current()}: a check, a request), not when the next step replaces or stops it anyway
     * (an upgrade, a restore).
     */
    @Override
    public void backup(String name) {
        ensureOpen();
        Optional<Release> running = runningRelease();
        boolean alreadyStopped = restartPending.get() != null;  // a second backup in a row stops nothing: keep the first's stop
        long[] stopMillis = {0};
        Runnable timedStop = () -> {
            long started = System.nanoTime();
            stopService();
            stopMillis[0] = (System.nanoTime() - started) / 1_000_000;
        };
        if (backups.take(name, timedStop) && running.isPresent()) {
            pendingStopMillis = alreadyStopped ? pendingStopMillis : stopMillis[0];
            restartPending.set(running.get());
            progress.report("release " + running.get() + " starts again when a step needs it up");
        }
    }

    @Override
    public void restore(String name) {
        ensureOpen();
        backups.restore(name, this::stopService);
    }

    @Override
    public void close() {
        lifecycle.close(this::closeOnce);
    }

    private void closeOnce(RuntimeLifecycle.Failures failures) {
        failures.run(this::stopService);
        launched.stream().filter(ServiceProcess::isAlive)
                .forEach(process -> failures.run(() -> {
                    try (SystemWait.Interval waiting = SystemWait.waiting(SystemWait.SERVICE_STOP)) {
                        process.stop(profile.service().stopTimeout());
                    }
                }));
        // A clean install started ahead ends with its process (stopped above) or at its next step
        // (the runtime is closed): wait for it, so nothing writes into the directory about to go.
        failures.run(() -> referencesAhead.stop(profile.service().stopTimeout().plusSeconds(5)));
        // Kept for the next suite only when nothing of this one is left running on it.
        boolean keep = !failures.any() && launched.stream().noneMatch(ServiceProcess::isAlive);
        failures.run(() -> {
            if (server != null) {
                server.close(keep);
            }
        });
        if (runDirectory != null) {
            // A server whose start was cut short (Ctrl-C during initdb or start-up) is no one's to
            // stop, yet still writes into the run directory: end it before the directory goes.
            failures.run(() -> Stragglers.endProcessesUsing(runDirectory.path(), profile.service().stopTimeout()));
            failures.run(runDirectory::close);
        }
        if (backupDirectory != null) {
            failures.run(backupDirectory::close);
        }
    }

    private void ensureOpen() {
        lifecycle.ensureOpen();
    }

    // The scratch directory, or where it was to be made when the start ended before making it.
    private Path scratch(Path workParent) {
        return runDirectory == null ? workParent : runDirectory.path();
    }
}
