package dev.tollgate.db;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.apiguardian.api.API;

import dev.tollgate.db.SchemaChange.Kind;
import dev.tollgate.db.SchemaSnapshot.Column;

/**
 * Classifies a schema diff {@code previous → candidate} by whether the previous release can keep
 * running on the candidate's schema (what a code rollback needs). The rules are the
 * expand/contract ones: adding is safe, removing, renaming, retyping and tightening are not.
 *
 * <p>An added or changed constraint is judged unsafe even when today's data satisfies it, because
 * the previous release may write rows it rejects. A new unique index counts as a unique constraint.
 * Two exceptions, each named as the rule that decided: a widened key (a primary key or unique
 * constraint or index over more columns than before accepts every row the narrower one did), and a
 * constraint on columns the previous release never writes (added by this upgrade, nullable or with
 * a default: its rows leave them NULL or at the default; for a unique key only NULL counts).
 */
@API(status = INTERNAL, since = "0.1")
public final class MigrationSafety {

    private MigrationSafety() {
    }

    public static SafetyReport classify(SchemaDiff diff) {
        Objects.requireNonNull(diff, "diff must not be null");
        List<SafetyFinding> findings = new ArrayList<>();
        for (SchemaChange change : diff.changes()) {
            findings.add(classify(change, diff));
        }
        return SafetyReport.of(findings);
    }

    private static SafetyFinding classify(SchemaChange change, SchemaDiff diff) {
        return switch (change.kind()) {
            case TABLE_ADDED -> safe(change, "table added", "the previous release does not know it");
            case TABLE_DROPPED -> unsafe(change, "table dropped (or renamed)", "the previous release still reads and writes it");
            case COLUMN_ADDED -> added(change, change.column(), renameHint(change, Kind.COLUMN_DROPPED, "from", diff));
            case COLUMN_DROPPED -> unsafe(change, "column dropped" + renameHint(change, Kind.COLUMN_ADDED, "to", diff),
                    "the previous release still reads or writes it");
            case COLUMN_TYPE_CHANGED -> unsafe(change, "type changed from " + type(change.before()) + " to " + change.column().type(),
                    "the previous release reads and writes the old type");
            case COLUMN_NULLABILITY_CHANGED -> change.column().nullable()
                    ? safe(change, "made nullable", "loosens: the previous release still writes values")
                    : unsafe(change, "made NOT NULL", "the previous release may insert rows without it or write NULL");
            case COLUMN_DEFAULT_CHANGED -> defaultChanged(change, change.column());
            case CONSTRAINT_ADDED -> constraintAdded(change, diff);
            case CONSTRAINT_CHANGED -> constraintChanged(change);
            case CONSTRAINT_DROPPED -> safe(change, "constraint dropped", "loosens what the table accepts");
            case INDEX_ADDED -> isUnique(change.after()) ? uniqueIndexAdded(change, diff)
                    : safe(change, "index added", "indexes change speed, not results");
            case INDEX_CHANGED -> isUnique(change.after()) ? uniqueIndexChanged(change)
                    : safe(change, "index changed", "indexes change speed, not results");
            case INDEX_DROPPED -> safe(change, "index dropped", "queries keep their results, maybe not their speed");
            case SEQUENCE_ADDED -> safe(change, "sequence added", "the previous release does not use it");
            case SEQUENCE_DROPPED -> unsafe(change, "sequence dropped (or renamed)", "the previous release may still draw from it");
            case SEQUENCE_CHANGED -> unsafe(change, "sequence changed", "the previous release may rely on its type or step");
            case VIEW_ADDED -> safe(change, "view added", "the previous release does not know it");
            case VIEW_DROPPED -> unsafe(change, "view dropped (or renamed)", "the previous release may still read it");
            case VIEW_CHANGED -> unsafe(change, "view changed", "the previous release may read columns or rows it no longer gives");
        };
    }

