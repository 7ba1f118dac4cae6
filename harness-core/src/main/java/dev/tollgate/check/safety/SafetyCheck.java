package dev.tollgate.check.safety;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.apiguardian.api.API;

import dev.tollgate.check.CheckConfig;
import dev.tollgate.check.CheckContext;
import dev.tollgate.check.CheckResult;
import dev.tollgate.check.CheckType;
import dev.tollgate.check.Evidence;
import dev.tollgate.db.MigrationSafety;
import dev.tollgate.db.SafetyFinding;
import dev.tollgate.db.SafetyReport;
import dev.tollgate.db.SchemaDiff;
import dev.tollgate.db.SchemaSnapshot;
import dev.tollgate.db.Snapshot;
import dev.tollgate.model.CheckSpec;

/**
 * {@code safety}: diffs the schema now against a snapshot's and classifies the change as
 * backward-safe (the previous release keeps working on the new schema) or not. The classification
 * is evidence for a code rollback, not a verdict on the release, so the check passes either way
 * unless the suite requires backward safety.
 *
 * <pre>
 * - check: { safety: { since: before-upgrade } }                            # reports, always passes
 * - check: { safety: { since: before-upgrade, require: backward-safe } }    # fails on any unsafe change
 * </pre>
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class SafetyCheck implements CheckType {

    static final String BACKWARD_SAFE = "backward-safe";

    /** Unsafe findings named in the message; the evidence lists them all. */
    private static final int NAMED = 5;

    @Override
    public String type() {
        return "safety";
    }

    @Override
    public Set<String> keys() {
        return Set.of("since", "require");
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
        String message = message(report, since.name());
        return required && !report.backwardSafe() ? CheckResult.failed(spec.name(), message + " (required: " + BACKWARD_SAFE + ")", evidence)
                : CheckResult.passed(spec.name(), message, evidence);
    }

    /**
     * {@code backward-safe: 4 change(s) since snapshot before-upgrade, none breaks the previous release}
     * or {@code NOT backward-safe: 1 finding(s): missions.name: column dropped (…)}.
     */
    static String message(SafetyReport report, String snapshot) {
        if (report.findings().isEmpty()) {
            return BACKWARD_SAFE + ": the schema did not change since snapshot " + snapshot;
        }
        if (report.backwardSafe()) {
            return BACKWARD_SAFE + ": " + report.findings().size() + " change(s) since snapshot " + snapshot
                    + ", none breaks the previous release ("
                    + report.findings().stream().map(SafetyFinding::object).collect(Collectors.joining(", ")) + ")";
        }
        List<SafetyFinding> unsafe = report.unsafe();
        String named = unsafe.stream().limit(NAMED).map(finding -> finding.object() + ": " + finding.description())
                .collect(Collectors.joining("; "));
        return "NOT " + BACKWARD_SAFE + ": " + unsafe.size() + " finding(s) since snapshot " + snapshot + ": " + named
                + (unsafe.size() > NAMED ? "; and " + (unsafe.size() - NAMED) + " more" : "");
    }
}
