package dev.tollgate.check.safety;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.Optional;

import org.apiguardian.api.API;

import dev.tollgate.check.CheckConfig;
import dev.tollgate.check.CheckContext;
import dev.tollgate.check.CheckResult;
import dev.tollgate.check.CheckType;
import dev.tollgate.check.Evidence;
import dev.tollgate.db.MigrationSafety;
import dev.tollgate.db.SafetyReport;
import dev.tollgate.db.SchemaDiff;
import dev.tollgate.db.SchemaSnapshot;
import dev.tollgate.db.Snapshot;
import dev.tollgate.model.CheckSpec;
import dev.tollgate.model.Facts;
import dev.tollgate.model.SafetyClassification;
import dev.tollgate.model.Area;

/**
 * {@code safety}: diffs the schema now against a snapshot's and classifies the change as
 * backward-safe (the previous release keeps working on the new schema) or not. The classification
 * is evidence for a code rollback, not a verdict on the release, so the check passes either way
 * unless the suite requires backward safety.
 *
 * <pre>
 * - check: { safety: { since: before-upgrade } }                            # reports, always passes
 * - check: { safety: { since: before-upgrade, require: backward-safe } }    # fails on any unsafe change
 * - check: { safety: { since: before-upgrade, review: [audit_log, member_roles] } }
 * </pre>
 *
 * {@code review} lists the tables a release process asks extra review for (a guide's "migrations that
 * affect these areas require extra review"): any change to one of them, safe or not, fails the check
 * naming it, so it cannot ship unseen; the reviewer records the review as a waiver of this check
 * (owner, reason, expiry), which the verdict then lists.
 */
@API(status = INTERNAL, since = "0.1")
public final class SafetyCheck implements CheckType {

    static final String BACKWARD_SAFE = "backward-safe";

    @Override
    public String type() {
        return "safety";
    }

    @Override
    public Optional<Area> area() {
        return Optional.of(Area.SAFETY);
    }

    @Override
    public Set<String> keys() {
        return Set.of("since", "require", "review");
    }

    @Override
    public Set<String> requiredKeys() {
        return Set.of("since");
    }

    @Override
    public CheckResult run(CheckSpec spec, CheckContext context) {
        CheckConfig config = new CheckConfig(spec, context.variables());
        boolean required = config.string("require").map(value -> {
            if (!value.trim().equals(BACKWARD_SAFE)) {
                throw config.invalid("require", BACKWARD_SAFE, value);
            }
            return true;
        }).orElse(false);
        Snapshot since = config.snapshot("since", context).orElseThrow(() -> config.invalid("since", "a snapshot name", ""));
        SchemaSnapshot now;
        try {
            // The snapshot step ignores no table, so neither does this reading: the two compare alike.
            now = SchemaSnapshot.read(context.database(), Set.of());
        } catch (SQLException e) {
            return CheckResult.broken(spec.name(), "cannot read the schema of " + context.database() + ": " + e.getMessage(), List.of());
        }
        SchemaDiff diff = SchemaDiff.between(since.schema(), now);
        SafetyReport report = MigrationSafety.classify(diff);
        List<Evidence> evidence = List.of(Evidence.text("schema diff since snapshot " + since.name(), diff.toText()),
                Evidence.text("backward safety", report.toText()));
        SafetyClassification classification = classification(report, since.name());
        String message = classification.describe();
        List<String> toReview = toReview(diff, config.strings("review"));
        List<String> problems = new java.util.ArrayList<>();
        if (required && !report.backwardSafe()) {
            problems.add(message + " (required: " + BACKWARD_SAFE + ")");
        }
        if (!toReview.isEmpty()) {
            problems.add("changes tables listed for extra review: " + String.join(", ", toReview) + "; once reviewed, record the"
                    + " review as a waiver of this check (owner, reason, expires)");
        }
        CheckResult result = problems.isEmpty() ? CheckResult.passed(spec.name(), message, evidence)
                : CheckResult.failed(spec.name(), String.join("; ", problems) + (required && !report.backwardSafe() ? ""
                        : " (" + message + ")"), evidence);
        return result.withFacts(Facts.of(classification));
    }

    /** Each change to a listed table (its columns, indexes and constraints too), as {@code audit_log.deny_code (column added)}. */
    private static List<String> toReview(SchemaDiff diff, List<String> tables) {
        return diff.changes().stream()
                .filter(change -> tables.stream().anyMatch(table -> change.object().equalsIgnoreCase(table)
                        || change.object().toLowerCase(java.util.Locale.ROOT).startsWith(table.toLowerCase(java.util.Locale.ROOT) + ".")))
                .map(change -> change.object() + " (" + change.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ")")
                .toList();
    }

    /** The report as the typed fact the gate's code-rollback prediction rests on. */
    static SafetyClassification classification(SafetyReport report, String snapshot) {
        return new SafetyClassification(snapshot, report.backwardSafe(), report.findings().stream()
                .map(finding -> new SafetyClassification.Finding(finding.object(), finding.description(), finding.backwardSafe()))
                .toList());
    }

    /**
     * {@code backward-safe: 4 change(s) since snapshot before-upgrade, none breaks the previous release}
     * or {@code NOT backward-safe: 1 finding(s): missions.name: column dropped (…)}.
     */
    static String message(SafetyReport report, String snapshot) {
        return classification(report, snapshot).describe();
    }
}