    private static SafetyFinding constraintAdded(SchemaChange change, SchemaDiff diff) {
        String type = constraintType(change.after());
        Optional<String> key = KeyColumns.keyKind(change.after());
        Optional<List<String>> columns = key.isPresent() ? KeyColumns.ofKey(change.after()) : KeyColumns.ofCheck(change.after());
        Map<String, Column> fresh = columnsAdded(diff, table(change));
        if (key.isPresent() && !key.get().equals("FOREIGN KEY") && columns.isPresent()) {
            Optional<String> narrower = diff.changes().stream()
                    .filter(other -> other.kind() == Kind.CONSTRAINT_DROPPED && table(other).equals(table(change)))
                    .filter(other -> KeyColumns.keyKind(other.before()).filter(k -> !k.equals("FOREIGN KEY")).isPresent())
                    .filter(other -> KeyColumns.ofKey(other.before()).filter(old -> columns.get().containsAll(old)).isPresent())
                    .map(SchemaChange::before).findFirst();
            if (narrower.isPresent()) {
                return widened(change, type + " constraint added in place of " + narrower.get(), narrower.get(), change.after());
            }
        }
        if (columns.isPresent() && fresh.keySet().containsAll(columns.get())) {
            List<Column> onNew = columns.get().stream().map(fresh::get).toList();
            if (key.filter(k -> k.equals("UNIQUE")).isPresent()) {
                if (onNew.stream().allMatch(MigrationSafety::leftNull) && !KeyColumns.nullsNotDistinct(change.after())) {
                    return safe(change, "UNIQUE constraint added on new column(s) " + columns.get(),
                            "rule 'unique on unwritten columns': the previous release never writes them, its rows leave them NULL,"
                                    + " and NULLs never collide");
                }
            } else if (key.isEmpty() || key.get().equals("FOREIGN KEY")) {
                if (onNew.stream().allMatch(column -> column.nullable() || column.defaultValue() != null)) {
                    return safe(change, type + " constraint added on new column(s) " + columns.get(),
                            "rule 'constraint on unwritten columns': the previous release never writes them; its rows leave them"
                                    + " NULL (or the default), which the constraint accepts");
                }
            }
        }
        return unsafe(change, type + " constraint added to an existing table",
                "tightens: it may reject writes of the previous release");
    }

    private static SafetyFinding constraintChanged(SchemaChange change) {
        Optional<String> before = KeyColumns.keyKind(change.before()).filter(k -> !k.equals("FOREIGN KEY"));
        Optional<String> after = KeyColumns.keyKind(change.after()).filter(k -> !k.equals("FOREIGN KEY"));
        if (before.isPresent() && after.isPresent() && covers(KeyColumns.ofKey(change.after()), KeyColumns.ofKey(change.before()))) {
            return widened(change, constraintType(change.after()) + " constraint widened", change.before(), change.after());
        }
        return unsafe(change, constraintType(change.after()) + " constraint changed",
                "may tighten: it may reject writes of the previous release");
    }

    private static SafetyFinding uniqueIndexAdded(SchemaChange change, SchemaDiff diff) {
        Optional<List<String>> columns = KeyColumns.ofIndex(change.after());
        Map<String, Column> fresh = columnsAdded(diff, table(change));
        if (columns.isPresent()) {
            Optional<String> narrower = diff.changes().stream()
                    .filter(other -> other.kind() == Kind.INDEX_DROPPED && table(other).equals(table(change)) && isUnique(other.before()))
                    .filter(other -> covers(columns, KeyColumns.ofIndex(other.before())))
                    .map(SchemaChange::before).findFirst();
            if (narrower.isPresent()) {
                return widened(change, "unique index added in place of " + narrower.get(), narrower.get(), change.after());
            }
            if (fresh.keySet().containsAll(columns.get()) && columns.get().stream().map(fresh::get).allMatch(MigrationSafety::leftNull)
                    && !KeyColumns.nullsNotDistinct(change.after())) {
                return safe(change, "unique index added on new column(s) " + columns.get(),
                        "rule 'unique on unwritten columns': the previous release never writes them, its rows leave them NULL,"
                                + " and NULLs never collide");
            }
        }
        return unsafe(change, "unique index added", "tightens like a unique constraint: it may reject writes of the previous release");
    }

    private static SafetyFinding uniqueIndexChanged(SchemaChange change) {
        if (isUnique(change.before()) && covers(KeyColumns.ofIndex(change.after()), KeyColumns.ofIndex(change.before()))
                && sameApartFromColumns(change.before(), change.after())) {
            return widened(change, "unique index widened", change.before(), change.after());
        }
        return unsafe(change, "unique index changed", "may tighten: it may reject writes of the previous release");
    }

