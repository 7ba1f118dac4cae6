package dev.tollgate.report;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apiguardian.api.API;

import dev.tollgate.check.Status;
import dev.tollgate.model.Area;
import dev.tollgate.model.Facts;
import dev.tollgate.model.SourcePosition;
import dev.tollgate.model.StepKind;
import dev.tollgate.model.UpgradeMigrations;
import dev.tollgate.model.UpgradePath;

/**
 * What one run did and found: the one model of a run, the input of the gate and of the readiness
 * report. The command line hands it to the gate in memory; {@code run.json} in the evidence directory
 * is its serialised form ({@link RunRecordJson}) for a gate in another JVM (Maven's Failsafe fork).
 * Longer than 300 lines because it is the schema of {@code run.json} in one place: each nested
 * record is one object of the file with its fields documented, and the gate, the reports and the
 * command line name them as {@code RunRecord.StepRecord}, {@code RunRecord.CheckRecord}, …;
 * the code besides the records is a few lines of combining and narrowing records.
 *
 * @param format          the record's format version, {@link #FORMAT} when this build writes it; a record
 *                        of another format is refused when read, never judged
 * @param tollgateVersion the harness version
 * @param profile         the deployment profile's name
 * @param previous        the release in production
 * @param candidate       the release about to ship
 * @param startedAt       when the run started
 * @param finishedAt      when it ended
 * @param suites          every suite that ran, in the engine's order (longest first), also when they ran side by side
 * @param environment     what the run ran on: Java, the database server, the releases' artifacts
 * @param target          the deployment Tollgate did not make, or {@code null} when it made its own
 * @param paths           the upgrade paths the run rehearsed, in the order asked for; one unless a matrix
 *                        of previous releases was asked for ({@code --previous 1.0.0,1.1.0}). Read from a
 *                        record without them: the one path {@code previous → candidate}
 * @param shard           which part of the selection this run rehearsed ({@code --shard 2/4}), or {@code null}
 *                        when it rehearsed all of it
 */
