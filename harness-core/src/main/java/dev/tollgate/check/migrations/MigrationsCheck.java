package dev.tollgate.check.migrations;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apiguardian.api.API;

import dev.tollgate.check.CheckConfig;
import dev.tollgate.check.CheckContext;
import dev.tollgate.check.CheckResult;
import dev.tollgate.check.CheckType;
import dev.tollgate.check.Evidence;
import dev.tollgate.db.AppliedMigration;
import dev.tollgate.db.HistoryReader;
import dev.tollgate.db.MigrationHistories;
import dev.tollgate.db.MigrationHistory;
import dev.tollgate.db.Snapshot;
import dev.tollgate.model.CheckSpec;
import dev.tollgate.model.Area;

/**
 * {@code migrations}: reads the migration tool's history table and passes when migrations were
 * applied and none failed; optionally, when as many as expected were applied, the newest is the one
 * expected, and no migration applied at a snapshot was edited or removed since.
 *
 * <pre>
 * - check: migrations                                   # the tool is detected from its table
 * - check: { migrations: { since: before-upgrade } }    # nothing applied then was edited or removed
 * - check: { migrations: { tool: flyway, latest: "6", expect: { count: 6 } } }
 * </pre>
 *
 * Whether migrations are pending is known to the service, not to its database; a readiness check
 * ({@code ready}) is where that shows.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class MigrationsCheck implements CheckType {

    @Override
    public String type() {
        return "migrations";
    }

    @Override
    public Optional<Area> area() {
        return Optional.of(Area.MIGRATIONS);
    }

    @Override
    public Set<String> keys() {
        return Set.of("tool", "since", "expect", "latest");
    }

    @Override
    public CheckResult run(CheckSpec spec, CheckContext context) {
        CheckConfig config = new CheckConfig(spec, context.variables());
        Optional<Integer> count = expectedCount(config);
        Optional<String> latest = config.string("latest").map(String::trim);
        Optional<Snapshot> since = config.snapshot("since", context);
        Optional<String> tool = config.string("tool");
        MigrationHistory history;
        try {
            history = tool.isPresent() ? MigrationHistories.read(context.database(), tool.get())
                    : MigrationHistories.read(context.database());
        } catch (SQLException e) {
            return CheckResult.broken(spec.name(), "cannot read the migration history in " + context.database() + ": "
                    + e.getMessage(), List.of());
        }
        List<Evidence> evidence = new ArrayList<>(List.of(Evidence.text("migration history", history.toText())));
        if (MigrationHistory.NO_TOOL.equals(history.tool())) {
            return CheckResult.failed(spec.name(), "no migration history table in " + context.database() + "; looked for those of "
                    + MigrationHistories.readers().stream().map(HistoryReader::tool).toList(), evidence);
        }
        List<String> problems = new ArrayList<>();
        history.failed().forEach(failed -> problems.add(HistoryComparison.name(failed) + " failed"));
        long applied = history.migrations().stream().filter(AppliedMigration::success).count();
        if (applied == 0) {
            problems.add("no migration was applied");
        }
        count.filter(expected -> expected != applied).ifPresent(expected ->
                problems.add("expected " + expected + " applied migration(s); found " + applied));
        String newest = history.newestApplied().map(AppliedMigration::version).orElse(null);
        latest.filter(expected -> !expected.equals(newest)).ifPresent(expected ->
                problems.add("expected the newest applied migration to be " + expected + "; it is " + (newest == null ? "none" : newest)));
        String sinceText = "";
        if (since.isPresent()) {
            evidence.add(Evidence.text("migration history at snapshot " + since.get().name(), since.get().history().toText()));
            HistoryComparison comparison = HistoryComparison.of(since.get().history(), history, since.get().name());
            problems.addAll(comparison.edited());
            problems.addAll(comparison.removed());
            sinceText = "; since snapshot " + since.get().name() + ": " + (comparison.unchanged() ? "earlier ones unchanged, " : "")
                    + added(comparison.added());
        }
        String summary = history.tool() + ": " + applied + " applied, " + history.failed().size() + " failed, newest "
                + (newest == null ? "none" : newest) + sinceText;
        return problems.isEmpty() ? CheckResult.passed(spec.name(), summary, evidence)
                : CheckResult.failed(spec.name(), String.join("; ", problems) + " (" + summary + ")", evidence);
    }

    private static Optional<Integer> expectedCount(CheckConfig config) {
        if (!config.has("expect")) {
            return Optional.empty();
        }
        Map<String, Object> expect = config.map("expect");
        if (!expect.keySet().equals(Set.of("count")) || expect.get("count") == null) {
            throw config.invalid("expect", "{count: N}", String.valueOf(expect));
        }
        try {
            return Optional.of(Integer.valueOf(config.resolve(String.valueOf(expect.get("count"))).trim()));
        } catch (NumberFormatException e) {
            throw config.invalid("expect", "{count: N} with a whole number N", String.valueOf(expect));
        }
    }

    private static String added(List<AppliedMigration> added) {
        if (added.isEmpty()) {
            return "none applied since";
        }
        return added.size() + " applied since: " + String.join(", ", added.stream()
                .map(migration -> migration.version() == null ? "(repeatable) " + migration.description() : migration.version())
                .toList());
    }
}
