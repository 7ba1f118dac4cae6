package dev.tollgate.engine;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;


import dev.tollgate.check.CheckRegistry;
import dev.tollgate.check.CheckType;
import dev.tollgate.check.Status;
import dev.tollgate.db.MigrationHistories;
import dev.tollgate.db.MigrationHistory;
import dev.tollgate.model.CheckSpec;
import dev.tollgate.model.MigrationsSpec;
import dev.tollgate.model.Step;
import dev.tollgate.model.Suite;
import dev.tollgate.model.UpgradeMigrations;
import dev.tollgate.report.RunRecord;
import dev.tollgate.report.RunRecordJson;
import dev.tollgate.system.DatabaseEndpoint;
import dev.tollgate.system.RollingUpgradeFigures;

/**
 * Collects the outcome of every step of a run and writes {@code run.json} when the run ends, so
 * the gate decides on what actually happened, skipped steps included.
 */
final class RunRecorder {

    static final String FILE_NAME = RunRecordJson.FILE_NAME;

    private final Instant startedAt = Instant.now();
    // The order suites were selected in: the record lists them so, however they were scheduled, so
    // that a run with suites side by side reads (and is judged) like one with suites one by one.
    private final List<Suite> selected;
    // What each declared check's type says about it (its area), for steps whose checks did not report.
    private final CheckRegistry registry;
    private final Map<Suite, List<RunRecord.StepRecord>> steps = new LinkedHashMap<>();
    private final Map<Suite, List<RunRecord.MigrationRecord>> migrations = new LinkedHashMap<>();
    private final Map<Suite, RunRecord.SuiteTiming> timings = new LinkedHashMap<>();
    private final Map<Suite, List<RunRecord.UpgradeProbe>> probes = new LinkedHashMap<>();
    private String database = "";
    private RunRecord.Target target;
    // The images the releases ran (compose), from every suite: the same release's image once.
    private final Map<String, dev.tollgate.runtime.DeployedImage> images = new LinkedHashMap<>();

    /** Notes that the run is against a remote target, and whether destructive steps were let through. */
    synchronized void target(RunRecord.Target remote) {
        this.target = remote;
    }

    RunRecorder(List<Suite> selected, CheckRegistry registry) {
        this.selected = List.copyOf(selected);
        this.registry = registry;
    }

    /** Notes the images a suite's runtime deployed, as the engine reported them. */
    synchronized void imagesDeployed(List<dev.tollgate.runtime.DeployedImage> deployed) {
        deployed.forEach(image -> images.putIfAbsent(image.release() + "\n" + image.service() + "\n" + image.id(), image));
    }

    synchronized void suiteStarted(Suite suite) {
        steps.putIfAbsent(suite, new ArrayList<>());
        timings.put(suite, new RunRecord.SuiteTiming(Instant.now(), null, 0, 0, 0));
    }

    /** How long the suite's own environment took to start, and the rest of its start. */
    synchronized void suiteSetUp(Suite suite, long environmentNanos, long setupNanos) {
        timings.computeIfPresent(suite, (s, timing) -> new RunRecord.SuiteTiming(timing.startedAt(), null,
                environmentNanos / 1_000_000, setupNanos / 1_000_000, 0));
    }

    /** The suite is over and its environment gone; part of that was waiting on the system (its service's shutdown). */
    synchronized void suiteTornDown(Suite suite, long teardownNanos, Map<String, Long> waitedOnSystemMillis,
            Map<String, Long> aheadWaitedOnSystemMillis) {
        long waited = waitedOnSystemMillis.values().stream().mapToLong(Long::longValue).sum();
        long ahead = aheadWaitedOnSystemMillis.values().stream().mapToLong(Long::longValue).sum();
        timings.computeIfPresent(suite, (s, timing) -> new RunRecord.SuiteTiming(timing.startedAt(), Instant.now(),
                timing.environmentMillis(), timing.setupMillis(), teardownNanos / 1_000_000, waited, ahead));
    }

