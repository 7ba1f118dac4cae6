package dev.tollgate.check.data;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.tollgate.check.CheckConfig;

/**
 * What a suite declares about the data of an upgrade.
 *
 * @param preserved  whether a loss or an undeclared change fails the check ({@code false}: reported only);
 *                   append-only tables are enforced either way
 * @param renamed    per table, declared column renames, old name to new name
 * @param appendOnly tables that may only grow: earlier rows stay as they were
 * @param changes    declared expected changes: {@code table} (any column of it) or {@code table.column}
 * @param expected   per table, the rows the upgrade is expected to remove or move ({@code removed:}, {@code moved:})
 */
record DataSettings(boolean preserved, Map<String, Map<String, String>> renamed, Set<String> appendOnly, Set<String> changes,
        Map<String, Expected> expected) {

    static final Set<String> KEYS = Set.of("since", "preserved", "renamed", "appendOnly", "changes", "removed", "moved");

    /**
     * Rows of a table the suite expects the upgrade to take away: those that meet {@code where} (an
     * SQL condition on the table's columns, evaluated on the rows the snapshot kept).
     *
     * @param table  the table
     * @param where  which rows, as SQL ({@code name in ('displayName','displayNameHtml')})
     * @param reason why, for a person reading the verdict ({@code ""} if none given)
     * @param to     for {@code moved:}, where they went ({@code realm.display_name}); empty for {@code removed:}
     */
    record Expected(String table, String where, String reason, List<String> to) {

        String describe() {
            return (to.isEmpty() ? "removed" : "moved to " + String.join(", ", to)) + " as declared (" + where + ")"
                    + (reason.isEmpty() ? "" : ": " + reason);
        }
    }

    static DataSettings read(CheckConfig config) {
        Map<String, Map<String, String>> renamed = new LinkedHashMap<>();
        config.map("renamed").forEach((key, value) -> {
            String column = config.resolve(String.valueOf(key));
            int dot = column.lastIndexOf('.');
            String to = value == null ? "" : config.resolve(String.valueOf(value)).trim();
            if (dot <= 0 || dot == column.length() - 1 || to.isEmpty() || value instanceof Map || value instanceof List) {
                throw config.invalid("renamed", "a map of table.old_column: new_column, like {missions.name: title}",
                        column + ": " + value);
            }
            renamed.computeIfAbsent(column.substring(0, dot), table -> new LinkedHashMap<>()).put(column.substring(dot + 1), to);
        });
        Map<String, Expected> expected = new LinkedHashMap<>();
        for (String key : List.of("removed", "moved")) {
            config.map(key).forEach((table, value) -> {
                Expected declared = expected(config, key, config.resolve(String.valueOf(table)), value);
                if (expected.put(declared.table(), declared) != null) {
                    throw config.invalid(key, "each table under removed: or moved: once", declared.table());
                }
            });
        }
        return new DataSettings(config.bool("preserved", true), renamed, Set.copyOf(config.strings("appendOnly")),
                Set.copyOf(config.strings("changes")), expected);
    }

    /** {@code table: "condition"}, or {@code table: {where: …, reason: …, to: [table.column]}}. */
    private static Expected expected(CheckConfig config, String key, String table, Object value) {
        String shape = key.equals("moved") ? "{where: SQL condition, to: [table.column], reason: why}"
                : "an SQL condition, or {where: SQL condition, reason: why}";
        if (value instanceof Map<?, ?> map) {
            Object where = map.get("where");
            Object to = map.get("to");
            if (where == null || map.keySet().stream().anyMatch(k -> !Set.of("where", "reason", "to").contains(String.valueOf(k)))
                    || (to != null && key.equals("removed"))) {
                throw config.invalid(key, table + ": " + shape, String.valueOf(value));
            }
            List<String> targets = to == null ? List.of() : to instanceof List<?> list
                    ? list.stream().map(item -> config.resolve(String.valueOf(item))).toList() : List.of(config.resolve(String.valueOf(to)));
            if (key.equals("moved") && targets.isEmpty()) {
                throw config.invalid(key, table + ": " + shape, String.valueOf(value));
            }
            return new Expected(table, config.resolve(String.valueOf(where)),
                    map.get("reason") == null ? "" : config.resolve(String.valueOf(map.get("reason"))), targets);
        }
        if (value == null || value instanceof List || key.equals("moved")) {
            throw config.invalid(key, table + ": " + shape, String.valueOf(value));
        }
        return new Expected(table, config.resolve(String.valueOf(value)), "", List.of());
    }

    java.util.Optional<Expected> expected(String table) {
        return java.util.Optional.ofNullable(expected.get(table));
    }

    Map<String, String> renames(String table) {
        return renamed.getOrDefault(table, Map.of());
    }

    boolean appendOnly(String table) {
        return appendOnly.contains(table);
    }

    /** Whether a finding on this table fails the check, or is only reported. */
    boolean enforced(String table) {
        return preserved || appendOnly(table);
    }

    /** Whether the suite expects this column's values to change (or the column to go); never for append-only tables. */
    boolean declared(String table, String column) {
        return !appendOnly(table) && (changes.contains(table) || changes.contains(table + "." + column));
    }

    boolean declared(String table) {
        return !appendOnly(table) && changes.contains(table);
    }
}
