package dev.tollgate.db;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apiguardian.api.API;

import com.fasterxml.jackson.annotation.JsonIgnore;

import dev.tollgate.db.SchemaChange.Kind;
import dev.tollgate.db.SchemaSnapshot.Column;
import dev.tollgate.db.SchemaSnapshot.Table;

/**
 * What changed between two schema snapshots, object by object, in name order. A renamed table or
 * column shows up as dropped plus added: the catalogs cannot tell a rename from a replacement.
 * An added or dropped table is one change; its columns, constraints and indexes are in its definition.
 */
@API(status = INTERNAL, since = "0.1")
public record SchemaDiff(List<SchemaChange> changes) {

    public SchemaDiff {
        changes = List.copyOf(changes);
    }

    public static SchemaDiff between(SchemaSnapshot before, SchemaSnapshot after) {
        Objects.requireNonNull(before, "before must not be null");
        Objects.requireNonNull(after, "after must not be null");
        List<SchemaChange> changes = new ArrayList<>();
        Map<String, Table> oldTables = byName(before.tables(), Table::name);
        Map<String, Table> newTables = byName(after.tables(), Table::name);
        for (String name : union(oldTables, newTables)) {
            Table old = oldTables.get(name);
            Table now = newTables.get(name);
            if (old == null) {
                changes.add(SchemaChange.of(Kind.TABLE_ADDED, name, null, String.join("\n", now.lines())));
            } else if (now == null) {
                changes.add(SchemaChange.of(Kind.TABLE_DROPPED, name, String.join("\n", old.lines()), null));
            } else {
                compareColumns(old, now, changes);
                compare(byName(old.constraints(), SchemaSnapshot.Constraint::name),
                        byName(now.constraints(), SchemaSnapshot.Constraint::name), name + ".",
                        c -> c.definition(), Kind.CONSTRAINT_ADDED, Kind.CONSTRAINT_DROPPED, Kind.CONSTRAINT_CHANGED, changes);
                compare(byName(old.indexes(), SchemaSnapshot.Index::name), byName(now.indexes(), SchemaSnapshot.Index::name),
                        name + ".", i -> i.definition(), Kind.INDEX_ADDED, Kind.INDEX_DROPPED, Kind.INDEX_CHANGED, changes);
            }
        }
        compare(byName(before.sequences(), SchemaSnapshot.Sequence::name), byName(after.sequences(), SchemaSnapshot.Sequence::name),
                "", s -> s.definition(), Kind.SEQUENCE_ADDED, Kind.SEQUENCE_DROPPED, Kind.SEQUENCE_CHANGED, changes);
        compare(byName(before.views(), SchemaSnapshot.View::name), byName(after.views(), SchemaSnapshot.View::name),
                "", v -> (v.materialized() ? "materialized: " : "") + v.definition(), Kind.VIEW_ADDED, Kind.VIEW_DROPPED, Kind.VIEW_CHANGED, changes);
        return new SchemaDiff(changes);
    }

    /** A column whose type and nullability both changed yields two changes, one per property. */
    private static void compareColumns(Table old, Table now, List<SchemaChange> changes) {
        Map<String, Column> oldColumns = byName(old.columns(), Column::name);
        Map<String, Column> newColumns = byName(now.columns(), Column::name);
        for (String name : union(oldColumns, newColumns)) {
            Column was = oldColumns.get(name);
            Column is = newColumns.get(name);
            String object = now.name() + "." + name;
            String before = was == null ? null : was.definition();
            String after = is == null ? null : is.definition();
            if (was == null) {
                changes.add(new SchemaChange(Kind.COLUMN_ADDED, object, null, after, is));
            } else if (is == null) {
                changes.add(new SchemaChange(Kind.COLUMN_DROPPED, object, before, null, was));
            } else {
                if (!was.type().equals(is.type())) {
                    changes.add(new SchemaChange(Kind.COLUMN_TYPE_CHANGED, object, before, after, is));
                }
                if (was.nullable() != is.nullable()) {
                    changes.add(new SchemaChange(Kind.COLUMN_NULLABILITY_CHANGED, object, before, after, is));
                }
                if (!Objects.equals(was.defaultValue(), is.defaultValue())) {
                    changes.add(new SchemaChange(Kind.COLUMN_DEFAULT_CHANGED, object, before, after, is));
                }
            }
        }
    }

    private static <T> void compare(Map<String, T> old, Map<String, T> now, String prefix, Function<T, String> definition,
            Kind added, Kind dropped, Kind changed, List<SchemaChange> changes) {
        for (String name : union(old, now)) {
            String before = old.containsKey(name) ? definition.apply(old.get(name)) : null;
            String after = now.containsKey(name) ? definition.apply(now.get(name)) : null;
            if (before == null) {
                changes.add(SchemaChange.of(added, prefix + name, null, after));
            } else if (after == null) {
                changes.add(SchemaChange.of(dropped, prefix + name, before, null));
            } else if (!before.equals(after)) {
                changes.add(SchemaChange.of(changed, prefix + name, before, after));
            }
        }
    }

    @JsonIgnore
    public boolean isEmpty() {
        return changes.isEmpty();
    }

    /**
     * A unified-diff-like rendering: {@code -} lines as before, {@code +} lines as after, one pair per
     * changed object, e.g. {@code - missions.priority integer NULL} then
     * {@code + missions.priority integer NOT NULL DEFAULT 3}.
     */
    public String toText() {
        if (changes.isEmpty()) {
            return "(no schema changes)\n";
        }
        StringBuilder text = new StringBuilder();
        SchemaChange previous = null;
        for (SchemaChange change : changes) {
            boolean sameLines = previous != null && previous.object().equals(change.object())
                    && Objects.equals(previous.before(), change.before()) && Objects.equals(previous.after(), change.after());
            if (!sameLines) {  // several properties of one column changed: show the column once
                String label = change.kind().noun().isEmpty() ? change.object() : change.kind().noun() + " " + change.object();
                render(text, "-", label, change.before());
                render(text, "+", label, change.after());
            }
            previous = change;
        }
        return text.toString();
    }

    private static void render(StringBuilder text, String sign, String label, String definition) {
        if (definition == null) {
            return;
        }
        if (!definition.contains("\n")) {
            text.append(sign).append(' ').append(label).append(' ').append(definition).append('\n');
            return;
        }
        text.append(sign).append(' ').append(label).append('\n');
        definition.lines().forEach(line -> text.append(sign).append("     ").append(line).append('\n'));
    }

    private static <T> Map<String, T> byName(List<T> items, Function<T, String> name) {
        return items.stream().collect(Collectors.toMap(name, Function.identity()));
    }

    private static TreeSet<String> union(Map<String, ?> a, Map<String, ?> b) {
        TreeSet<String> names = new TreeSet<>(a.keySet());
        names.addAll(b.keySet());
        return names;
    }
}
