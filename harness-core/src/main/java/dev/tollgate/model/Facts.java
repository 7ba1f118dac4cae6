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
 * @param moves             rows the upgrade moved rather than lost, one sentence per table ({@code data} check:
 *                          {@code 2 rows of realm_attribute (name=displayName, displayNameHtml) moved into
 *                          realm.display_name, realm.display_name_html, added by this upgrade}), masked (since 0.2)
 * @param findingTables     the tables a failed check's findings are about, each once ({@code data} check), so a
 *                          waiver can name one table; {@link #NOT_A_TABLE} stands for a finding about no table
 *                          (files outside the database) (since 0.2)
 * @param authzCases        every case of an authorization matrix with the decision expected and how it came out
 *                          ({@code authz} check), in the matrix's order; empty for other checks (since 0.2)
 */
@API(status = EXPERIMENTAL, since = "0.2")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Facts(SafetyClassification safety,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> migrationWarnings,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> moves,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> findingTables,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<AuthzCase> authzCases) {

    /** In {@link #findingTables}: a finding that is about no table, which no table's waiver covers. */
    public static final String NOT_A_TABLE = "(not a table)";

    /** No fact beside the status: what most checks report. */
    public static final Facts NONE = new Facts(null, List.of(), List.of(), List.of(), List.of());

    public Facts {
        migrationWarnings = migrationWarnings == null ? List.of() : List.copyOf(migrationWarnings);
        moves = moves == null ? List.of() : List.copyOf(moves);
        findingTables = findingTables == null ? List.of() : List.copyOf(findingTables);
        authzCases = authzCases == null ? List.of() : List.copyOf(authzCases);
    }

    /** Only the safety classification. */
    public static Facts of(SafetyClassification safety) {
        return new Facts(safety, List.of(), List.of(), List.of(), List.of());
    }

    /** Only the warnings a release logged about its migration or schema state. */
    public static Facts ofMigrationWarnings(List<String> lines) {
        return new Facts(null, lines, List.of(), List.of(), List.of());
    }

    /** What a data check established: rows moved rather than lost, and the tables its findings are about. */
    public static Facts ofData(List<String> moves, List<String> findingTables) {
        return new Facts(null, List.of(), moves, findingTables, List.of());
    }

    /** What an authorization matrix established: every case and how it came out. */
    public static Facts ofAuthz(List<AuthzCase> cases) {
        return new Facts(null, List.of(), List.of(), List.of(), cases);
    }

    @JsonIgnore
    public Optional<SafetyClassification> safetyClassification() {
        return Optional.ofNullable(safety);
    }
}
