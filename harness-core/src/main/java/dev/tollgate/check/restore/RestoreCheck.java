package dev.tollgate.check.restore;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.apiguardian.api.API;

import dev.tollgate.check.CheckConfig;
import dev.tollgate.check.CheckContext;
import dev.tollgate.check.CheckResult;
import dev.tollgate.check.CheckType;
import dev.tollgate.check.Evidence;
import dev.tollgate.db.AppliedMigration;
import dev.tollgate.db.FingerprintComparison;
import dev.tollgate.db.FingerprintComparison.Outcome;
import dev.tollgate.db.FingerprintComparison.TableComparison;
import dev.tollgate.db.SchemaDiff;
import dev.tollgate.db.Snapshot;
import dev.tollgate.db.StateFiles;
import dev.tollgate.model.CheckSpec;
import dev.tollgate.model.Area;

/**
 * {@code restore}: after {@code restore: {backup: …}} the database must be exactly what it was when
 * the snapshot was taken — the same migration history, the same schema, the same rows — and the
 * check lists what the restore threw away (rows and migrations written after the backup), which the
 * release notes of a rollback must own up to.
 *
 * <pre>
 * - snapshot: before-upgrade
 * - backup: before-upgrade
 * - upgrade: ${candidate}
 * - restore: { backup: before-upgrade, release: "${previous}" }
 * - check: { restore: { snapshot: before-upgrade } }
 * </pre>
 */
@API(status = INTERNAL, since = "0.1")
public final class RestoreCheck implements CheckType {

    /**
     * The snapshot the {@code restore} step takes just before it puts the backup back: what the
     * restore is about to discard. Not a name a suite can take, so it never collides with one.
     */
    public static final String BEFORE_RESTORE = "(before restore)";

    @Override
    public String type() {
        return "restore";
    }

    @Override
    public Optional<Area> area() {
        return Optional.of(Area.RESTORE);
    }

    @Override
    public Set<String> keys() {
        return Set.of("snapshot");
    }

    @Override
    public Set<String> requiredKeys() {
        return Set.of("snapshot");
    }

    /** Keeps what the restore is about to discard, to list it when the check runs. */
    @Override
    public void beforeRestore(CheckContext context) {
        try {
            context.keep(Snapshot.take(BEFORE_RESTORE, context.database(), Set.of(), context.profile().database().migrations())
                    .withState(StateFiles.read(context.state())));
        } catch (SQLException e) {
            throw new IllegalStateException("no snapshot before the restore: " + e.getMessage(), e);
        }
    }

    @Override
    public CheckResult run(CheckSpec spec, CheckContext context) {
        CheckConfig config = new CheckConfig(spec, context.variables());
        Snapshot expected = config.snapshot("snapshot", context)
                .orElseThrow(() -> config.invalid("snapshot", "the name of a snapshot taken before the backup", ""));
        Snapshot now;
        try {
            now = Snapshot.take("after restore", context.database(), Set.of(), context.profile().database().migrations());
        } catch (SQLException e) {
            return CheckResult.broken(spec.name(), "cannot read the restored database " + context.database() + ": "
                    + e.getMessage(), List.of());
        }
        List<String> differences = new ArrayList<>();
        List<String> history = historyDifferences(expected, now);
        differences.addAll(history);
        SchemaDiff schema = SchemaDiff.between(expected.schema(), now.schema());
        if (!schema.changes().isEmpty()) {
            differences.add("schema differs in " + schema.changes().size() + " place(s): " + schema.changes().stream().limit(3)
                    .map(change -> change.object() + " (" + change.kind().name().toLowerCase().replace('_', ' ') + ")")
                    .collect(Collectors.joining(", ")));
        }
        FingerprintComparison data = FingerprintComparison.compare(expected.data(), now.data());
        data.tables().stream().filter(table -> table.outcome() != Outcome.UNCHANGED)
                .forEach(table -> differences.add(table.table() + ": " + table.detail()));

        Optional<Snapshot> beforeRestore = context.snapshot(BEFORE_RESTORE);
        String discarded = beforeRestore.map(before -> discarded(before, now)).orElse("not known (no snapshot before the restore)");
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(Evidence.text("restored database compared with snapshot " + expected.name(), data.toText()
                + (schema.changes().isEmpty() ? "\nschema: identical" : "\nschema:\n" + schema.toText())
                + (history.isEmpty() ? "\nmigration history: identical" : "\nmigration history: " + String.join("; ", history))));
        evidence.add(Evidence.text("what the restore discarded", discarded));
        if (differences.isEmpty()) {
            return CheckResult.passed(spec.name(), "the restored database equals snapshot " + expected.name() + " (history of "
                    + now.history().migrations().size() + ", " + now.data().tables().size() + " tables); the restore discarded "
                    + discarded, evidence);
        }
        return CheckResult.failed(spec.name(), "the restored database differs from snapshot " + expected.name() + ": "
                + String.join("; ", differences), evidence);
    }

