package dev.tollgate.runtime.compose;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
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
import dev.tollgate.model.ComposeSpec;
import dev.tollgate.model.Profile;
import dev.tollgate.model.Release;
import dev.tollgate.model.ReleaseSpec;
import dev.tollgate.model.Variables;
import dev.tollgate.system.DatabaseEndpoint;
import dev.tollgate.runtime.Progress;
import dev.tollgate.runtime.ReadinessProbe;
import dev.tollgate.runtime.ReferencesAhead;
import dev.tollgate.runtime.RunDirectory;
import dev.tollgate.system.RunningService;
import dev.tollgate.system.SystemWait;
import dev.tollgate.runtime.RuntimeLifecycle;
import dev.tollgate.runtime.StartupCause;
import dev.tollgate.runtime.SystemUnderTest;

/**
 * The {@code compose} runtime: the profile's compose file as one compose project per scenario. The
 * database service starts once and keeps its volume for the whole scenario; a release is deployed
 * by swapping the image of the release's services in place ({@code up -d --no-deps}), one service
 * at a time, so an upgrade with several replicas rolls. Everything it creates carries the run's
 * labels and is removed by {@link #close()} (through the Docker API, by the run's label) — called by the
 * owner, or by a JVM shutdown hook when the run is interrupted.
 */
@API(status = INTERNAL, since = "0.1")
public final class ComposeRuntime implements SystemUnderTest {

    private static final int POSTGRES_PORT = 5432;
    private static final Duration DATABASE_TIMEOUT = Duration.ofSeconds(60);

    private final Profile profile;
    private final ComposeSpec spec;
    private final Variables variables;
    private final RunDirectory runDirectory;
    private final Path logDirectory;
    private final Progress progress;
    private final DockerEngine docker;
    private final ComposeProject project;
    private final String password = newPassword();
    private final Map<String, String> backups = new LinkedHashMap<>();
    private final Map<Release, DatabaseEndpoint> references = new HashMap<>();
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
    private volatile PhaseLog currentLog;
    private PostgresContainer postgres;
    private DatabaseEndpoint database;
    private List<String> supportServices = List.of();
    private final java.util.Set<String> followed = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private int deployments;
    private final List<dev.tollgate.system.RollingUpgradeFigures> probes = new java.util.concurrent.CopyOnWriteArrayList<>();

    private ComposeRuntime(Profile profile, Variables variables, RunDirectory runDirectory, Path logDirectory,
            Progress progress, DockerEngine docker, ComposeCli cli) {
        this.profile = profile;
        this.spec = profile.compose();
        this.variables = variables;
        this.runDirectory = runDirectory;
        this.logDirectory = logDirectory;
        this.progress = progress;
        this.docker = docker;
        String projectName = runDirectory.runId().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_-]", "-");
        Map<String, String> labels = Map.of(DockerEngine.RUN_LABEL, runDirectory.runId(),
                DockerEngine.OWNER_LABEL, Long.toString(ProcessHandle.current().pid()),
                DockerEngine.OWNER_HOST_LABEL, DockerEngine.thisHost());
        this.project = new ComposeProject(cli, projectName, composeFile(profile), runDirectory.resolve("tollgate.override.yml"),
                labels, composeEnv());
        this.files = new ProfileFiles(docker, composeFile(profile).getParent(), projectName + "_tollgate-files", labels);
        this.images = new ReleaseImages(docker, composeFile(profile), spec.release(),
                release -> project.images(Map.of(spec.release(), releaseValue(release))));
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
            List<String> stale = docker.sweep(DockerEngine::ownerIsGone);
            if (!stale.isEmpty()) {
                progress.report("removed what earlier runs left in Docker: " + String.join(", ", stale));
            }
            prepare(profile, progress);
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

