package dev.tollgate.check.data;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.tollgate.db.ColumnFingerprints;
import dev.tollgate.db.DataFingerprint;
import dev.tollgate.db.KeptRows;
import dev.tollgate.db.SchemaSnapshot;
import dev.tollgate.db.Snapshot;
import dev.tollgate.db.TableFingerprint;
import dev.tollgate.system.DatabaseEndpoint;

/**
 * Compares one table with the snapshot. Row counts always; content on whole rows when the columns
 * did not change, else column by column on the columns both shapes share (renamed ones under their
 * new names), from the column fingerprints the snapshot keeps. Reads the database only where the
 * cheap comparison is not enough: a table whose content or shape changed, example rows for a failure.
 */
final class TableInspector {

    static final int EXAMPLES = 5;

    private final DatabaseEndpoint database;
    private final Snapshot since;
    private final DataFingerprint now;
    private final DataSettings settings;
    private final DataReport report;
    private SchemaSnapshot schemaNow;

    TableInspector(DatabaseEndpoint database, Snapshot since, DataFingerprint now, DataSettings settings, DataReport report) {
        this.database = database;
        this.since = since;
        this.now = now;
        this.settings = settings;
        this.report = report;
    }

    void inspect(TableFingerprint was) throws SQLException {
        String table = was.table();
        boolean enforced = settings.enforced(table);
        Optional<TableFingerprint> found = now.table(table);
        if (found.isEmpty()) {
            if (was.rows() > 0 && settings.declared(table)) {
                report.notes.add(table + ": the table is gone with its " + rows(was.rows()) + ", as declared");
            } else if (was.rows() > 0) {
                report.finding(enforced, table, table + ": the table is gone, and its " + rows(was.rows()) + " with it"
                        + "; declare it under changes: if intended");
            } else {
                report.notes.add(table + ": the table (empty at the snapshot) is gone");
            }
            return;
        }
        TableFingerprint is = found.get();
        ShapeMapping shape = ShapeMapping.of(table, was.columns(), is.columns(), settings.renames(table));
        report.notes.addAll(shape.notes());
        long lost = was.rows() - is.rows();
        if (lost > 0) {
            lost(table, was, is, lost, enforced);
        }
        droppedColumns(table, shape, enforced);
        if (lost < 0) {
            grown(table, was, is, shape, -lost);
        } else if (lost == 0 && !(shape.unchanged() && was.hash().equals(is.hash()))) {
            columnByColumn(table, was, is, shape, enforced);
        }
    }

    /**
     * Fewer rows than before: named by key where the snapshot kept the table's rows, and not a loss
     * where every lost row's values moved into what the upgrade added (see {@link LostRows}).
     */
    private void lost(String table, TableFingerprint was, TableFingerprint is, long lost, boolean enforced) throws SQLException {
        Optional<KeptRows.Table> kept = since.rows().table(table);
        Optional<LostRows> named = Optional.empty();
        if (kept.isPresent()) {
            named = LostRows.find(database, kept.get(), since.schema(), schemaNow());
        }
        if (named.isPresent() && named.get().moved()) {
            String move = rows(named.get().lost().size()) + " of " + table + " (" + named.get().keys() + ") moved into "
                    + String.join(", ", named.get().movedTo()) + ", added by this upgrade";
            report.notes.add(move);
            report.moves.add(move);
            return;
        }
        Optional<DataSettings.Expected> expected = settings.expected(table);
        if (expected.isPresent() && named.isPresent() && !named.get().lost().isEmpty()) {
            List<java.util.Map<String, String>> unexpected = outsideDeclared(named.get(), expected.get());
            if (unexpected.isEmpty()) {
                report.notes.add(rows(named.get().lost().size()) + " of " + table + " (" + named.get().keys() + ") "
                        + expected.get().describe());
                return;
            }
            report.finding(enforced, table, table + ": " + rows(lost) + " lost (" + was.rows() + " before, " + is.rows() + " after), "
                    + unexpected.size() + " of them outside the declared " + (expected.get().to().isEmpty() ? "removal" : "move")
                    + " (" + expected.get().where() + "): "
                    + named.get().only(unexpected).named());
            return;
        }
        String which = named.filter(rows -> !rows.lost().isEmpty())
                .map(rows -> ": " + rows.named())
                .orElseGet(() -> examples(table));
        String undeclarable = expected.isPresent() && named.isEmpty()
                ? "; the declared removal cannot be checked row by row: the table has more than " + KeptRows.ROW_LIMIT + " rows" : "";
        report.finding(enforced, table, table + ": " + rows(lost) + " lost (" + was.rows() + " before, " + is.rows() + " after)" + which
                + undeclarable);
    }

    private List<java.util.Map<String, String>> outsideDeclared(LostRows lost, DataSettings.Expected expected) {
        try {
            return KeptRows.outside(database, lost.table(), lost.lost(), expected.where());
        } catch (SQLException e) {
            throw new IllegalArgumentException("the condition declared for " + lost.table() + " (" + expected.where()
                    + ") is not valid SQL for its rows: " + e.getMessage(), e);
        }
    }

    private SchemaSnapshot schemaNow() throws SQLException {
        if (schemaNow == null) {
            schemaNow = SchemaSnapshot.read(database, Set.of());
        }
        return schemaNow;
    }

    private void droppedColumns(String table, ShapeMapping shape, boolean enforced) {
        Optional<ColumnFingerprints.Table> columns = since.columns().table(table);
        for (String column : shape.dropped()) {
            long values = columns.flatMap(t -> t.column(column)).map(ColumnFingerprints.Column::values).orElse(-1L);
            if (values == 0) {
                report.notes.add(table + "." + column + " was dropped; it held no values");
            } else if (settings.declared(table, column)) {
                report.notes.add(table + "." + column + " was dropped, as declared");
            } else {
                report.finding(enforced, table, table + "." + column + " was dropped with "
                        + (values < 0 ? "its values" : values + " value(s)") + "; declare it under renamed: or changes: if intended");
            }
        }
    }

