package dev.tollgate.check.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.tollgate.db.DataFingerprint;
import dev.tollgate.db.FingerprintComparison;
import dev.tollgate.db.TableFingerprint;

/**
 * What the data check found, table by table, as it goes: failures, notes, the lines of the
 * column-by-column comparison, example rows, and the fingerprints the comparison evidence is drawn
 * from (for a table whose shape changed, both sides on the columns they share).
 */
final class DataReport {

    private final List<String> failures = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    /** Rows recognised as moved, not lost: also in {@link #notes}, and a fact the verdict's notes list. */
    final List<String> moves = new ArrayList<>();
    /** The tables {@link #failures} are about, each once, in the order found. */
    private final Set<String> failedTables = new LinkedHashSet<>();
    final List<String> columnLines = new ArrayList<>();
    final Map<String, List<String>> samples = new LinkedHashMap<>();
    private final Map<String, List<String>> commonColumns = new LinkedHashMap<>();
    private DataFingerprint before;
    private DataFingerprint after;

    DataReport(DataFingerprint before, DataFingerprint after) {
        this.before = before;
        this.after = after;
    }

    /** A finding: a failure where the suite enforces it, a note where it asked only to be told. */
    void finding(boolean enforced, String table, String text) {
        (enforced ? failures : notes).add(text);
        if (enforced) {
            failedTables.add(table);
        }
    }

    /** The failures found so far, in order; only {@link #finding} adds to them, with the table each is about. */
    List<String> failures() {
        return Collections.unmodifiableList(failures);
    }

    /** The tables the failures are about, each once, in the order found. */
    Set<String> failedTables() {
        return Collections.unmodifiableSet(failedTables);
    }

    /** Both sides of a table as compared on the columns they share. */
    void comparedOn(List<String> columns, TableFingerprint was, TableFingerprint is) {
        before = before.with(was);
        after = after.with(is);
        commonColumns.put(was.table(), columns);
    }

    FingerprintComparison comparison() {
        return FingerprintComparison.compare(before, after, commonColumns);
    }
}
