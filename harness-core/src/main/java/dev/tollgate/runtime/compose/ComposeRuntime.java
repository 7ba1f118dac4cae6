package dev.tollgate.runtime.compose;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
import dev.tollgate.model.ComposeSpec;
import dev.tollgate.model.Profile;
import dev.tollgate.model.Release;
import dev.tollgate.model.Variables;
import dev.tollgate.system.DatabaseEndpoint;
import dev.tollgate.model.Baseline;
import dev.tollgate.runtime.BaselinePreparation;
import dev.tollgate.runtime.DumpArchive;
import dev.tollgate.runtime.Progress;
import dev.tollgate.runtime.ReferencesAhead;
import dev.tollgate.runtime.RunDirectory;
import dev.tollgate.system.RunningService;
import dev.tollgate.system.SystemWait;
import dev.tollgate.runtime.RuntimeLifecycle;
import dev.tollgate.runtime.SystemUnderTest;
import dev.tollgate.system.RollingUpgradeFigures;

/**
 * The {@code compose} runtime: the profile's compose file as one compose project per scenario. The
 * database service starts once and keeps its volume for the whole scenario; a release is deployed
 * by swapping the image of the release's services in place ({@link Rollout}). Backups, the dump an
 * install starts from and the clean-install references live in the database container
 * ({@link ContainerBackups}, {@link PostgresContainer}, {@link CleanInstalls}). Everything it creates
 * carries the run's labels and is removed by {@link #close()} (through the Docker API, by the run's
 * label) — called by the owner, or by a JVM shutdown hook when the run is interrupted.
 * Longer than 300 lines because it is the one object a scenario holds: it implements every
 * operation of {@link SystemUnderTest} (install, install from a dump, deploy, stop, backup, restore,
 * references, close) and owns the state they share (the running release, its containers, the phase
 * logs, the lifecycle lock); each operation is a few lines handing the work to the classes above.
 */
@API(status = INTERNAL, since = "0.1")
public final class ComposeRuntime implements SystemUnderTest {

    private static final Duration DATABASE_TIMEOUT = Duration.ofSeconds(60);

    private final Profile profile;
    private final ComposeSpec spec;
    private final RunDirectory runDirectory;
    private final Path logDirectory;
    private final Progress progress;
    private final DockerEngine docker;
    private final ComposeProject project;
    private final List<PhaseLog> logs = new ArrayList<>();
    private final RuntimeLifecycle lifecycle;
    private final AtomicReference<RunningService> running = new AtomicReference<>();
    private final AtomicReference<RunningService> lastDeployed = new AtomicReference<>();
    // The containers of the running release, by service: checks ask current() often, and the
    // compose CLI is slow to start (v1 more than a second), so the Docker API answers instead.
    private final Map<String, String> containers = new java.util.concurrent.ConcurrentHashMap<>();
    private final ReleaseImages images;
    private final ProfileFiles files;
    private final ReferencesAhead referencesAhead = new ReferencesAhead();
    private final ComposeEnvironment environment;
    private MigrateJob migrate;
    private CleanInstalls cleanInstalls;
    private Rollout rollout;
    private ContainerBackups backups;
    private volatile PhaseLog currentLog;
    private PostgresContainer postgres;
    private DatabaseEndpoint database;
    private int deployments;