    /** The profile's {@code prepare} command (e.g. building images where no registry is reachable). */
    private static void prepare(Profile profile, Progress progress) {
        List<String> command = profile.compose().prepare();
        if (command.isEmpty()) {
            return;
        }
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

    static Path composeFile(Profile profile) {
        Path directory = profile.source() == null ? Path.of("") : profile.source().toAbsolutePath().getParent();
        Path file = directory.resolve(profile.compose().file()).normalize();
        if (!Files.isRegularFile(file)) {
            throw new TollgateException(ErrorCode.LOAD_PROFILE_INVALID, profile.describe() + ": compose.file "
                    + profile.compose().file() + " does not exist (looked for " + file + ").");
        }
        return file;
    }

    /** The probe as the profile writes it, its token resolved: a subject's, like {@code ${subjects.viewer.token}}. */
    private ComposeSpec.Probe probeWithToken() {
        ComposeSpec.Probe probe = spec.probe();
        if (probe.token() == null) {
            return probe;
        }
        String token = variables.with(dev.tollgate.model.SubjectTokens.variables(profile, variables)).resolve(probe.token());
        return new ComposeSpec.Probe(probe.path(), token, probe.interval());
    }

    /**
     * What the compose file's release variable is set to for {@code release}: the image its
     * {@code releases:} entry names, else its id (for a file that builds the image from it).
     */
    private String releaseValue(Release release) {
        return profile.releases().find(release.id()).map(ReleaseSpec::image).orElse(release.id());
    }

    private Map<String, String> composeEnv() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("POSTGRES_USER", spec.user());
        env.put("POSTGRES_PASSWORD", password);
        env.put("POSTGRES_DB", profile.database().name());
        env.put(Constants.RUN_ID_ENV, runDirectory.runId());
        // Where the compose file publishes its ports, if it asks: loopback here, every interface on another host.
        env.put(EngineAddress.PUBLISH_ADDRESS_VARIABLE, docker.engineAddress().publishAddress());
        // Until a release is deployed, the release variable names none; nothing starts with it.
        env.put(spec.release(), "none");
        try {
            // The subjects' tokens of this run, for a compose file that hands them to the service.
            env.putAll(variables.with(dev.tollgate.model.SubjectTokens.variables(profile, variables)).resolve(spec.env()));
        } catch (Variables.UndefinedVariableException e) {
            throw new TollgateException(ErrorCode.LOAD_UNDEFINED_VARIABLE, profile.describe() + ": " + e.getMessage()
                    + " in compose.env. Set it with " + Hints.setting(e.variable(), "…") + " or as an environment variable.");
        }
        return env;
    }

    private void startDatabase(ComposeCli cli) {
        long started = System.nanoTime();
        List<String> all = new ArrayList<>(project.writeOverride(files));
        if (!files.copied().isEmpty()) {
            progress.report("bind-mounted files of the profile handed to the Docker engine at " + docker.host()
                    + " through volume " + files.volume() + ": " + String.join(", ", files.copied()));
        }
        ComposeFileCheck.requireServices(profile, composeFile(profile), all);
        all.remove(spec.database());
        all.removeAll(spec.services());
        all.remove(spec.migrate());
        supportServices = List.copyOf(all);
        project.up(List.of(spec.database()));
        String container = containerOf(spec.database());
        PhaseLog log = openLog("postgres.log");
        log.follow(docker, container, "");
        ContainerHealth.await(docker, spec.database(), container, log, DATABASE_TIMEOUT);
        postgres = new PostgresContainer(docker, container, spec.user());
        String[] hostPort = publishedPort(spec.database(), container, POSTGRES_PORT).split(":");
        database = new DatabaseEndpoint(hostPort[0], Integer.parseInt(hostPort[1]), profile.database().name(), spec.user(), password);
        progress.report(String.format("compose project %s (%s) with PostgreSQL up at %s in %.1fs%s", project.name(),
                cli.version(), database, (System.nanoTime() - started) / 1e9,
                docker.engineAddress().local() ? "" : " on the Docker engine at " + docker.host()));
    }

    public String runId() {
        return runDirectory.runId();
    }

    /** The compose project's name: {@code docker ps --filter label=com.docker.compose.project=NAME} shows it. */
    public String projectName() {
        return project.name();
    }

