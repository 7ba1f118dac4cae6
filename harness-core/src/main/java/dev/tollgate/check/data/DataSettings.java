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
 */
record DataSettings(boolean preserved, Map<String, Map<String, String>> renamed, Set<String> appendOnly, Set<String> changes) {

    static final Set<String> KEYS = Set.of("since", "preserved", "renamed", "appendOnly", "changes");

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
        return new DataSettings(config.bool("preserved", true), renamed, Set.copyOf(config.strings("appendOnly")),
                Set.copyOf(config.strings("changes")));
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
