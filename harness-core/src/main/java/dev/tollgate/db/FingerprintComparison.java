package dev.tollgate.db;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import org.apiguardian.api.API;

/**
 * Two data fingerprints compared table by table: which tables lost rows, which kept their row
 * count but changed content, which are unchanged.
 *
 * <p>Content can only be compared on the same columns. For a table whose shape changed, fingerprint
 * both sides on the columns they share ({@link DataFingerprint#ofColumns}, e.g. on the pre-upgrade
 * backup and on the upgraded database), put them in with {@link DataFingerprint#with}, and name those
 * columns in {@code commonColumnsPerTable}; the comparison then checks that both fingerprints were
 * indeed taken on them. Row counts are compared whatever the columns.
 *
 * @param tables one comparison per table of either side, in name order
 */
@API(status = INTERNAL, since = "0.1")
public record FingerprintComparison(List<TableComparison> tables) {

    /** What happened to one table's rows. */
    @API(status = INTERNAL, since = "0.1")
    public enum Outcome {
        UNCHANGED, CONTENT_CHANGED, ROWS_LOST, ROWS_ADDED, TABLE_DROPPED, TABLE_ADDED, NOT_COMPARABLE
    }

    /**
     * @param columns the columns the content was compared on; empty when it was not compared
     * @param detail  the outcome in words, with how to compare when it could not
     */
    @API(status = INTERNAL, since = "0.1")
    public record TableComparison(String table, Outcome outcome, long rowsBefore, long rowsAfter, List<String> columns,
            String detail) {

        public TableComparison {
            columns = List.copyOf(columns);
        }
    }

    public FingerprintComparison {
        tables = List.copyOf(tables);
    }

    public static FingerprintComparison compare(DataFingerprint before, DataFingerprint after) {
        return compare(before, after, Map.of());
    }

    /**
     * @param commonColumnsPerTable for tables whose shape changed, the columns both fingerprints were taken on
     */
    public static FingerprintComparison compare(DataFingerprint before, DataFingerprint after,
            Map<String, List<String>> commonColumnsPerTable) {
        Objects.requireNonNull(before, "before must not be null");
        Objects.requireNonNull(after, "after must not be null");
        Objects.requireNonNull(commonColumnsPerTable, "commonColumnsPerTable must not be null");
        TreeSet<String> names = new TreeSet<>();
        before.tables().forEach(table -> names.add(table.table()));
        after.tables().forEach(table -> names.add(table.table()));
        List<TableComparison> tables = new ArrayList<>();
        for (String name : names) {
            TableFingerprint was = before.table(name).orElse(null);
            TableFingerprint is = after.table(name).orElse(null);
            List<String> expected = commonColumnsPerTable.containsKey(name)
                    ? commonColumnsPerTable.get(name).stream().distinct().sorted().toList() : null;
            tables.add(compare(name, was, is, expected));
        }
        return new FingerprintComparison(tables);
    }

    private static TableComparison compare(String name, TableFingerprint was, TableFingerprint is, List<String> expected) {
        if (is == null) {
            return new TableComparison(name, Outcome.TABLE_DROPPED, was.rows(), 0, List.of(),
                    "the table is gone, and its " + rows(was.rows()) + " with it");
        }
        if (was == null) {
            return new TableComparison(name, Outcome.TABLE_ADDED, 0, is.rows(), List.of(), "new table with " + rows(is.rows()));
        }
        String unlike = unlike(was, is, expected);
        long lost = was.rows() - is.rows();
        if (unlike != null) {
            return lost > 0
                    ? new TableComparison(name, Outcome.ROWS_LOST, was.rows(), is.rows(), List.of(),
                            rows(lost) + " fewer; content not compared: " + unlike)
                    : new TableComparison(name, Outcome.NOT_COMPARABLE, was.rows(), is.rows(), List.of(), unlike);
        }
        List<String> columns = was.columns();
        if (lost > 0) {
            return new TableComparison(name, Outcome.ROWS_LOST, was.rows(), is.rows(), columns, rows(lost) + " fewer");
        }
        if (lost < 0) {
            return new TableComparison(name, Outcome.ROWS_ADDED, was.rows(), is.rows(), columns, rows(-lost)
                    + " more; whether earlier rows changed cannot be told from fingerprints");
        }
        return was.hash().equals(is.hash())
                ? new TableComparison(name, Outcome.UNCHANGED, was.rows(), is.rows(), columns, "same " + rows(was.rows()))
                : new TableComparison(name, Outcome.CONTENT_CHANGED, was.rows(), is.rows(), columns,
                        "same number of rows (" + was.rows() + "), different content");
    }

    /** Why the two fingerprints cannot be compared on content, or null when they can. */
    private static String unlike(TableFingerprint was, TableFingerprint is, List<String> expected) {
        if (expected != null && (!was.columns().equals(expected) || !is.columns().equals(expected))) {
            return "expected both fingerprints on the common columns " + expected + ", but they were taken on "
                    + was.columns() + " before and " + is.columns() + " after; take both with DataFingerprint.ofColumns";
        }
        if (!was.columns().equals(is.columns())) {
            List<String> common = new ArrayList<>(was.columns());
            common.retainAll(is.columns());
            List<String> gone = new ArrayList<>(was.columns());
            gone.removeAll(is.columns());
            List<String> added = new ArrayList<>(is.columns());
            added.removeAll(was.columns());
            return "the columns changed (dropped " + gone + ", added " + added + "); compare on the common columns "
                    + common + " with DataFingerprint.ofColumns";
        }
        return null;
    }

    private static String rows(long count) {
        return count + (count == 1 ? " row" : " rows");
    }

    /** Tables that have fewer rows than before, or are gone with rows they had. */
    public List<TableComparison> lost() {
        return tables.stream().filter(table -> table.outcome() == Outcome.ROWS_LOST
                || table.outcome() == Outcome.TABLE_DROPPED && table.rowsBefore() > 0).toList();
    }

    /** Tables with as many rows as before but different content. */
    public List<TableComparison> changed() {
        return with(Outcome.CONTENT_CHANGED);
    }

    public List<TableComparison> unchanged() {
        return with(Outcome.UNCHANGED);
    }

    public List<TableComparison> with(Outcome outcome) {
        return tables.stream().filter(table -> table.outcome() == outcome).toList();
    }

    /** {@code missions: ROWS_LOST, 3 -> 2 rows (1 row fewer)}, one line per table. */
    public String toText() {
        if (tables.isEmpty()) {
            return "(no tables on either side)\n";
        }
        StringBuilder text = new StringBuilder();
        for (TableComparison table : tables) {
            text.append(table.table()).append(": ").append(table.outcome()).append(", ").append(table.rowsBefore())
                    .append(" -> ").append(table.rowsAfter()).append(" rows (").append(table.detail()).append(")\n");
        }
        return text.toString();
    }
}
