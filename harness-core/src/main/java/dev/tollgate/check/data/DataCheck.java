package dev.tollgate.check.data;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.Optional;

import org.apiguardian.api.API;

import dev.tollgate.check.CheckConfig;
import dev.tollgate.check.CheckContext;
import dev.tollgate.check.CheckResult;
import dev.tollgate.check.CheckType;
import dev.tollgate.check.Evidence;
import dev.tollgate.check.Secrets;
import dev.tollgate.db.DataFingerprint;
import dev.tollgate.db.FingerprintComparison;
import dev.tollgate.db.Snapshot;
import dev.tollgate.db.StateFiles;
import dev.tollgate.db.TableFingerprint;
import dev.tollgate.model.CheckSpec;
import dev.tollgate.model.Facts;
import dev.tollgate.model.Area;

/**
 * {@code data}: every row that existed at a snapshot is still there, with the values it had.
 *
 * <pre>
 * - check:
 *     data:
 *       since: before-upgrade              # an earlier snapshot step (required)
 *       renamed: { missions.name: title }  # counts only where it happened: name gone, title there
 *       appendOnly: [audit_log]            # may only grow; earlier rows must stay as they were
 *       changes: [missions.priority]       # expected changes: a table, or table.column
 *       removed:                           # rows expected to go, per table: an SQL condition on its columns
 *         realm_attribute: { where: "name in ('displayName','displayNameHtml')", reason: "now realm columns" }
 *       moved:                             # the same, saying where they went
 *         user_attribute: { where: "name = 'locale'", to: [user_entity.locale], reason: "a column now" }
 *       preserved: true                    # the default; false reports findings without failing
 * </pre>
 *
 * Where the profile declares {@code state:} kept outside PostgreSQL, its files are compared too: a
 * file lost since the snapshot fails; a changed one fails unless the state's name is under
 * {@code changes:}.
 *
 * Fails when a table has fewer rows than at the snapshot; when a table with rows or a column with
 * values is gone, unless declared under {@code changes:} (or, for a column, {@code renamed:}); and
 * when rows kept their number but not their values, unless the changed columns are declared.
 * Declarations do not apply to append-only tables.
 * Lost rows are named by primary key with their values where the snapshot kept the table's rows
 * (tables of up to {@value dev.tollgate.db.KeptRows#ROW_LIMIT} rows); rows whose every value moved into
 * columns or tables the upgrade added, in the row they belong to, are not lost (see {@link LostRows}),
 * nor are rows that meet a declared {@code removed:} or {@code moved:} condition.
 * Content is compared on whole rows when a table's columns did not change, and otherwise column
 * by column on the columns both shapes have: the snapshot keeps every column's values hashed with
 * their row's primary key, so a renamed column is compared with its old self. Where rows were
 * added, earlier rows cannot be told apart from new ones, except in an append-only table with a
 * primary key, whose first rows by key must be the snapshot's rows.
 */
@API(status = INTERNAL, since = "0.1")
public final class DataCheck implements CheckType {

    @Override
    public String type() {
        return "data";
    }

    @Override
    public Optional<Area> area() {
        return Optional.of(Area.DATA);
    }

    @Override
    public Set<String> keys() {
        return DataSettings.KEYS;
    }

    @Override
    public Set<String> requiredKeys() {
        return Set.of("since");
    }

    @Override
    public CheckResult run(CheckSpec spec, CheckContext context) {
        CheckConfig config = new CheckConfig(spec, context.variables());
        DataSettings settings = DataSettings.read(config);
        Snapshot since = config.snapshot("since", context).orElseThrow(() -> config.invalid("since", "a snapshot name", ""));
        List<String> known = since.data().tables().stream().map(TableFingerprint::table).toList();
        settings.appendOnly().stream().filter(table -> !known.contains(table)).findFirst().ifPresent(table -> {
            throw config.invalid("appendOnly", "tables of snapshot " + since.name() + " " + known, table);
        });
        Secrets secrets = Secrets.of(context.lastDeployed()).and(context.database().password());
        DataFingerprint now;
        DataReport report;
        try {
            now = DataFingerprint.read(context.database(), Set.of());
            report = new DataReport(since.data(), now);
            TableInspector inspector = new TableInspector(context.database(), since, now, settings, report);
            for (TableFingerprint was : since.data().tables()) {
                inspector.inspect(was);
            }
        } catch (SQLException e) {
            return CheckResult.broken(spec.name(), secrets.mask("cannot read the data of " + context.database() + ": "
                    + e.getMessage()), List.of());
        }
        settings.renamed().keySet().stream().filter(table -> !known.contains(table)).forEach(table ->
                report.notes.add("renamed: names table " + table + ", which snapshot " + since.name() + " does not have"));
        // State outside PostgreSQL (the profile's state:): files lost or changed since the snapshot.
        StateFiles.Findings files = StateFiles.since(since, context.state(), settings.changes());
        files.failures().forEach(failure -> report.finding(settings.preserved(), Facts.NOT_A_TABLE, failure));
        report.notes.addAll(files.notes());
        FingerprintComparison comparison = report.comparison();
        List<Evidence> evidence = evidence(since, comparison, report, secrets);
        if (!since.state().isEmpty()) {
            evidence.add(Evidence.text("state outside the database since snapshot " + since.name(), files.evidence()));
        }
        Facts moves = Facts.ofData(report.moves.stream().map(secrets::mask).toList(), List.copyOf(report.failedTables()));
        if (!report.failures().isEmpty()) {
            return CheckResult.failed(spec.name(), secrets.mask(String.join("; ", report.failures())), evidence).withFacts(moves);
        }
        return CheckResult.passed(spec.name(), secrets.mask(summary(since, comparison, report)), evidence).withFacts(moves);
    }

    /** {@code 3 table(s) as at snapshot before-upgrade: 2 unchanged, 1 added; notes: …}. */
    private static String summary(Snapshot since, FingerprintComparison comparison, DataReport report) {
        TreeSet<String> outcomes = new TreeSet<>();
        for (FingerprintComparison.Outcome outcome : FingerprintComparison.Outcome.values()) {
            int count = comparison.with(outcome).size();
            if (count > 0) {
                outcomes.add(count + " " + outcome.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
            }
        }
        return "no rows lost since snapshot " + since.name() + " (" + comparison.tables().size() + " table(s): "
                + String.join(", ", outcomes) + ")" + (report.notes.isEmpty() ? "" : "; " + String.join("; ", report.notes));
    }

    private static List<Evidence> evidence(Snapshot since, FingerprintComparison comparison, DataReport report, Secrets secrets) {
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(Evidence.text("data since snapshot " + since.name(), comparison.toText()
                + (report.notes.isEmpty() ? "" : "\nnotes:\n  " + String.join("\n  ", report.notes) + "\n")));
        if (!report.columnLines.isEmpty()) {
            evidence.add(Evidence.text("column by column", String.join("\n", report.columnLines) + "\n"));
        }
        report.samples.forEach((table, rows) -> evidence.add(Evidence.text("rows of " + table + " now (up to "
                + TableInspector.EXAMPLES + ")", secrets.mask(rows.isEmpty() ? "(none)\n" : String.join("\n", rows) + "\n"))));
        return evidence;
    }
}
