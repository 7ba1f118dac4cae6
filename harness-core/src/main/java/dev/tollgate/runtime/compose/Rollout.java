package dev.tollgate.runtime.compose;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import dev.tollgate.api.ErrorCode;
import dev.tollgate.api.TollgateException;
import dev.tollgate.model.ComposeSpec;
import dev.tollgate.model.Profile;
import dev.tollgate.model.Release;
import dev.tollgate.runtime.Progress;
import dev.tollgate.runtime.ReadinessProbe;
import dev.tollgate.runtime.RuntimeLifecycle;
import dev.tollgate.system.RollingUpgradeFigures;
import dev.tollgate.system.RunningService;

/**
 * Deploys a release onto the compose project by swapping the image of its services in place
 * ({@code up -d --no-deps}), the database and its volume untouched: with nothing serving, every
 * service at once; otherwise one service at a time, the next only when the one before is healthy,
 * so an upgrade with several replicas rolls. A {@code migrate} service runs first, a {@code probe}
 * measures what users see meanwhile.
 */
final class Rollout {

    /** What a rollout needs of the runtime that owns the project. */
    record Parts(Profile profile, DockerEngine docker, ComposeProject project, ServiceContainers containers, ReleaseImages images,
            ComposeEnvironment environment, MigrateJob migrate, RuntimeLifecycle lifecycle, Progress progress, Path logDirectory,
            Function<String, PhaseLog> openLog, List<String> supportServices) {
    }

    private final Parts parts;
    private final ComposeSpec spec;
    private final AtomicReference<RunningService> running;
    private final Map<String, String> containers;
    private final Set<String> followed = ConcurrentHashMap.newKeySet();
    private final List<RollingUpgradeFigures> probes = new CopyOnWriteArrayList<>();

    /**
     * @param running    the release that serves, set here once it answers and cleared when a failed deploy touched it
     * @param containers the containers of the running release, by service, kept up to date here
     */
    Rollout(Parts parts, AtomicReference<RunningService> running, Map<String, String> containers) {
        this.parts = parts;
        this.spec = parts.profile().compose();
        this.running = running;
        this.containers = containers;
    }

    /** The figures of every rolling upgrade probed so far, oldest first. */
    List<RollingUpgradeFigures> probes() {
        return List.copyOf(probes);
    }

    /**
     * Deploys {@code release} where {@code before} serves (null: nothing does), its output into
     * {@code log}; returns it once it answers.
     *
     * @param deployment the deployment's number in this run, for the probe's file
     * @param started    when the deploy started ({@link System#nanoTime()}), for the progress line
     */
    RunningService roll(Release release, RunningService before, PhaseLog log, int deployment, long started) {
        parts.project().set(spec.release(), parts.environment().releaseValue(release));
        UpgradeProbe probe = spec.probe() != null && before != null
                ? UpgradeProbe.start(before.baseUri(), parts.environment().probe()) : null;
        boolean touched = false;
        try {
            if (spec.migrate() != null) {
                parts.migrate().run(release, log, Map.of());
            }
            // Nothing serves yet (install, or after a restore): start every service at once. Otherwise
            // roll: one service at a time, the next only when the one before is healthy.
            List<List<String>> waves = before == null ? List.of(spec.services())
                    : spec.services().stream().map(List::of).toList();
            for (List<String> wave : waves) {
                touched = true;
                // Stopped here, not by compose, to tell a stop that waited out its grace period.
                wave.forEach(service -> Optional.ofNullable(containers.get(service))
                        .ifPresent(old -> SlowStops.stop(parts.docker(), service, old, log, parts.progress())));
                synchronized (parts.lifecycle()) {
                    parts.lifecycle().ensureOpen();
                    parts.project().up(wave);
                }
                for (String service : wave) {
                    String container = parts.containers().of(service);
                    containers.put(service, container);
                    log.follow(parts.docker(), container, spec.services().size() > 1 ? service : "");
                    parts.images().verify(release, service, container, true);
                }
                for (String service : wave) {
                    ServiceReadiness.await(parts.docker(), service + " (release " + release + ")", containers.get(service), log,
                            parts.profile().service(), spec.port());
                }
                if (waves.size() > 1 && !spec.pause().isZero()) {
                    pause(spec.pause());
                }
            }
            startSupportServices();
            String entry = parts.containers().of(spec.entry());
            URI baseUri = URI.create("http://" + parts.containers().publishedPort(spec.entry(), entry, spec.port()) + "/");
            ReadinessProbe.http(parts.profile().service().health(), parts.profile().service().startTimeout())
                    .await(new ContainerTarget("release " + release + " (" + spec.entry() + ")", baseUri,
                            entry, parts.docker(), log));
            RunningService up = new RunningService(release, baseUri, log.file(), Map.of());
            running.set(up);
            parts.progress().report(String.format("release %s up at %s in %.1fs (log %s)", release, baseUri,
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
                parts.progress().report("  " + figures.summary() + " (through " + spec.entry() + ", during the upgrade to "
                        + release + ")");
                Path file = parts.logDirectory().resolve(String.format("%02d-%s.probe.json", deployment, release.id()));
                ProbeReport.write(file, release, figures);
                probes.add(new RollingUpgradeFigures(release.id(), figures.requests(), figures.failed(),
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

    private void startSupportServices() {
        if (parts.supportServices().isEmpty()) {
            return;
        }
        synchronized (parts.lifecycle()) {
            parts.lifecycle().ensureOpen();
            parts.project().up(parts.supportServices());
        }
        // Their logs, for the whole run, next to the database's (they are not replaced by a deploy).
        for (String service : parts.supportServices()) {
            if (followed.add(service)) {
                parts.openLog().apply(service + ".log").follow(parts.docker(), parts.containers().of(service), "");
            }
        }
    }
}
