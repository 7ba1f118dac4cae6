package dev.tollgate.model;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import java.util.Optional;

import org.apiguardian.api.API;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a check found, as typed values the gate and the reports decide on; the check's message says
 * the same for people, and no layer reads meaning out of it. Each component is {@code null} (or
 * empty) when the check does not establish that fact; {@link #NONE} establishes none.
 *
 * @param safety            the classification of a schema change for backward safety ({@code safety} check)
 * @param migrationWarnings lines the running release logged about its migration or schema state
 *                          ({@code migration-warnings} check, which a {@code rollback} step runs), whole
 *                          and masked; empty when it logged none (since 0.2)
 */
@API(status = EXPERIMENTAL, since = "0.2")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Facts(SafetyClassification safety,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> migrationWarnings) {

    /** No fact beside the status: what most checks report. */
    public static final Facts NONE = new Facts(null, List.of());

    public Facts {
        migrationWarnings = migrationWarnings == null ? List.of() : List.copyOf(migrationWarnings);
    }

    /** Only the safety classification. */
    public static Facts of(SafetyClassification safety) {
        return new Facts(safety, List.of());
    }

    /** Only the warnings a release logged about its migration or schema state. */
    public static Facts ofMigrationWarnings(List<String> lines) {
        return new Facts(null, lines);
    }

    @JsonIgnore
    public Optional<SafetyClassification> safetyClassification() {
        return Optional.ofNullable(safety);
    }
}