    private static List<String> historyDifferences(Snapshot expected, Snapshot now) {
        List<String> was = expected.history().migrations().stream().map(RestoreCheck::identity).toList();
        List<String> is = now.history().migrations().stream().map(RestoreCheck::identity).toList();
        if (was.equals(is)) {
            return List.of();
        }
        List<String> missing = was.stream().filter(m -> !is.contains(m)).toList();
        List<String> extra = is.stream().filter(m -> !was.contains(m)).toList();
        List<String> found = new ArrayList<>();
        if (!missing.isEmpty()) {
            found.add("migration history lacks " + String.join(", ", missing));
        }
        if (!extra.isEmpty()) {
            found.add("migration history has " + String.join(", ", extra) + " that the snapshot had not");
        }
        if (found.isEmpty()) {
            found.add("migration history is in another order");
        }
        return found;
    }

    // Installation times differ on every restore strategy that replays (pg_restore keeps them; a
    // template copy too), so identity is what was applied, and whether it succeeded.
    private static String identity(AppliedMigration migration) {
        return migration.version() + (migration.checksum() == null ? "" : " (checksum " + migration.checksum() + ")")
                + (migration.success() ? "" : " [failed]");
    }

    /** {@code 1 row of missions, 2 of mission_tags; migrations 3, 4, 5, 6}, or {@code nothing}. */
    static String discarded(Snapshot beforeRestore, Snapshot restored) {
        List<String> parts = new ArrayList<>();
        FingerprintComparison comparison = FingerprintComparison.compare(restored.data(), beforeRestore.data());
        for (TableComparison table : comparison.tables()) {
            switch (table.outcome()) {
                case ROWS_ADDED -> parts.add(table.table() + ": " + (table.rowsAfter() - table.rowsBefore())
                        + " row(s) written after the backup");
                case TABLE_ADDED -> parts.add(table.table() + ": table created after the backup, with " + table.rowsAfter() + " row(s)");
                case CONTENT_CHANGED, ROWS_LOST -> parts.add(table.table() + ": changes made after the backup (" + table.detail() + ")");
                case TABLE_DROPPED -> parts.add(table.table() + ": dropped after the backup, back now");
                // The upgrade changed the table's columns, so contents cannot be compared; its rows can be counted.
                case NOT_COMPARABLE -> parts.add(table.table() + ": " + (table.rowsAfter() > table.rowsBefore()
                        ? (table.rowsAfter() - table.rowsBefore()) + " row(s) written after the backup, and its column changes"
                        : "its column changes after the backup") + (table.rowsAfter() < table.rowsBefore()
                                ? " (" + (table.rowsBefore() - table.rowsAfter()) + " row(s) that had been deleted are back)" : ""));
                case UNCHANGED -> {
                }
            }
        }
        List<String> restoredVersions = restored.history().migrations().stream().map(AppliedMigration::version).toList();
        List<String> migrations = beforeRestore.history().migrations().stream().map(AppliedMigration::version)
                .filter(version -> !restoredVersions.contains(version)).toList();
        if (!migrations.isEmpty()) {
            parts.add("migration(s) " + String.join(", ", migrations) + " applied after the backup");
        }
        return parts.isEmpty() ? "nothing" : String.join("; ", parts);
    }
}