    /** Notes the database server's version, once per run: every suite of a run uses the same kind. */
    void databaseStarted(DatabaseEndpoint endpoint) {
        synchronized (this) {
            if (!database.isEmpty()) {
                return;
            }
        }
        String version;
        try (Connection connection = endpoint.connect(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("select current_setting('server_version')")) {
            row.next();
            version = "PostgreSQL " + row.getString(1);  // 16.4, or 16.4 (Debian 16.4-1) for a packaged server
        } catch (SQLException e) {
            version = "unknown (" + e.getMessage() + ")";  // evidence, never a reason to fail a suite
        }
        synchronized (this) {
            database = version;
        }
    }

    /** Keeps what users saw during the suite's rolling upgrades, as its runtime measured it. */
    synchronized void upgradesProbed(Suite suite, List<RollingUpgradeFigures> figures) {
        probes.put(suite, figures.stream().map(probe -> new RunRecord.UpgradeProbe(probe.release(), probe.requests(),
                probe.failed(), probe.errors(), probe.longestUnavailableMillis(), probe.durationMillis(),
                probe.file().toString())).toList());
    }

    /** Keeps the migration history the suite left behind: which versions, applied when. */
    void suiteEnded(Suite suite, DatabaseEndpoint endpoint, MigrationsSpec location) {
        List<RunRecord.MigrationRecord> applied;
        try {
            MigrationHistory history = MigrationHistories.inspect(endpoint, location, null).history();
            applied = history.migrations().stream().map(migration -> new RunRecord.MigrationRecord(migration.version(),
                    migration.description(), migration.installedOn(), migration.success())).toList();
        } catch (SQLException | RuntimeException e) {
            applied = List.of();  // no history (the database is gone, or no tool): the steps say why
        }
        synchronized (this) {
            migrations.put(suite, applied);
        }
    }

    /** {@code 8 steps: 8 passed} or {@code 8 steps: 5 passed, 1 failed, 2 skipped}. */
    synchronized String summary(List<Suite> suites) {
        List<RunRecord.StepRecord> all = suites.stream()
                .flatMap(suite -> steps.getOrDefault(suite, List.of()).stream()).toList();
        StringBuilder text = new StringBuilder(all.size() + (all.size() == 1 ? " step: " : " steps: "));
        String counts = Arrays.stream(Status.values())
                .map(status -> Map.entry(status, all.stream().filter(step -> step.status() == status).count()))
                .filter(entry -> entry.getValue() > 0 || entry.getKey() == Status.PASSED)
                .map(entry -> entry.getValue() + " " + entry.getKey().name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
        return text.append(counts).toString();
    }

    synchronized List<Suite> suites() {
        return List.copyOf(steps.keySet());
    }

    /** A step that never ran (skipped), so it waited on nothing. */
    void stepFinished(Suite suite, String id, String name, Step step, Status status, String message,
            long durationMillis, List<CheckRunner.Ran> results) {
        stepFinished(suite, id, name, step, status, message, durationMillis, results, Map.of(), List.of());
    }

    synchronized void stepFinished(Suite suite, String id, String name, Step step, Status status, String message,
            long durationMillis, List<CheckRunner.Ran> results, Map<String, Long> waitedOnSystemMillis,
            List<UpgradeMigrations> upgrades) {
        List<RunRecord.CheckRecord> checks = results.stream().map(ran -> new RunRecord.CheckRecord(ran.result().check(),
                ran.spec().type(), ran.type().area().orElse(null), ran.result().status(), ran.result().message(),
                ran.result().facts())).toList();
        List<RunRecord.DeclaredCheck> declared = step.checks().stream().map(spec -> new RunRecord.DeclaredCheck(spec.name(),
                spec.type(), registry.find(spec.type()).flatMap(CheckType::area).orElse(null))).toList();
        steps.computeIfAbsent(suite, s -> new ArrayList<>()).add(new RunRecord.StepRecord(id, step.id() != null, name,
                step.kind(), step.position(), status, message, durationMillis, checks, declared, waitedOnSystemMillis, upgrades));
    }

    synchronized RunRecord record(TollgateExecutionContext.RunSettings run) {
        return record(run, new HashMap<>());
    }

    /**
     * @param artifacts each release's files by role and release, shared by the paths of one write: the
     *                  candidate's jar is hashed once, not once per path
     */
    private synchronized RunRecord record(TollgateExecutionContext.RunSettings run,
            Map<List<String>, List<RunRecord.Artifact>> artifacts) {
        List<RunRecord.SuiteRecord> suites = steps.entrySet().stream()
                .sorted(java.util.Comparator.comparingInt(entry -> position(entry.getKey())))
                .map(entry -> new RunRecord.SuiteRecord(entry.getKey().name(), entry.getKey().position().file().toString(),
                        entry.getKey().tags().stream().sorted().toList(), entry.getValue(),
                        migrations.getOrDefault(entry.getKey(), List.of()),
                        timings.getOrDefault(entry.getKey(), RunRecord.SuiteTiming.UNKNOWN),
                        probes.getOrDefault(entry.getKey(), List.of())))
                .toList();
        String previous = run.configuration().previous().id();
        String candidate = run.configuration().candidate().id();
        List<RunRecord.Artifact> files = new ArrayList<>(artifacts.computeIfAbsent(List.of("previous", previous),
                key -> ReleaseArtifacts.of(run.profile(), run.variables(), "previous", previous)));
        files.addAll(artifacts.computeIfAbsent(List.of("candidate", candidate),
                key -> ReleaseArtifacts.of(run.profile(), run.variables(), "candidate", candidate)));
        List<RunRecord.Image> deployedImages = images.values().stream()
                .map(image -> new RunRecord.Image(image.release(), role(image.release(), previous, candidate), image.service(),
                        image.reference(), image.id(), image.digests()))
                .toList();
        RunRecord.Environment environment = new RunRecord.Environment(System.getProperty("java.version") + " ("
                + System.getProperty("java.vendor") + ")", database, files, deployedImages);
        return new RunRecord(RunRecord.FORMAT, RunRecord.currentVersion(), run.profile().name(), previous, candidate, startedAt, Instant.now(),
                suites, environment, target, run.configuration().paths(), null);
    }

    private static String role(String release, String previous, String candidate) {
        return release.equals(candidate) ? "candidate" : release.equals(previous) ? "previous" : "chain";
    }

    /** Writes {@code run.json}, with what the caller adds ({@code amend}), and returns the record it holds. */
    RunRecord write(TollgateExecutionContext.RunSettings run, UnaryOperator<RunRecord> amend) {
        RunRecord record = amend.apply(record(run));
        RunRecordJson.write(record, run.configuration().evidenceDir().resolve(FILE_NAME));
        return record;
    }

    /**
     * Writes {@code run.json} for the whole run and returns its record: for a matrix, each path's
     * record (its own recorder's) in one, the suites of each path in turn, each suite with its path.
     */
    static RunRecord write(List<TollgateExecutionContext.RunSettings> parts, TollgateConfiguration configuration,
            UnaryOperator<RunRecord> amend) {
        if (!configuration.matrix()) {
            return parts.get(0).recorder().write(parts.get(0), amend);
        }
        // Also when a shard holds one path's suites only: the record is of the whole matrix.
        Map<List<String>, List<RunRecord.Artifact>> artifacts = new HashMap<>();
        List<RunRecord> records = parts.stream().map(part -> part.recorder().record(part, artifacts)).toList();
        RunRecord combined = amend.apply(RunRecord.combine(records, configuration.paths()));
        RunRecordJson.write(combined, configuration.evidenceDir().resolve(FILE_NAME));
        return combined;
    }

    private int position(Suite suite) {
        int index = selected.indexOf(suite);
        return index < 0 ? Integer.MAX_VALUE : index;
    }
}