    private static SafetyFinding widened(SchemaChange change, String description, String before, String after) {
        return safe(change, description, "rule 'widened key': a key over more columns (" + before + " -> " + after
                + ") accepts every row the narrower one accepted");
    }

    /** Whether {@code wider} holds every column of {@code narrower} (both known). */
    private static boolean covers(Optional<List<String>> wider, Optional<List<String>> narrower) {
        return wider.isPresent() && narrower.isPresent() && wider.get().containsAll(narrower.get());
    }

    /** The index definitions differ only in their column list (not in method, INCLUDE, WHERE, NULLS NOT DISTINCT). */
    private static boolean sameApartFromColumns(String before, String after) {
        return before.replaceFirst("\\([^()]*\\)", "()").equals(after.replaceFirst("\\([^()]*\\)", "()"));
    }

    /** Rows the previous release inserts leave this column NULL: it is nullable and has no default. */
    private static boolean leftNull(Column column) {
        return column.nullable() && column.defaultValue() == null;
    }

    /** Columns this upgrade added to {@code table}: the previous release never writes them. */
    private static Map<String, Column> columnsAdded(SchemaDiff diff, String table) {
        Map<String, Column> added = new HashMap<>();
        diff.changes().stream().filter(change -> change.kind() == Kind.COLUMN_ADDED && table(change).equals(table))
                .forEach(change -> added.put(change.column().name(), change.column()));
        return added;
    }

    private static String table(SchemaChange change) {
        return change.object().substring(0, Math.max(0, change.object().lastIndexOf('.')));
    }

    private static SafetyFinding added(SchemaChange change, Column column, String renameHint) {
        String hint = renameHint.equals(" (or renamed)") ? "" : renameHint;
        if (column.nullable()) {
            return safe(change, "nullable column added" + hint, "inserts of the previous release leave it NULL");
        }
        if (column.defaultValue() != null) {
            return safe(change, "NOT NULL column with a default added" + hint, "inserts of the previous release get the default");
        }
        return unsafe(change, "NOT NULL column without a default added" + hint, "inserts of the previous release fail");
    }

    private static SafetyFinding defaultChanged(SchemaChange change, Column column) {
        if (column.defaultValue() == null && !column.nullable()) {
            return unsafe(change, "default dropped from a NOT NULL column", "inserts of the previous release that omit it fail");
        }
        return safe(change, column.defaultValue() == null ? "default dropped" : "default changed",
                "only inserts that omit the column see it");
    }

    /**
     * A rename is a drop plus an add; when the same table gained (or lost) exactly one column of the
     * same type, name it, so a reader sees the likely rename at once.
     */
    private static String renameHint(SchemaChange change, Kind counterpart, String direction, SchemaDiff diff) {
        String table = change.object().substring(0, change.object().lastIndexOf('.'));
        List<SchemaChange> candidates = diff.changes().stream()
                .filter(other -> other.kind() == counterpart)
                .filter(other -> other.object().lastIndexOf('.') == table.length() && other.object().startsWith(table + "."))
                .filter(other -> other.column().type().equals(change.column().type()))
                .toList();
        return candidates.size() == 1 ? " (or renamed " + direction + " " + candidates.get(0).object() + ")" : " (or renamed)";
    }

    private static String type(String definition) {
        return Optional.ofNullable(definition).map(d -> d.replaceFirst(" (NOT )?NULL( .*)?$", "")).orElse("?");
    }

    private static String constraintType(String definition) {
        for (String type : List.of("PRIMARY KEY", "UNIQUE", "FOREIGN KEY", "CHECK", "EXCLUDE")) {
            if (definition != null && definition.startsWith(type)) {
                return type;
            }
        }
        return "a";
    }

    private static boolean isUnique(String indexDefinition) {
        return indexDefinition != null && indexDefinition.startsWith("CREATE UNIQUE INDEX ");
    }

    private static SafetyFinding safe(SchemaChange change, String description, String rule) {
        return new SafetyFinding(change.object(), change.kind(), true, description, rule);
    }

    private static SafetyFinding unsafe(SchemaChange change, String description, String rule) {
        return new SafetyFinding(change.object(), change.kind(), false, description, rule);
    }
}