    @Override
    public List<dev.tollgate.system.RollingUpgradeFigures> upgradeProbes() {
        return List.copyOf(probes);
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
        project.set(spec.release(), releaseValue(release));
        UpgradeProbe probe = spec.probe() != null && before != null ? UpgradeProbe.start(before.baseUri(), probeWithToken()) : null;
        boolean touched = false;
        try {
            if (spec.migrate() != null) {
                migrate(release, log, Map.of());
            }
            // Nothing serves yet (install, or after a restore): start every service at once. Otherwise
            // roll: one service at a time, the next only when the one before is healthy.
            List<List<String>> waves = before == null ? List.of(spec.services())
                    : spec.services().stream().map(List::of).toList();
            for (List<String> wave : waves) {
                touched = true;
                // Stopped here, not by compose, to tell a stop that waited out its grace period.
                wave.forEach(service -> Optional.ofNullable(containers.get(service))
                        .ifPresent(old -> SlowStops.stop(docker, service, old, log, progress)));
                synchronized (lifecycle) {
                    ensureOpen();
                    project.up(wave);
                }
                for (String service : wave) {
                    String container = containerOf(service);
                    containers.put(service, container);
                    log.follow(docker, container, spec.services().size() > 1 ? service : "");
                    images.verify(release, service, container, true);
                }
                for (String service : wave) {
                    ServiceReadiness.await(docker, service + " (release " + release + ")", containers.get(service), log,
                            profile.service(), spec.port());
                }
                if (waves.size() > 1 && !spec.pause().isZero()) {
                    pause(spec.pause());
                }
            }
            startSupportServices();
            URI baseUri = URI.create("http://" + publishedPort(spec.entry(), containerOf(spec.entry()), spec.port()) + "/");
            ReadinessProbe.http(profile.service().health(), profile.service().startTimeout())
                    .await(new ContainerTarget("release " + release + " (" + spec.entry() + ")", baseUri,
                            containerOf(spec.entry()), docker, log));
            RunningService up = new RunningService(release, baseUri, log.file(), Map.of());
            running.set(up);
            lastDeployed.set(up);
            progress.report(String.format("release %s up at %s in %.1fs (log %s)", release, baseUri,
                    (System.nanoTime() - started) / 1e9, log.file().getFileName()));
            return up;
        } catch (RuntimeException e) {
            // A migration job that failed changed no service: the release before still serves.
            if (touched) {
                running.set(null);
            }
            throw e;
        } finally {
            if (probe != null) {
                UpgradeProbe.Figures figures = probe.stop();
                log.note(figures.summary());
                progress.report("  " + figures.summary() + " (through " + spec.entry() + ", during the upgrade to " + release + ")");
                Path file = logDirectory.resolve(String.format("%02d-%s.probe.json", deployments, release.id()));
                ProbeReport.write(file, release, figures);
                probes.add(new dev.tollgate.system.RollingUpgradeFigures(release.id(), figures.requests(), figures.failed(),
                        figures.errors(), figures.longestUnavailableMillis(), figures.durationMillis(), file));
            }
        }
    }

