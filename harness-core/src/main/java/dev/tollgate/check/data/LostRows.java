package dev.tollgate.check.data;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.tollgate.db.KeptRows;
import dev.tollgate.db.SchemaSnapshot;
import dev.tollgate.system.DatabaseEndpoint;

/**
 * The rows of one table that a snapshot kept and the database no longer has, named by primary key,
 * and whether the upgrade moved them: every value of every lost row (other than its key and
 * foreign-key columns) is found in a column this upgrade added, in the row it belongs to — the
 * parent row of one of its foreign keys, or the row with the same key in a table this upgrade
 * added. A partial match is a loss: a false GO is worse than a false NO-GO.
 *
 * @param table  the table
 * @param lost   the lost rows, in snapshot order
 * @param key    the table's primary key columns
 * @param movedTo where every lost value was found ({@code realm.display_name}), empty when not moved
 */
record LostRows(String table, List<Map<String, String>> lost, List<String> key, Set<String> movedTo) {

    static final int NAMED = 3;
    private static final Pattern FOREIGN_KEY = Pattern.compile("^FOREIGN KEY \\(([^()]*)\\) REFERENCES ([^(\\s]+)\\(([^()]*)\\)");
    private static final Pattern SECRET_COLUMN = Pattern.compile("(?i)pass|secret|token|credential|salt|private|hash");

    /** The lost rows, or empty when the snapshot kept none of this table (too big, no key) or it is too big now. */
    static Optional<LostRows> find(DatabaseEndpoint database, KeptRows.Table before, SchemaSnapshot schemaBefore,
            SchemaSnapshot schemaNow) throws SQLException {
        Optional<KeptRows.Table> now = KeptRows.now(database, before.table(), before.key());
        if (now.isEmpty()) {
            return Optional.empty();
        }
        Set<List<String>> keysNow = now.get().rows().stream().map(now.get()::keyOf).collect(Collectors.toSet());
        List<Map<String, String>> lost = before.rows().stream().filter(row -> !keysNow.contains(before.keyOf(row))).toList();
        Set<String> movedTo = lost.isEmpty() ? Set.of() : movedTo(database, before, lost, schemaBefore, schemaNow);
        return Optional.of(new LostRows(before.table(), lost, before.key(), movedTo));
    }

    /** The same table's lost rows, only these (the keys {@code rows} have), for naming them. */
    LostRows only(List<Map<String, String>> rows) {
        Set<List<String>> keys = rows.stream().map(row -> key.stream().map(row::get).toList()).collect(Collectors.toSet());
        return new LostRows(table, lost.stream().filter(row -> keys.contains(key.stream().map(row::get).toList())).toList(),
                key, Set.of());
    }

    boolean moved() {
        return !movedTo.isEmpty();
    }

    /** {@code name=displayName, realm_id=r1 (value=Example); …; and 3 more}: keys with values, secrets masked. */
    String named() {
        String first = lost.stream().limit(NAMED).map(this::describe).collect(Collectors.joining("; "));
        return first + (lost.size() > NAMED ? "; and " + (lost.size() - NAMED) + " more" : "");
    }

    /** The lost rows' keys only: {@code name=displayName, name=displayNameHtml}. */
    String keys() {
        return lost.stream().limit(NAMED).map(row -> key.stream().map(column -> column + "=" + shown(column, row.get(column)))
                .collect(Collectors.joining(", "))).collect(Collectors.joining("; "))
                + (lost.size() > NAMED ? "; and " + (lost.size() - NAMED) + " more" : "");
    }

    private String describe(Map<String, String> row) {
        String keyText = key.stream().map(column -> column + "=" + shown(column, row.get(column))).collect(Collectors.joining(", "));
        String values = row.entrySet().stream().filter(entry -> !key.contains(entry.getKey()))
                .map(entry -> entry.getKey() + "=" + shown(entry.getKey(), entry.getValue())).collect(Collectors.joining(", "));
        return keyText + (values.isEmpty() ? "" : " (" + values + ")");
    }

    private static String shown(String column, String value) {
        if (value == null) {
            return "NULL";
        }
        if (SECRET_COLUMN.matcher(column).find()) {
            return "***";
        }
        return value.length() > 60 ? value.substring(0, 59) + "…" : value;
    }

