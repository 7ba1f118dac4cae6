package dev.tollgate.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * Every {@code tollgate.*} configuration property, in one place. Each is a JVM system property
 * (Maven passes {@code -Dtollgate.…} through to the run).
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Constants {

    /**
     * The deployment profile to run against: a name under the profiles directory
     * ({@code local}, {@code quickstart}, {@code full}, {@code staging}) or a path to a
     * {@code profile.yaml}. Default: {@code local}. Since 0.1.
     */
    public static final String PROFILE = "tollgate.profile";

    /**
     * Directory that holds one folder per profile. Default: {@code profiles} next to the
     * working directory's parent reactor. Since 0.1.
     */
    public static final String PROFILES_DIR = "tollgate.profiles.dir";

    /** The release in production, the starting point of an upgrade. Default: {@code 1.0.0}. Since 0.1. */
    public static final String PREVIOUS = "tollgate.previous";

    /** The release about to ship. Default: {@code 1.1.0}. Since 0.1. */
    public static final String CANDIDATE = "tollgate.candidate";

    /**
     * An upgrade path, comma-separated ({@code 1.0.0,1.1.0,2.0.0}): the first is the previous release,
     * the last the candidate, and an upgrade to the candidate goes through each release between, hop by
     * hop, as installations that skipped no release did. Overrides {@link #PREVIOUS} and {@link #CANDIDATE}.
     * Since 0.1.
     */
    public static final String CHAIN = "tollgate.chain";

    /**
     * Where evidence (service logs per phase, snapshots) is written and kept after the run.
     * Default: {@code target/tollgate} in the working directory. Since 0.1.
     */
    public static final String EVIDENCE_DIR = "tollgate.evidence.dir";

    /**
     * Parent of the per-run scratch directory (database files, backups) that is always deleted
     * at the end of a run. Default: {@code java.io.tmpdir}. Since 0.1.
     */
    public static final String WORK_DIR = "tollgate.work.dir";

    /**
     * For {@code runtime: remote} (the {@code staging} profile): the base URL of the deployment under
     * test, e.g. {@code https://staging.example.com/}. The staging profile reads it as
     * {@code ${tollgate.target.url}}. No default: a remote run without it stops before anything runs.
     * Since 0.1.
     */
    public static final String TARGET_URL = "tollgate.target.url";

    /**
     * For {@code runtime: remote}: the deployment's PostgreSQL, as a JDBC URL
     * ({@code jdbc:postgresql://host:5432/app}, a {@code user=} parameter allowed), for read-only
     * checks (migration history, version coherence, schema snapshot and drift). Every connection is
     * opened read-only ({@code default_transaction_read_only=on} and {@code Connection.setReadOnly}).
     * The password comes from the environment ({@code TOLLGATE_DATABASE_PASSWORD}), never from
     * {@code -D}. Optional: without it, database checks are skipped and say why. Since 0.1.
     */
    public static final String TARGET_DATABASE_URL = "tollgate.target.databaseUrl";

    /**
     * {@code true} lets destructive suites and steps (install, upgrade, restore, seed, POST/PUT/PATCH/
     * DELETE requests not declared {@code safe: true}) run against a {@code remote} target, which
     * otherwise refuses them before anything runs. Meant for disposable environments only; it is
     * printed loudly and recorded in the verdict. Default: {@code false}. Since 0.1.
     */
    public static final String ALLOW_DESTRUCTIVE = "tollgate.allowDestructive";

    /**
     * Whether the suites of a run run at the same time, each in its own environment (own database
     * server or compose project, own ports, own scratch directory); the steps of one suite always run
     * one after another. {@code true} or {@code false}. Default: {@code true}. Since 0.1.
     */
    public static final String PARALLEL_ENABLED = "tollgate.parallel.enabled";

    /**
     * Prefix of the settings of parallel suites, read as JUnit Jupiter reads its
     * {@code junit.jupiter.execution.parallel.config.*}: {@code tollgate.parallel.config.strategy}
     * ({@code dynamic}, {@code fixed} or {@code custom}; default {@code dynamic}),
     * {@code tollgate.parallel.config.dynamic.factor} (suites at a time per core; default {@code 1}),
     * {@code tollgate.parallel.config.fixed.parallelism} (suites at a time, for {@code fixed}).
     * Since 0.1.
     */
    public static final String PARALLEL_CONFIG_PREFIX = "tollgate.parallel.config.";

    /**
     * How many of the database's largest tables (by size on disk) the lock probe watches during every
     * upgrade: a cheap read and a cheap write on each, round after round, in transactions that are rolled
     * back, recording the longest each waited for its lock ({@code docs/migration-tools.md}). {@code 0}
     * turns the probe off. Default: {@code 5}. Since 0.2.
     */
    public static final String LOCK_PROBE_TABLES = "tollgate.lockProbe.tables";

    /**
     * {@code -Dtollgate.gate=enforce|report-only}: whether a verdict other than GO fails the build.
     * Default {@code enforce}. Since 0.1.
     */
    public static final String GATE_MODE = "tollgate.gate";

    /**
     * {@code -Dtollgate.waivers=FILE}: the waivers file. Default {@code waivers.yaml} at the project
     * root, if it exists. Since 0.1.
     */
    public static final String WAIVERS = "tollgate.waivers";

    /**
     * {@code -Dtollgate.gate.rules=FILE}: the gate rules. Default {@code profiles/NAME/gate.yaml} of
     * the run's profile if it exists, else the built-in rules. Since 0.1.
     */
    public static final String GATE_RULES = "tollgate.gate.rules";

    /** Default values, named so that documentation and code agree. */
    public static final String DEFAULT_PROFILE = "local";

    /** Environment variable set on every process Tollgate starts, so a run's processes can be found. */
    public static final String RUN_ID_ENV = "TOLLGATE_RUN_ID";

    private Constants() {
    }
}
