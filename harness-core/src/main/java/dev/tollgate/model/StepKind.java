package dev.tollgate.model;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.apiguardian.api.API;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a step does, as the YAML key names it. Lifecycle steps change the world; {@link #CHECK}
 * observes it. A failed lifecycle step aborts the rest of its scenario.
 */
@API(status = INTERNAL, since = "0.1")
public enum StepKind {
    /** Start a release on an empty database ({@code install: previous}). */
    INSTALL(true, true),
    /** Stop what runs and start another release on the same database, which migrates it. */
    UPGRADE(true, true),
    /** Start an older release on the current database without restoring it (code rollback). */
    ROLLBACK(true, true),
    /** Stop and start the running release again. */
    RESTART(true, false),
    /** Stop the running release. */
    STOP(true, false),
    /** Create data through the API from a fixture file, as users would. */
    SEED(true, true),
    /** Record migration history, schema and data fingerprints under a name. */
    SNAPSHOT(true, false),
    /** Take a backup of the database under a name. */
    BACKUP(true, false),
    /** Put a named backup back and start a release on it. */
    RESTORE(true, true),
    /** Run one or more checks. */
    CHECK(false, false);

    private final boolean lifecycle;
    private final boolean destructive;

    StepKind(boolean lifecycle, boolean destructive) {
        this.lifecycle = lifecycle;
        this.destructive = destructive;
    }

    /** Whether a failure of this step aborts the rest of the scenario. */
    public boolean lifecycle() {
        return lifecycle;
    }

    /** Whether this step writes to the system under test (refused against a read-only target). */
    public boolean destructive() {
        return destructive;
    }

    /** The YAML key, e.g. {@code install}; also how a run record writes it. */
    @JsonValue
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A kind by its key, as a run record writes it. */
    @JsonCreator
    static StepKind ofKey(String key) {
        return forKey(key).orElseThrow(() -> new IllegalArgumentException("unknown step kind '" + key
                + "'; valid: " + String.join(", ", keys())));
    }

    public static Optional<StepKind> forKey(String key) {
        return Arrays.stream(values()).filter(kind -> kind.key().equals(key)).findFirst();
    }

    public static List<String> keys() {
        return Arrays.stream(values()).map(StepKind::key).toList();
    }
}