@API(status = INTERNAL, since = "0.1")
public record RunRecord(int format, String tollgateVersion, String profile, String previous, String candidate,
        Instant startedAt, Instant finishedAt, List<SuiteRecord> suites, Environment environment, Target target,
        List<UpgradePath> paths, Shard shard) {

    /**
     * The format this build writes and reads. 2 (since 0.2): typed step kinds and positions, each
     * check's area and facts, the checks a step declared, a typed refusal; an upgrade step's migration
     * timings and lock waits. 3: whether a step's id was declared ({@code idDeclared}), an authorization
     * matrix's cases among a check's facts ({@code authzCases}). Records without a format are format 1.
     */
    public static final int FORMAT = 3;

    public RunRecord {
        environment = environment == null ? Environment.UNKNOWN : environment;
        paths = paths == null || paths.isEmpty() ? List.of(UpgradePath.of(previous, candidate)) : List.copyOf(paths);
        // A suite recorded without its path (a record of one path) belongs to the run's one path.
        UpgradePath only = paths.get(0);
        suites = suites.stream().map(suite -> suite.path() == null ? suite.onPath(only) : suite).toList();
    }

    /**
     * The Tollgate version this build is: its jar's implementation version, {@code development} when run
     * from classes (an IDE, the reactor). Shards merge only when their records carry the same.
     */
    public static String currentVersion() {
        String version = RunRecord.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }

    /** A record of this build's {@link #FORMAT}, of one path and not a shard. */
    public RunRecord(String tollgateVersion, String profile, String previous, String candidate, Instant startedAt,
            Instant finishedAt, List<SuiteRecord> suites, Environment environment, Target target) {
        this(FORMAT, tollgateVersion, profile, previous, candidate, startedAt, finishedAt, suites, environment, target,
                List.of(), null);
    }

    /** This run with other suites: what a test or a tool that rewrites a record needs. */
    public RunRecord withSuites(List<SuiteRecord> other) {
        return new RunRecord(format, tollgateVersion, profile, previous, candidate, startedAt, finishedAt, other,
                environment, target, paths, shard);
    }

    /** This run as the given part of its selection. */
    public RunRecord withShard(Shard part) {
        return new RunRecord(format, tollgateVersion, profile, previous, candidate, startedAt, finishedAt, suites,
                environment, target, paths, part);
    }

    /**
     * Records of parts of one run as one record: each path of a matrix, or each shard of a selection.
     * The suites keep their paths, in the parts' order; the environment is what all parts ran on;
     * the run started when the first part did and ended when the last did. The parts are of one
     * Tollgate version, profile and candidate (the callers check that); the result is of no shard.
     *
     * @param paths the run's upgrade paths, in order
     */
    public static RunRecord combine(List<RunRecord> parts, List<UpgradePath> paths) {
        RunRecord first = parts.get(0);
        Environment environment = new Environment(first.environment().java(),
                parts.stream().map(part -> part.environment().database()).filter(db -> !db.isEmpty()).findFirst().orElse(""),
                parts.stream().flatMap(part -> part.environment().artifacts().stream()).distinct().toList(),
                parts.stream().flatMap(part -> part.environment().images().stream()).distinct().toList());
        Instant started = parts.stream().map(RunRecord::startedAt).filter(java.util.Objects::nonNull)
                .min(Instant::compareTo).orElse(null);
        Instant finished = parts.stream().map(RunRecord::finishedAt).filter(java.util.Objects::nonNull)
                .max(Instant::compareTo).orElse(null);
        String previous = paths.size() == 1 ? first.previous()
                : paths.stream().map(UpgradePath::previous).collect(java.util.stream.Collectors.joining(","));
        return new RunRecord(FORMAT, first.tollgateVersion(), first.profile(), previous, first.candidate(), started, finished,
                parts.stream().flatMap(part -> part.suites().stream()).toList(), environment,
                parts.stream().map(RunRecord::target).filter(java.util.Objects::nonNull).findFirst().orElse(null), paths,
                null);
    }

    /** Whether the run rehearsed more than one upgrade path. */
    public boolean matrix() {
        return paths.size() > 1;
    }

    /**
     * The part of this run that rehearsed {@code path}, as a run of that one path: its suites, its
     * previous release. The gate judges each path of a matrix so.
     */
    public RunRecord forPath(UpgradePath path) {
        return new RunRecord(format, tollgateVersion, profile, path.previous(), path.candidate(), startedAt, finishedAt,
                suites.stream().filter(suite -> path.equals(suite.path())).toList(), environment, target, List.of(path),
                shard);
    }

    /**
     * One unit of a run's selection, what shards divide: one suite on one upgrade path.
     *
     * @param path  the upgrade path
     * @param suite the suite's name
     */
    public record Unit(UpgradePath path, String suite) {

        public Unit {
            java.util.Objects.requireNonNull(path, "path must not be null");
            java.util.Objects.requireNonNull(suite, "suite must not be null");
        }

        /** {@code upgrade-from-previous on 1.0.0 → 2.0.0}. */
        public String describe() {
            return suite + " on " + path.describe();
        }
    }

    /** The units this record holds, in its order. */
    public List<Unit> units() {
        return suites.stream().map(suite -> new Unit(suite.path(), suite.name())).toList();
    }

    /**
     * Which part of a selection a run rehearsed.
     *
     * @param index     this shard, from 1
     * @param count     how many shards the selection was divided into
     * @param selection every unit of the whole selection, in order: what the shards together must hold
     * @param balancedBy how the units were divided: {@code count}, or {@code durations from FILE}
     */
    public record Shard(int index, int count, List<Unit> selection, String balancedBy) {

        public Shard {
            selection = selection == null ? List.of() : List.copyOf(selection);
        }

        /** {@code 2/4}. */
        public String describe() {
            return index + "/" + count;
        }
    }

    /**
     * A run against a deployment Tollgate did not make ({@code runtime: remote}).
     *
     * @param url                the target's base URL (credentials masked)
     * @param database           whether a database URL was given (read-only checks)
     * @param destructiveAllowed whether {@code -Dtollgate.allowDestructive=true} was given
     * @param destructiveSuites  the destructive suites that ran against it by that opt-in, each with
     *                           its first step that writes
     * @param refused            whether the run was refused before anything ran: destructive suites
     *                           (listed in {@code destructiveSuites}) without the opt-in
     */
    public record Target(String url, boolean database, boolean destructiveAllowed, List<String> destructiveSuites,
            boolean refused) {

        public Target {
            destructiveSuites = destructiveSuites == null ? List.of() : List.copyOf(destructiveSuites);
        }
    }

    /**
     * @param java      the JVM the harness ran on ({@code 17.0.15 (Debian)})
     * @param database  the database server, as it reports itself ({@code PostgreSQL 16.4}); empty when unknown
     * @param artifacts the files each release was started from, with their checksums
     * @param images    the images each release ran (compose profiles), as the Docker engine reported them
     */
    public record Environment(String java, String database, List<Artifact> artifacts, List<Image> images) {

        public static final Environment UNKNOWN = new Environment("", "", List.of(), List.of());

        public Environment {
            java = java == null ? "" : java;
            database = database == null ? "" : database;
            artifacts = artifacts == null ? List.of() : List.copyOf(artifacts);
            images = images == null ? List.of() : List.copyOf(images);
        }

        /** Without images: a runtime whose releases are files. */
        public Environment(String java, String database, List<Artifact> artifacts) {
            this(java, database, artifacts, List.of());
        }
    }

    /**
     * An image a release ran in a compose profile, read from the container after it was deployed:
     * the exact bits judged, like an artifact's checksum.
     *
     * @param release   the release id
     * @param role      {@code previous}, {@code candidate}, or {@code chain} for a release between them
     * @param service   the compose service that ran it
     * @param reference the image as the compose file names it
     * @param id        the image id ({@code sha256:…})
     * @param digests   its registry digests; empty for an image built locally and never pushed
     */
    public record Image(String release, String role, String service, String reference, String id, List<String> digests) {

        public Image {
            digests = digests == null ? List.of() : List.copyOf(digests);
        }
    }

    /**
     * A file a release's service command names (the service's jar), so a verdict can be tied to the
     * exact bits it judged.
     *
     * @param release the release id
     * @param role    {@code previous} or {@code candidate}
     * @param file    the file's path
     * @param sha256  its SHA-256, in hex
     * @param bytes   its size
     */
    public record Artifact(String release, String role, String file, String sha256, long bytes) {
    }

    /**
     * @param name  the suite's name
     * @param file  the suite file
     * @param tags  its tags
     * @param steps its steps, in order, each with its outcome (skipped steps included)
     * @param migrations the database's migration history when the suite ended, oldest first
     * @param timing     when it ran and what its environment cost; {@link SuiteTiming#UNKNOWN} when not recorded
     * @param upgradeProbes what users saw during each rolling upgrade of the suite, oldest first; empty
     *                   when its runtime does not probe upgrades
     * @param path       the upgrade path the suite rehearsed
     */
    public record SuiteRecord(String name, String file, List<String> tags, List<StepRecord> steps,
            List<MigrationRecord> migrations, SuiteTiming timing, List<UpgradeProbe> upgradeProbes, UpgradePath path) {

        public SuiteRecord {
            tags = List.copyOf(tags);
            steps = List.copyOf(steps);
            migrations = migrations == null ? List.of() : List.copyOf(migrations);
            timing = timing == null ? SuiteTiming.UNKNOWN : timing;
            upgradeProbes = upgradeProbes == null ? List.of() : List.copyOf(upgradeProbes);
        }

        /** A suite of a run of one path: the run's record says which. */
        public SuiteRecord(String name, String file, List<String> tags, List<StepRecord> steps,
                List<MigrationRecord> migrations, SuiteTiming timing, List<UpgradeProbe> upgradeProbes) {
            this(name, file, tags, steps, migrations, timing, upgradeProbes, null);
        }

        /** This suite with other steps. */
        public SuiteRecord withSteps(List<StepRecord> other) {
            return new SuiteRecord(name, file, tags, other, migrations, timing, upgradeProbes, path);
        }

        /** This suite as rehearsed on {@code other}. */
        public SuiteRecord onPath(UpgradePath other) {
            return new SuiteRecord(name, file, tags, steps, migrations, timing, upgradeProbes, other);
        }

        /** How long the suite took, start to end of its environment; else the sum of its steps. */
        public long durationMillis() {
            if (timing.startedAt() != null && timing.finishedAt() != null) {
                return java.time.Duration.between(timing.startedAt(), timing.finishedAt()).toMillis();
            }
            return steps.stream().mapToLong(StepRecord::durationMillis).sum();
        }
    }

    /**
     * What users saw during one rolling upgrade: requests through the entry (the reverse proxy) one
     * after another while the release rolled.
     *
     * @param release                  the release the upgrade rolled to
     * @param requests                 requests sent
     * @param failed                   answers that were not 2xx, or no answer
     * @param errors                   failed requests by what came back ({@code 502}, {@code ConnectException}, …)
     * @param longestUnavailableMillis the longest stretch in which no request succeeded
     * @param durationMillis           how long the probe ran
     * @param file                     the figures' evidence file, next to the phase's log
     */
    public record UpgradeProbe(String release, int requests, int failed, Map<String, Integer> errors,
            long longestUnavailableMillis, long durationMillis, String file) {

        public UpgradeProbe {
            errors = errors == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(errors));
        }
    }

    /**
     * The time a suite took outside its steps, so a run's wall time can be broken down by phase
     * (suites of a run may overlap in time).
     *
     * @param startedAt           when the suite started; {@code null} when unknown
     * @param finishedAt          when it ended, its environment removed; {@code null} when unknown
     * @param environmentMillis   starting its own environment: database server (or compose project) and scratch directory
     * @param setupMillis         the rest of its start: for a read-only suite, deploying the candidate it observes
     * @param teardownMillis      reading the migration history it left, then stopping and removing its environment
     * @param teardownWaitedOnSystemMillis the part of the teardown spent waiting for its service to shut down
     * @param aheadWaitedOnSystemMillis work started ahead, beside the steps, that waited on the system: the
     *                                  convergence check's clean install begun with the suite (a check step
     *                                  that then waits for it records that wait too, within this time)
     */
    public record SuiteTiming(Instant startedAt, Instant finishedAt, long environmentMillis, long setupMillis,
            long teardownMillis, long teardownWaitedOnSystemMillis, long aheadWaitedOnSystemMillis) {

        public static final SuiteTiming UNKNOWN = new SuiteTiming(null, null, 0, 0, 0);

        /** A timing without the teardown's waits (as written before they were recorded). */
        public SuiteTiming(Instant startedAt, Instant finishedAt, long environmentMillis, long setupMillis, long teardownMillis) {
            this(startedAt, finishedAt, environmentMillis, setupMillis, teardownMillis, 0, 0);
        }
    }

    /**
     * One applied migration, as the migration tool recorded it.
     *
     * @param version     its version; {@code null} for a repeatable migration
     * @param description what the tool recorded about it, if anything
     * @param installedOn when it was applied, as the database printed it, if the tool keeps it
     * @param success     false when the tool recorded a failure
     */
    public record MigrationRecord(String version, String description, String installedOn, boolean success) {
    }

    /**
     * @param id             the step's id in unique ids ({@code install-previous}, {@code line-12})
     * @param idDeclared     whether the suite gave the step that id ({@code id:}); else the engine made it of
     *                       the step's line ({@code line-12}), and a reason names the step by what it does (since 0.2)
     * @param name           what the report calls it ({@code upgrade 1.1.0})
     * @param kind           what the step does
     * @param position       where the suite declares it; {@code null} when unknown
     * @param status         its outcome
     * @param message        why, when it did not pass
     * @param durationMillis how long it took
     * @param checks         for a check (or seed) step, each check's outcome, paired with the check it ran
     * @param declared       the checks the step declares, with their types and areas, whether or not they
     *                       reported: what a skipped step would have looked at
     * @param waitedOnSystemMillis how much of the step was spent waiting on the system under test, by what
     *                       was awaited ({@code http}: answers of the service; {@code sql}: statements its
     *                       database ran; {@code clean install}: the release installed on an empty database
     *                       for reference); overlapping waits count once, so the sum is at most the step's time
     * @param upgrades       for an upgrade step, each hop's migrations with how long they ran and how long
     *                       the largest tables were locked meanwhile (since 0.2); empty for other steps
     */
    public record StepRecord(String id, boolean idDeclared, String name, StepKind kind, SourcePosition position, Status status,
            String message, long durationMillis, List<CheckRecord> checks, List<DeclaredCheck> declared,
            Map<String, Long> waitedOnSystemMillis, List<UpgradeMigrations> upgrades) {

        public StepRecord {
            checks = checks == null ? List.of() : List.copyOf(checks);
            declared = declared == null ? List.of() : List.copyOf(declared);
            waitedOnSystemMillis = waitedOnSystemMillis == null ? Map.of()
                    : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(waitedOnSystemMillis));
            upgrades = upgrades == null ? List.of() : List.copyOf(upgrades);
        }

        /** A step that applied no migrations: any but an upgrade. */
        public StepRecord(String id, boolean idDeclared, String name, StepKind kind, SourcePosition position,
                Status status, String message, long durationMillis, List<CheckRecord> checks, List<DeclaredCheck> declared,
                Map<String, Long> waitedOnSystemMillis) {
            this(id, idDeclared, name, kind, position, status, message, durationMillis, checks, declared, waitedOnSystemMillis, List.of());
        }

        /** Milliseconds the step spent waiting on the system under test, whatever it waited for. */
        public long totalWaitedOnSystem() {
            return waitedOnSystemMillis.values().stream().mapToLong(Long::longValue).sum();
        }

        /** This step with other check outcomes. */
        public StepRecord withChecks(List<CheckRecord> other) {
            return new StepRecord(id, idDeclared, name, kind, position, status, message, durationMillis, other, declared,
                    waitedOnSystemMillis, upgrades);
        }

        /** This step with another message. */
        public StepRecord withMessage(String other) {
            return new StepRecord(id, idDeclared, name, kind, position, status, other, durationMillis, checks, declared,
                    waitedOnSystemMillis, upgrades);
        }
    }

    /**
     * A check a step declares, as its type describes it.
     *
     * @param name the check's name in the suite
     * @param type its check type
     * @param area the area its type declares ({@link dev.tollgate.check.CheckType#area()}); {@code null}
     *             for a generic check, which counts for the phase it follows
     */
    public record DeclaredCheck(String name, String type, Area area) {
    }

    /**
     * @param name    the check's name in the suite
     * @param type    its check type ({@code health}, {@code http}, …)
     * @param area    the area its type declares; {@code null} for a generic check, which counts for the
     *                phase it follows
     * @param status  its outcome
     * @param message what was expected and what came back, for people: nothing decides on it
     * @param facts   what it established, as typed values: what the gate decides on beside the status
     */
    public record CheckRecord(String name, String type, Area area, Status status, String message, Facts facts) {

        public CheckRecord {
            facts = facts == null ? Facts.NONE : facts;
        }

        /** This outcome with another message. */
        public CheckRecord withMessage(String other) {
            return new CheckRecord(name, type, area, status, other, facts);
        }
    }
}