    private ComposeRuntime(Profile profile, Variables variables, RunDirectory runDirectory, Path logDirectory,
            Progress progress, DockerEngine docker, ComposeCli cli) {
        this.profile = profile;
        this.spec = profile.compose();
        this.runDirectory = runDirectory;
        this.logDirectory = logDirectory;
        this.progress = progress;
        this.docker = docker;
        this.environment = new ComposeEnvironment(profile, variables);
        String projectName = runDirectory.runId().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_-]", "-");
        Map<String, String> labels = Map.of(DockerEngine.RUN_LABEL, runDirectory.runId(),
                DockerEngine.OWNER_LABEL, Long.toString(ProcessHandle.current().pid()),
                DockerEngine.OWNER_HOST_LABEL, RunSweep.thisHost());
        this.project = new ComposeProject(cli, projectName, ComposeProfile.composeFile(profile), runDirectory.resolve("tollgate.override.yml"),
                labels, environment.compose(runDirectory.runId(), docker.engineAddress().publishAddress()));
        this.files = new ProfileFiles(docker, ComposeProfile.composeFile(profile).getParent(), projectName + "_tollgate-files", labels);
        this.images = new ReleaseImages(docker, ComposeProfile.composeFile(profile), spec.release(),
                release -> project.images(Map.of(spec.release(), environment.releaseValue(release))));
        this.lifecycle = new RuntimeLifecycle("tollgate-compose-runtime-cleanup", this::close, () -> progress.report(
                "the run's clean-up did not finish within 2 minutes; check for containers labelled with run "
                        + runDirectory.runId()));
        try {
            startDatabase(cli);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Connects to Docker, removes what runs that are gone left behind, and starts the database
     * service. Nothing of the service runs until {@link #deploy(Release)}.
     */
    public static ComposeRuntime start(Profile profile, Variables variables, Path workParent, Path evidenceDir,
            Progress progress) {
        Objects.requireNonNull(profile, "profile must not be null");
        if (profile.compose() == null) {
            throw new TollgateException(ErrorCode.LOAD_PROFILE_INVALID, profile.describe() + ": runtime compose needs a compose: section.");
        }
        DockerEngine docker = DockerEngine.connect();
        ComposeCli cli;
        try {
            cli = ComposeCli.detect();
            List<String> stale = RunSweep.sweep(docker, RunSweep::ownerIsGone);
            if (!stale.isEmpty()) {
                progress.report("removed what earlier runs left in Docker: " + String.join(", ", stale));
            }
            ComposeProfile.prepare(profile, progress, evidenceDir.toAbsolutePath().normalize());
        } catch (RuntimeException e) {
            docker.close();
            throw e;
        }
        RunDirectory runDirectory = RunDirectory.create(workParent);
        Path logDirectory = evidenceDir.resolve(runDirectory.runId()).resolve("logs");
        try {
            Files.createDirectories(logDirectory);
        } catch (java.io.IOException e) {
            runDirectory.close();
            docker.close();
            throw new TollgateException(ErrorCode.RUNTIME_IO, "Cannot create the evidence directory " + logDirectory
                    + ": " + e + ". Choose another with " + Hints.setting(Constants.EVIDENCE_DIR, "DIR") + ".", e);
        }
        return new ComposeRuntime(profile, variables, runDirectory, logDirectory, progress, docker, cli);
    }

    private void startDatabase(ComposeCli cli) {
        long started = System.nanoTime();
        List<String> all = new ArrayList<>(project.writeOverride(files));
        if (!files.copied().isEmpty()) {
            progress.report("bind-mounted files of the profile handed to the Docker engine at " + docker.host()
                    + " through volume " + files.volume() + ": " + String.join(", ", files.copied()));
        }
        ComposeFileCheck.requireServices(profile, ComposeProfile.composeFile(profile), all);
        all.remove(spec.database());
        all.removeAll(spec.services());
        all.remove(spec.migrate());
        List<String> supportServices = List.copyOf(all);
        project.up(List.of(spec.database()));
        ServiceContainers serviceContainers = new ServiceContainers(docker, project);
        String container = serviceContainers.of(spec.database());
        PhaseLog log = openLog("postgres.log");
        log.follow(docker, container, "");
        // A pg_isready health check is asked from here too: a connection to the database says yes sooner.
        ContainerHealth.await(docker, spec.database(), container, log, DATABASE_TIMEOUT,
                HealthcheckEquivalent.of(docker.healthcheckTest(container)).filter(HealthcheckEquivalent.PgIsReady.class::isInstance)
                        .map(pgIsReady -> () -> answers(() -> endpoint(serviceContainers, container))));
        postgres = new PostgresContainer(docker, container, spec.user());
        database = endpoint(serviceContainers, container);
        backups = new ContainerBackups(postgres, profile.database().name());
        migrate = new MigrateJob(spec, project, environment, lifecycle);
        cleanInstalls = new CleanInstalls(new CleanInstalls.Runtime(profile, docker, project, images, postgres, database,
                environment, migrate, lifecycle, progress, this::openLog));
        rollout = new Rollout(new Rollout.Parts(profile, docker, project, serviceContainers, images, environment, migrate, lifecycle,
                progress, logDirectory, this::openLog, supportServices), running, containers);
        progress.report(String.format("compose project %s (%s) with PostgreSQL up at %s in %.1fs%s", project.name(),
                cli.version(), database, (System.nanoTime() - started) / 1e9,
                docker.engineAddress().local() ? "" : " on the Docker engine at " + docker.host()));
    }

    /** The service's database where this machine reaches it: the container's published port. */
    private DatabaseEndpoint endpoint(ServiceContainers serviceContainers, String container) {
        String[] hostPort = serviceContainers.publishedPort(spec.database(), container, ComposeEnvironment.POSTGRES_PORT).split(":");
        return new DatabaseEndpoint(hostPort[0], Integer.parseInt(hostPort[1]), profile.database().name(), spec.user(),
                environment.password());
    }

    /** Whether the database takes a connection as the service's user (not yet, when its port is not published yet). */
    private static boolean answers(java.util.function.Supplier<DatabaseEndpoint> database) {
        try (java.sql.Connection connection = database.get().connect()) {
            return connection.isValid(2);
        } catch (java.sql.SQLException | RuntimeException e) {
            return false;
        }
    }

    public String runId() {
        return runDirectory.runId();
    }

    /** The compose project's name: {@code docker ps --filter label=com.docker.compose.project=NAME} shows it. */
    public String projectName() {
        return project.name();
    }

    @Override
    public List<RollingUpgradeFigures> upgradeProbes() {
        return rollout == null ? List.of() : rollout.probes();
    }

    public Path logDirectory() {
        return logDirectory;
    }

    @Override
    public RunningService install(Release release) {
        ensureOpen();
        stopService();
        postgres.recreate(profile.database().name());
        return deploy(release);
    }

    /**
     * Restores the dump into the database container with its own {@code pg_restore} or {@code psql},
     * runs {@code prepare:}, then starts {@code release} as {@link #install} does. The container's
     * pg_restore is compared with the archive first: the run's early check could not ask it.
     */
    @Override
    public RunningService installFrom(Release release, Baseline baseline) {
        ensureOpen();
        // Checked while whatever runs still serves: a dump that cannot be restored stops nothing.
        DumpArchive archive = DumpArchive.read(baseline.dump());
        postgres.requirePgRestoreFor(archive, baseline.declaredAt() + ": ", spec.database(), ComposeProfile.composeFile(profile));
        stopService();
        long started = System.nanoTime();
        postgres.restoreBaseline(profile.database().name(), archive);
        progress.report(String.format("database restored from the %s %s in the database container in %.1fs",
                archive.describe(), archive.path(), (System.nanoTime() - started) / 1e9));
        BaselinePreparation.run(database, baseline).ifPresent(progress::report);
        return deploy(release);
    }

    /**
     * Swaps the release's services to {@code release} in place, one at a time, each waited for
     * until healthy; the database and its volume stay. With a {@code migrate} service, that runs
     * first, with the new release, to its end. With a {@code probe}, requests run through the
     * entry during the swap and the figures go to the phase log.
     */
    @Override
    public RunningService deploy(Release release) {
        ensureOpen();
        long started = System.nanoTime();
        PhaseLog log = openLog(String.format("%02d-%s.log", ++deployments, release.id()));
        currentLog = log;
        RunningService before = running.get();
        lastDeployed.set(new RunningService(release, before == null ? URI.create("http://127.0.0.1:0/") : before.baseUri(),
                log.file(), Map.of()));
        RunningService up = rollout.roll(release, before, log, deployments, started);
        lastDeployed.set(up);
        return up;
    }

    @Override
    public Optional<RunningService> current() {
        RunningService service = running.get();
        if (service == null) {
            return Optional.empty();
        }
        boolean alive = spec.services().stream().allMatch(name -> Optional.ofNullable(containers.get(name))
                .flatMap(docker::state).map(state -> Boolean.TRUE.equals(state.getRunning())).orElse(false));
        return alive ? Optional.of(service) : Optional.empty();
    }

    @Override
    public Optional<RunningService> lastDeployed() {
        return Optional.ofNullable(lastDeployed.get());
    }

    @Override
    public void stopService() {
        RunningService stopping = running.getAndSet(null);
        synchronized (lifecycle) {
            if (lifecycle.closed()) {
                return;
            }
            SlowStops.stopAll(docker, Map.copyOf(containers), currentLog, progress);
            // Through the API, not compose rm: Compose v1's rm removes one-off containers too, among them a
            // clean-install reference of the same service running beside the steps.
            spec.services().forEach(service -> docker.serviceContainers(project.name(), service).forEach(docker::removeContainer));
            containers.clear();
        }
        if (stopping != null) {
            progress.report("release " + stopping.release() + " stopped");
        }
    }

    @Override
    public DatabaseEndpoint database() {
        return database;
    }

    /** {@code pg_dump -Fc} in the database container, while the release keeps serving. */
    @Override
    public void backup(String name) {
        ensureOpen();
        long started = System.nanoTime();
        backups.take(name);
        progress.report(String.format("backup '%s' taken with pg_dump -Fc in the database container in %.1fs", name,
                (System.nanoTime() - started) / 1e9));
    }

    /** Stops the release and restores the database with {@code pg_restore} in the database container. */
    @Override
    public void restore(String name) {
        ensureOpen();
        backups.fileOf(name);  // an unknown name fails before the release stops
        stopService();
        backups.restore(name);
        progress.report("database restored from backup '" + name + "' with pg_restore in the database container");
    }

    /**
     * A second database in the same PostgreSQL container, migrated by a one-off container of
     * {@code release}: the {@code migrate} service where the profile has one, else the first
     * release service started against it until healthy and removed again. The one started ahead
     * ({@link #prepareCleanInstallReference}) when there is one.
     */
    @Override
    public DatabaseEndpoint cleanInstallReference(Release release) {
        return referencesAhead.join(release).orElseGet(() -> cleanInstalls.install(release));
    }

    /**
     * Starts the clean install for the convergence check beside the steps: its one-off container
     * names its release in its own command, so a deploy meanwhile is not affected.
     */
    @Override
    public void prepareCleanInstallReference(Release release) {
        if (!lifecycle.closed()) {
            referencesAhead.start(release, cleanInstalls::install, progress);
        }
    }

    @Override
    public List<dev.tollgate.runtime.DeployedImage> deployedImages() {
        return images.deployed();
    }

    @Override
    public void close() {
        lifecycle.close(this::closeOnce);
    }

    private void closeOnce(RuntimeLifecycle.Failures failures) {
        // The release's own shutdown (stop signal to exit) is the system's work, as on local; the
        // removal of what is left below (database container, volume, network) stays Tollgate's.
        failures.run(() -> {
            try (SystemWait.Interval waiting = SystemWait.waiting(SystemWait.SERVICE_STOP)) {
                SlowStops.stopAll(docker, Map.copyOf(containers), currentLog, progress);
            }
        });
        // What 'compose down -v' removed, through the API by the run's label (every container, volume
        // and network of the project carries it): a compose process costs ~2 s per suite on Compose v1.
        failures.run(() -> RunSweep.removeRun(docker, runId()));
        // A clean install started ahead fails fast once its container is gone; let it end before the connection closes.
        referencesAhead.stop(Duration.ofSeconds(10));
        synchronized (logs) {
            logs.forEach(PhaseLog::close);
        }
        failures.run(docker::close);
        failures.run(runDirectory::close);
    }

    private PhaseLog openLog(String fileName) {
        PhaseLog log = new PhaseLog(logDirectory.resolve(fileName));
        synchronized (logs) {
            logs.add(log);
        }
        return log;
    }

    private void ensureOpen() {
        lifecycle.ensureOpen();
    }
}
