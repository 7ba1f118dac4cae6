package dev.tollgate.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * Every way Tollgate can stop a run, grouped by the phase that detects it. The exit code is what the
 * command line returns, so CI can tell a broken suite (load) from a broken environment (runtime)
 * from a failed release (check, gate).
 */
@API(status = EXPERIMENTAL, since = "0.1")
public enum ErrorCode {
    LOAD_PROFILE_NOT_FOUND(Phase.LOAD),
    LOAD_PROFILE_INVALID(Phase.LOAD),
    LOAD_UNDEFINED_VARIABLE(Phase.LOAD),
    /** A waivers file that does not exist, does not parse, or has a waiver without owner, reason or expiry. */
    LOAD_WAIVERS_INVALID(Phase.LOAD),
    /** A gate rules file ({@code gate.yaml}) that does not parse or names an unknown area. */
    LOAD_GATE_RULES_INVALID(Phase.LOAD),
    /** A {@code -Dtollgate.*} setting with a value that cannot work. */
    LOAD_INVALID_SETTING(Phase.LOAD),
    /**
     * An {@code install} from a dump that cannot work: the dump does not exist, is not a PostgreSQL
     * archive, needs a newer {@code pg_restore}, or the profile's runtime cannot restore it.
     */
    LOAD_BASELINE_INVALID(Phase.LOAD),

    RUNTIME_DATABASE_START_FAILED(Phase.RUNTIME),
    RUNTIME_PORT_IN_USE(Phase.RUNTIME),
    RUNTIME_SERVICE_LAUNCH_FAILED(Phase.RUNTIME),
    RUNTIME_SERVICE_EXITED(Phase.RUNTIME),
    RUNTIME_SERVICE_NOT_READY(Phase.RUNTIME),
    RUNTIME_BACKUP_FAILED(Phase.RUNTIME),
    RUNTIME_UNKNOWN_BACKUP(Phase.RUNTIME),
    /** Restoring the dump an {@code install} starts from, or its {@code prepare:} SQL, failed. */
    RUNTIME_BASELINE_FAILED(Phase.RUNTIME),
    RUNTIME_SNAPSHOT_FAILED(Phase.RUNTIME),
    RUNTIME_IO(Phase.RUNTIME),
    /** No Docker engine answers, or no compose CLI is installed, for a compose profile. */
    RUNTIME_DOCKER_UNAVAILABLE(Phase.RUNTIME),
    /** A compose or docker command failed. */
    RUNTIME_COMPOSE_FAILED(Phase.RUNTIME),
    /**
     * A compose service runs another image than the one its release resolves to (an {@code image:}
     * line that ignores the release variable): a fault of the profile, so nothing is judged on it.
     */
    RUNTIME_IMAGE_MISMATCH(Phase.RUNTIME),

    CHECK_FAILED(Phase.CHECK),
    CHECK_BROKEN(Phase.CHECK),
    STEP_TIMED_OUT(Phase.RUNTIME),
    STEP_NOT_SUPPORTED(Phase.RUNTIME),
    /** A remote target was given no database URL, so a check that reads the database cannot run. */
    RUNTIME_NO_DATABASE(Phase.RUNTIME),
    /** A destructive suite or step was selected against a remote target without the opt-in. */
    LOAD_DESTRUCTIVE_REFUSED(Phase.LOAD),
    /** A run record ({@code run.json}) that cannot be read, or is of a format this build does not read. */
    LOAD_RUN_RECORD_INVALID(Phase.LOAD),

    /** The gate found a blocking failure: the candidate must not ship. */
    GATE_NO_GO(Phase.GATE),
    /** The gate lacked evidence to decide (nothing ran, a phase was skipped, a required area has no evidence). */
    GATE_INCONCLUSIVE(Phase.GATE);

    /** The phase of a run in which an error is detected; each has its own process exit code. */
    public enum Phase {
        LOAD(2), RUNTIME(3), CHECK(1), GATE(1);

        private final int exitCode;

        Phase(int exitCode) {
            this.exitCode = exitCode;
        }

        public int exitCode() {
            return exitCode;
        }
    }

    private final Phase phase;

    ErrorCode(Phase phase) {
        this.phase = phase;
    }

    public Phase phase() {
        return phase;
    }

    /**
     * Whether an error with this code is a finding against the release (it crashed, never answered,
     * did not finish in its budget, failed a check) rather than against the environment the harness
     * runs in (a database that does not start, a port in use, a disk that is full): the first is
     * NO-GO, the second leaves the verdict INCONCLUSIVE.
     */
    public boolean releaseFault() {
        return switch (this) {
            case RUNTIME_SERVICE_EXITED, RUNTIME_SERVICE_NOT_READY, STEP_TIMED_OUT, CHECK_FAILED -> true;
            default -> false;
        };
    }

    public int exitCode() {
        return phase.exitCode();
    }
}