    /** More rows than before: earlier rows can be compared only where new rows come last by key. */
    private void grown(String table, TableFingerprint was, TableFingerprint is, ShapeMapping shape, long added) {
        if (!settings.appendOnly(table)) {
            report.notes.add(table + ": " + rows(added) + " added; earlier rows are not compared (a sum of row hashes"
                    + " cannot be split into old and new rows)");
            return;
        }
        List<String> key = since.columns().table(table).map(ColumnFingerprints.Table::key).orElse(List.of());
        if (!shape.unchanged() || key.isEmpty()) {
            report.notes.add(table + ": " + rows(added) + " appended; earlier rows are not compared ("
                    + (key.isEmpty() ? "no primary key to find them by" : "the columns changed") + ")");
            return;
        }
        try {
            TableFingerprint first = DataFingerprint.ofFirstRows(database, table, key, was.rows());
            if (first.hash().equals(was.hash())) {
                report.notes.add(table + ": " + rows(added) + " appended; the first " + rows(was.rows()) + " by "
                        + String.join(", ", key) + " are unchanged");
            } else {
                report.finding(true, table, table + " is append-only, but its first " + rows(was.rows()) + " by "
                        + String.join(", ", key) + " are not those of snapshot " + since.name() + " (" + was.rows() + " before, " + is.rows()
                        + " after): earlier rows were changed or deleted, or new rows took lower keys" + examples(table));
            }
        } catch (SQLException e) {
            report.notes.add(table + ": earlier rows not compared: " + e.getMessage());
        }
    }

    /** Same row count, different content or shape: which columns differ, compared on the common ones. */
    private void columnByColumn(String table, TableFingerprint was, TableFingerprint is, ShapeMapping shape, boolean enforced)
            throws SQLException {
        Optional<ColumnFingerprints.Table> before = since.columns().table(table);
        Optional<List<String>> key = before.flatMap(t -> shape.key(t.key()));
        if (before.isEmpty() || key.isEmpty()) {
            String why = before.isEmpty() ? "the snapshot has no column fingerprints" : "a primary key column is gone";
            if (shape.unchanged() && !settings.declared(table)) {
                report.finding(enforced, table, table + ": same number of rows (" + was.rows() + "), different content" + examples(table));
            } else {
                report.notes.add(table + ": content not compared column by column (" + why + "); counts match");
            }
            return;
        }
        ColumnFingerprints.Table after = ColumnFingerprints.measure(database, table, key.get(), shape.currentNames());
        List<String> retyped = shape.retyped(before.get(), after);
        if (shape.keyRetyped(before.get(), after)) {
            List<String> how = before.get().key().stream().filter(retyped::contains)
                    .map(column -> shape.describeRetyped(before.get(), after, column)).toList();
            report.notes.add(table + ": content not compared column by column (the key's type changed, "
                    + (how.isEmpty() ? before.get().keyHash() + " -> " + after.keyHash() : String.join(", ", how))
                    + ", so rows cannot be matched by key); counts match");
            return;
        }
        retyped.forEach(column -> report.notes.add(table + "." + shape.describeRetyped(before.get(), after, column)
                + ": the type changed, so its values are hashed another way and were not compared"));
        List<String> changed = shape.changed(before.get(), after);
        List<String> undeclared = changed.stream().filter(column -> !settings.declared(table, column)
                && !settings.declared(table, shape.common().get(column))).toList();
        shape.common().keySet().forEach(column -> report.columnLines.add(table + "." + shape.describe(column) + ": "
                + (changed.contains(column) ? "CHANGED values" : retyped.contains(column) ? "values not compared (type changed)"
                        : "same values") + " in " + rows(was.rows())));
        if (!shape.unchanged()) {  // whole-row fingerprints cannot compare; the evidence shows the common columns' instead
            report.notes.add(table + ": compared column by column on the " + shape.common().size() + " columns both shapes have"
                    + shape.describeChanges());
            List<String> oldNames = List.copyOf(shape.common().keySet());
            report.comparedOn(shape.currentNames(),
                    new TableFingerprint(table, shape.currentNames(), before.get().rows(), ShapeMapping.combined(before.get(), oldNames)),
                    new TableFingerprint(table, shape.currentNames(), after.rows(), ShapeMapping.combined(after, shape.currentNames())));
        }
        if (!undeclared.isEmpty()) {
            report.finding(enforced, table, table + ": values changed in " + undeclared.stream().map(shape::describe).toList()
                    + " (same " + rows(was.rows()) + ")" + examples(table));
        } else if (!changed.isEmpty()) {
            report.notes.add(table + ": values changed in " + changed.stream().map(shape::describe).toList() + ", as declared");
        }
    }

    /** Up to five rows of the table as it is now, for a reader to see what is left; also kept as evidence. */
    private String examples(String table) {
        try {
            List<String> rows = DataFingerprint.sampleRows(database, table, List.of(), EXAMPLES);
            report.samples.put(table, rows);
            return rows.isEmpty() ? "; the table is now empty"
                    : "; rows now, e.g. " + String.join(", ", rows.stream().map(TableInspector::cut).toList());
        } catch (SQLException | IllegalArgumentException e) {
            return "";
        }
    }

    private static String cut(String row) {
        return row.length() > 120 ? row.substring(0, 119) + "…" : row;
    }

    static String rows(long count) {
        return count + (count == 1 ? " row" : " rows");
    }
}
