package dev.tollgate.check.data;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.tollgate.db.ColumnFingerprints;
import dev.tollgate.db.KeyHash;
import dev.tollgate.db.ValueHash;

/**
 * How a table's columns at a snapshot map onto its columns now: kept under the same name, renamed as
 * the suite declared, or dropped. A declared rename counts only where it happened (the old column
 * is gone and the new one is there), so one suite serves candidates that rename and ones that do not.
 *
 * @param common  old name to current name, for every column both shapes have, in the old order
 * @param dropped columns at the snapshot that are gone
 * @param added   columns that are new
 * @param notes   declared renames that did not happen, and why
 */
record ShapeMapping(Map<String, String> common, List<String> dropped, List<String> added, List<String> notes) {

    static ShapeMapping of(String table, List<String> before, List<String> now, Map<String, String> renames) {
        Map<String, String> common = new LinkedHashMap<>();
        List<String> dropped = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (String column : before) {
            String to = renames.get(column);
            if (to != null && !now.contains(column) && now.contains(to)) {
                common.put(column, to);
                continue;
            }
            if (now.contains(column)) {
                common.put(column, column);
            } else {
                dropped.add(column);
            }
            if (to != null) {
                notes.add("declared rename " + table + "." + column + " -> " + to + " did not happen ("
                        + (now.contains(column) ? column + " is still there" : to + " is not there") + ")");
            }
        }
        renames.keySet().stream().filter(column -> !before.contains(column)).forEach(column ->
                notes.add("declared rename " + table + "." + column + " names a column the snapshot does not have"));
        List<String> added = new ArrayList<>(now);
        added.removeAll(common.values());
        return new ShapeMapping(common, dropped, added, notes);
    }

    /** The same columns under the same names: whole-row fingerprints compare as they are. */
    boolean unchanged() {
        return dropped.isEmpty() && added.isEmpty() && common.entrySet().stream().allMatch(e -> e.getKey().equals(e.getValue()));
    }

    /** The snapshot's key under current names, in the order it was hashed; empty when a key column is gone. */
    Optional<List<String>> key(List<String> before) {
        List<String> key = new ArrayList<>();
        for (String column : before) {
            if (!common.containsKey(column)) {
                return Optional.empty();
            }
            key.add(common.get(column));
        }
        return Optional.of(key);
    }

    List<String> currentNames() {
        return List.copyOf(common.values());
    }

    /**
     * Columns (old names) whose values differ between the snapshot and now, or that the snapshot did not
     * measure; not those {@link #retyped} (their hashes differ whatever their values).
     */
    List<String> changed(ColumnFingerprints.Table before, ColumnFingerprints.Table now) {
        List<String> retyped = retyped(before, now);
        return common.entrySet().stream()
                .filter(e -> before.column(e.getKey()).isEmpty() || !Objects.equals(before.column(e.getKey()), now.column(e.getValue())))
                .map(Map.Entry::getKey)
                .filter(column -> !retyped.contains(column))
                .toList();
    }

    /**
     * Columns (old names) whose type changed so that their values are hashed another way now
     * ({@link ValueHash}: an integer that became numeric or text): their values cannot be compared.
     */
    List<String> retyped(ColumnFingerprints.Table before, ColumnFingerprints.Table now) {
        return common.entrySet().stream()
                .filter(e -> hashing(before, e.getKey()) != null && hashing(now, e.getValue()) != null
                        && hashing(before, e.getKey()) != hashing(now, e.getValue()))
                .map(Map.Entry::getKey)
                .toList();
    }

    /**
     * Whether the key's type changed so that it seeds the column hashes another way now ({@link KeyHash}):
     * every value would then look moved to another row.
     */
    boolean keyRetyped(ColumnFingerprints.Table before, ColumnFingerprints.Table now) {
        if (before.keyHash() == null || now.keyHash() == null) {
            return false;
        }
        return before.keyHash() != now.keyHash() || before.key().stream().anyMatch(column -> retyped(before, now).contains(column));
    }

    /** {@code name: INTEGER -> TEXT}, for a note. */
    String describeRetyped(ColumnFingerprints.Table before, ColumnFingerprints.Table now, String column) {
        return describe(column) + ": " + hashing(before, column) + " -> " + hashing(now, common.get(column));
    }

    /** How a column's values were hashed; null when the reading did not record it (a snapshot from before). */
    private static ValueHash hashing(ColumnFingerprints.Table table, String column) {
        return table.column(column).map(ColumnFingerprints.Column::hashedAs).orElse(null);
    }

    /** {@code name -> title} for a renamed column, the bare name otherwise. */
    String describe(String column) {
        String to = common.get(column);
        return to == null || to.equals(column) ? column : column + " -> " + to;
    }

    /** {@code  (renamed name -> title; added priority; dropped notes)}, or nothing when only values may have changed. */
    String describeChanges() {
        List<String> parts = new ArrayList<>();
        List<String> renamed = common.keySet().stream().filter(column -> !common.get(column).equals(column)).map(this::describe).toList();
        if (!renamed.isEmpty()) {
            parts.add("renamed " + String.join(", ", renamed));
        }
        if (!added.isEmpty()) {
            parts.add("added " + String.join(", ", added));
        }
        if (!dropped.isEmpty()) {
            parts.add("dropped " + String.join(", ", dropped));
        }
        return parts.isEmpty() ? "" : " (" + String.join("; ", parts) + ")";
    }

    /** The sum of the listed columns' hashes: one number for reports that compare a table as a whole. */
    static String combined(ColumnFingerprints.Table table, List<String> columns) {
        BigInteger sum = BigInteger.ZERO;
        for (String column : columns) {
            sum = sum.add(table.column(column).map(c -> new BigInteger(c.hash())).orElse(BigInteger.ZERO));
        }
        return sum.toString();
    }
}
