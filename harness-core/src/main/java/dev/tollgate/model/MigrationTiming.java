package dev.tollgate.model;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Objects;

import org.apiguardian.api.API;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * How long one migration ran during an upgrade, and where that figure comes from.
 *
 * @param id             the migration as its tool names it (Flyway's version, Liquibase's changeset id,
 *                       Django's {@code app.name}); Flyway's repeatable migrations by their description
 * @param description    what the tool recorded about it; {@code null} where it records nothing
 * @param durationMillis how long it ran; {@code null} when {@code source} is {@link Source#NOT_RECORDED}
 * @param source         where the figure comes from
 */
@API(status = INTERNAL, since = "0.2")
public record MigrationTiming(String id, String description, Long durationMillis, Source source) {

    /** Where a migration's duration was read. */
    @API(status = INTERNAL, since = "0.2")
    public enum Source {
        /** The tool's history table: a duration it keeps (Flyway's {@code execution_time}) or its timestamps. */
        HISTORY,
        /** The service's log: the timestamps of the lines naming the migration and of the line after. */
        SERVICE_LOG,
        /** Neither the history nor the log tells. */
        NOT_RECORDED
    }

    public MigrationTiming {
        Objects.requireNonNull(id, "id must not be null");
        Objects.requireNonNull(source, "source must not be null");
        if ((durationMillis == null) != (source == Source.NOT_RECORDED)) {
            throw new IllegalArgumentException("a duration goes with a source, and only NOT_RECORDED has none: "
                    + durationMillis + " from " + source);
        }
    }

    /** A migration whose duration nothing recorded. */
    public static MigrationTiming notRecorded(String id, String description) {
        return new MigrationTiming(id, description, null, Source.NOT_RECORDED);
    }

    /** {@code 7 add mission reviewed at: 2.31 s (history)}, or {@code …: not recorded}. */
    @JsonIgnore
    public String toText() {
        String name = description == null ? id : id + " " + description;
        return durationMillis == null ? name + ": not recorded"
                : String.format(java.util.Locale.ROOT, "%s: %.2f s (%s)", name, durationMillis / 1000.0,
                        source == Source.HISTORY ? "history" : "service log");
    }
}
