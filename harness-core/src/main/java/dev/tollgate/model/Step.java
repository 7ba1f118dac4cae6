package dev.tollgate.model;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.apiguardian.api.API;

/**
 * One step of a scenario.
 *
 * @param id       a stable id the suite gave ({@code id: upgrade}), or {@code null}; unique ids use
 *                 it, else the line, never a list index
 * @param kind     what the step does
 * @param target   the step's main argument: a release ({@code ${candidate}}), a snapshot or backup
 *                 name, a fixture file; {@code null} for {@code stop}, {@code restart}, {@code check}
 * @param options  further arguments of a lifecycle step (for {@code restore}: {@code release}; for
 *                 {@code install}: {@link #FROM}, {@link #PREPARE}, {@link #PREPARE_FILE};
 *                 {@code onFailure: continue} for any)
 * @param checks   for a {@code check} step, the checks in order; empty otherwise
 * @param timeout  how long the step may take; {@code null} for the default
 * @param retry    retry the step until it passes, for at most this long; {@code null} for no retry
 * @param position where the step was declared
 */
@API(status = INTERNAL, since = "0.1")
public record Step(String id, StepKind kind, String target, Map<String, String> options, List<CheckSpec> checks,
        Duration timeout, Duration retry, SourcePosition position) {

    /** The option that lets a scenario go on after this lifecycle step failed. */
    public static final String ON_FAILURE = "onFailure";
    public static final String CONTINUE = "continue";
    /**
     * Of {@code install}: the {@code pg_dump} archive the database starts from, absolute once loaded
     * unless it holds a variable (see {@link Baseline}).
     */
    @API(status = INTERNAL, since = "0.2")
    public static final String FROM = "from";
    /** Of an {@code install} from a dump: SQL run after the restore, before the release starts. */
    @API(status = INTERNAL, since = "0.2")
    public static final String PREPARE = "prepare";
    /** Of an {@code install} from a dump: a file of such SQL, absolute once loaded unless it holds a variable. */
    @API(status = INTERNAL, since = "0.2")
    public static final String PREPARE_FILE = "prepareFile";

    public Step {
        Objects.requireNonNull(kind, "kind must not be null");
        options = options == null ? Map.of() : Map.copyOf(options);
        checks = checks == null ? List.of() : List.copyOf(checks);
        Objects.requireNonNull(position, "position must not be null");
    }

    /** Whether the scenario goes on when this lifecycle step fails ({@code onFailure: continue}). */
    public boolean continuesOnFailure() {
        return CONTINUE.equals(options.get(ON_FAILURE));
    }

    public Optional<Duration> timeoutIfSet() {
        return Optional.ofNullable(timeout);
    }

    public Optional<Duration> retryIfSet() {
        return Optional.ofNullable(retry);
    }

    /** What a person reads in the report: {@code install 1.0.0}, {@code check health, version}. */
    public String displayName() {
        if (kind == StepKind.CHECK) {
            return "check " + String.join(", ", checks.stream().map(CheckSpec::name).toList());
        }
        return target == null ? kind.key() : kind.key() + " " + target;
    }
}