    private static void pause(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TollgateException(ErrorCode.STEP_TIMED_OUT, "the upgrade was interrupted");
        }
    }

    private void migrate(Release release, PhaseLog log, Map<String, String> env) {
        ComposeCli.Result result;
        synchronized (lifecycle) {
            ensureOpen();
            result = project.runOnce(spec.migrate(), Map.of(spec.release(), releaseValue(release)), env, List.of());
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

    private void startSupportServices() {
        if (supportServices.isEmpty()) {
            return;
        }
        synchronized (lifecycle) {
            ensureOpen();
            project.up(supportServices);
        }
        // Their logs, for the whole run, next to the database's (they are not replaced by a deploy).
        for (String service : supportServices) {
            if (followed.add(service)) {
                openLog(service + ".log").follow(docker, containerOf(service), "");
            }
        }
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
            project.remove(spec.services());
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
        String file = postgres.dump(profile.database().name(), "backup-" + backups.size());
        backups.put(name, file);
        progress.report(String.format("backup '%s' taken with pg_dump -Fc in the database container in %.1fs", name,
                (System.nanoTime() - started) / 1e9));
    }

    /** Stops the release and restores the database with {@code pg_restore} in the database container. */
    @Override
    public void restore(String name) {
        ensureOpen();
        String file = backups.get(name);
        if (file == null) {
            throw new TollgateException(ErrorCode.RUNTIME_UNKNOWN_BACKUP, "No backup named '" + name
                    + "' was taken in this run. Backups taken: " + (backups.isEmpty() ? "none" : String.join(", ", backups.keySet()))
                    + ". Add a backup step before the restore.");
        }
        stopService();
        postgres.restore(profile.database().name(), file);
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
        return referencesAhead.join(release).orElseGet(() -> installReference(release));
    }

    /**
     * Starts the clean install for the convergence check beside the steps: its one-off container
     * names its release in its own command, so a deploy meanwhile is not affected.
     */
    @Override
    public void prepareCleanInstallReference(Release release) {
        if (!lifecycle.closed()) {
            referencesAhead.start(release, this::installReference, progress);
        }
    }

    private synchronized DatabaseEndpoint installReference(Release release) {
        ensureOpen();
        DatabaseEndpoint known = references.get(release);
        if (known != null) {
            return known;
        }
        String name = "tollgate_reference_" + references.size();
        postgres.create(name);
        Map<String, String> env = referenceEnv(name);
        PhaseLog log = openLog("reference-" + release.id() + ".log");
        if (spec.migrate() != null) {
            migrate(release, log, env);
        } else {
            String container = project.name() + "-reference-" + references.size();
            synchronized (lifecycle) {
                ensureOpen();
                project.runDetached(spec.services().get(0), container, Map.of(spec.release(), releaseValue(release)), env);
            }
            try {
                log.follow(docker, container, "");
                images.verify(release, spec.services().get(0), container, false);
                // Read only once the release has started, and so migrated: until then the schema is half there.
                ServiceReadiness.await(docker, "clean install of " + release, container, log, profile.service(), spec.port());
            } finally {
                docker.removeContainer(container);
            }
        }
        DatabaseEndpoint reference = database.withName(name);
        references.put(release, reference);
        progress.report("clean-install reference of " + release + " in database " + name);
        return reference;
    }

    @Override
    public List<dev.tollgate.runtime.DeployedImage> deployedImages() {
        return images.deployed();
    }

    /** The service's environment for a one-off container on another database of the same server. */
    private Map<String, String> referenceEnv(String databaseName) {
        Map<String, String> values = new HashMap<>();
        values.put("database.host", spec.database());
        values.put("database.port", Integer.toString(POSTGRES_PORT));
        values.put("database.name", databaseName);
        values.put("database.user", spec.user());
        values.put("database.password", password);
        values.put("database.url", "jdbc:postgresql://" + spec.database() + ":" + POSTGRES_PORT + "/" + databaseName);
        try {
            return variables.with(values).resolve(profile.service().env());
        } catch (Variables.UndefinedVariableException e) {
            throw new TollgateException(ErrorCode.LOAD_UNDEFINED_VARIABLE, profile.describe() + ": " + e.getMessage()
                    + " in service.env. Set it with " + Hints.setting(e.variable(), "…") + " or as an environment variable.");
        }
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
        failures.run(() -> docker.removeRun(runId()));
        // A clean install started ahead fails fast once its container is gone; let it end before the connection closes.
        referencesAhead.stop(Duration.ofSeconds(10));
        synchronized (logs) {
            logs.forEach(PhaseLog::close);
        }
        failures.run(docker::close);
        failures.run(runDirectory::close);
    }

    private String containerOf(String service) {
        return docker.serviceContainer(project.name(), service).or(() -> project.containerId(service)).orElseThrow(() -> new TollgateException(ErrorCode.RUNTIME_COMPOSE_FAILED,
                "Service '" + service + "' of compose project " + project.name() + " has no container after 'up'."));
    }

    private String publishedPort(String service, String container, int port) {
        return docker.publishedPort(container, port).orElseGet(() -> project.publishedPort(service, port));
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

    private static String newPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