    private static Set<String> movedTo(DatabaseEndpoint database, KeptRows.Table before, List<Map<String, String>> lost,
            SchemaSnapshot schemaBefore, SchemaSnapshot schemaNow) throws SQLException {
        Optional<SchemaSnapshot.Table> own = table(schemaBefore, before.table());
        if (own.isEmpty()) {
            return Set.of();
        }
        List<ForeignKey> foreignKeys = own.get().constraints().stream().map(c -> ForeignKey.of(c.definition()))
                .flatMap(Optional::stream).toList();
        Set<String> notPayload = new HashSet<>(before.key());
        foreignKeys.forEach(fk -> notPayload.addAll(fk.columns()));
        Set<String> found = new LinkedHashSet<>();
        for (Map<String, String> row : lost) {
            Map<String, String> payload = new LinkedHashMap<>();
            row.forEach((column, value) -> {
                if (!notPayload.contains(column) && value != null) {
                    payload.put(column, value);
                }
            });
            if (payload.isEmpty()) {
                return Set.of();  // nothing to find: a lost row whose values are only its key is lost
            }
            List<Place> places = places(database, before, row, foreignKeys, schemaBefore, schemaNow);
            for (String value : payload.values()) {
                Optional<String> where = places.stream().map(place -> place.holding(value)).flatMap(Optional::stream).findFirst();
                if (where.isEmpty()) {
                    return Set.of();
                }
                found.add(where.get());
            }
        }
        return found;
    }

    /** Where a lost row's values may have gone: the added columns of the rows it belongs to. */
    private static List<Place> places(DatabaseEndpoint database, KeptRows.Table before, Map<String, String> row,
            List<ForeignKey> foreignKeys, SchemaSnapshot schemaBefore, SchemaSnapshot schemaNow) throws SQLException {
        List<Place> places = new ArrayList<>();
        for (ForeignKey fk : foreignKeys) {
            Optional<SchemaSnapshot.Table> parentBefore = table(schemaBefore, fk.parent());
            Optional<SchemaSnapshot.Table> parentNow = table(schemaNow, fk.parent());
            List<String> values = fk.columns().stream().map(row::get).toList();
            if (parentBefore.isEmpty() || parentNow.isEmpty() || values.contains(null)) {
                continue;
            }
            Set<String> added = columnNames(parentNow.get());
            added.removeAll(columnNames(parentBefore.get()));
            if (!added.isEmpty()) {
                KeptRows.where(database, fk.parent(), fk.parentColumns(), values)
                        .forEach(parent -> places.add(new Place(fk.parent(), added, parent)));
            }
        }
        for (SchemaSnapshot.Table added : schemaNow.tables()) {
            Set<String> columns = columnNames(added);
            if (table(schemaBefore, added.name()).isEmpty() && columns.containsAll(before.key())) {
                Set<String> valueColumns = new LinkedHashSet<>(columns);
                before.key().forEach(valueColumns::remove);
                KeptRows.where(database, added.name(), before.key(), before.keyOf(row))
                        .forEach(same -> places.add(new Place(added.name(), valueColumns, same)));
            }
        }
        return places;
    }

    private static Optional<SchemaSnapshot.Table> table(SchemaSnapshot schema, String name) {
        String bare = name.startsWith("public.") ? name.substring("public.".length()) : name;
        return schema.tables().stream().filter(table -> table.name().equals(bare)).findFirst();
    }

    private static Set<String> columnNames(SchemaSnapshot.Table table) {
        return table.columns().stream().map(SchemaSnapshot.Column::name).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** Columns of one row that a lost value may have moved into. */
    private record Place(String table, Set<String> columns, Map<String, String> row) {

        Optional<String> holding(String value) {
            return columns.stream().filter(column -> value.equals(row.get(column))).findFirst().map(column -> table + "." + column);
        }
    }

    /** A foreign key as {@code pg_get_constraintdef} prints it. */
    private record ForeignKey(List<String> columns, String parent, List<String> parentColumns) {

        static Optional<ForeignKey> of(String definition) {
            Matcher matcher = FOREIGN_KEY.matcher(definition == null ? "" : definition);
            if (!matcher.find()) {
                return Optional.empty();
            }
            return Optional.of(new ForeignKey(names(matcher.group(1)), matcher.group(2).replace("\"", ""),
                    names(matcher.group(3))));
        }

        private static List<String> names(String list) {
            return java.util.Arrays.stream(list.split(",")).map(String::strip).map(name -> name.replace("\"", "")).toList();
        }
    }
}
