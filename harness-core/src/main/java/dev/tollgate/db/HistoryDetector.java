package dev.tollgate.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.tollgate.db.HistoryDetection.Match;
import dev.tollgate.model.MigrationsSpec;

/**
 * Finds a migration history table in every schema of a database: by each tool's table name, told
 * apart by columns where tools share a name ({@code schema_migrations}: Ecto, golang-migrate, Rails,
 * dbmate), and failing that by a tool's distinctive columns under a name the service chose
 * (Spring Boot's {@code spring.flyway.table=schema_version}).
 */
final class HistoryDetector {

    private static final String TABLES = "SELECT n.nspname, c.relname, array_agg(a.attname::text ORDER BY a.attnum)"
            + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped"
            + " WHERE " + Catalog.USER_TABLE + " AND (?::text IS NULL OR n.nspname = ?) GROUP BY n.nspname, c.relname";

    private static final String SCHEMAS = "SELECT n.nspname FROM pg_namespace n WHERE " + Catalog.USER_SCHEMA
            + " ORDER BY n.nspname <> 'public', n.nspname";

    private record Table(HistoryTable ref, Set<String> columns) {
    }

    private record Candidate(SqlHistoryReader reader, int order, Match match) {
    }

    private HistoryDetector() {
    }

    /**
     * @param readers the readers to try, in order of preference
     * @param spec    what the settings say: a table name replaces every reader's default, a schema
     *                narrows the search to it
     * @param setting where those settings came from, for messages; {@code null} when nothing was said
     */
    static HistoryDetection detect(Connection connection, List<SqlHistoryReader> readers, MigrationsSpec spec, String setting)
            throws SQLException {
        List<String> schemas = spec.schema() != null ? List.of(spec.schema()) : schemas(connection);
        List<Table> tables = tables(connection, spec.schema());
        Map<String, Set<String>> namesBySchema = new HashMap<>();
        tables.forEach(table -> namesBySchema.computeIfAbsent(table.ref().schema(), schema -> new HashSet<>()).add(table.ref().name()));
        Map<String, String> lookedFor = new LinkedHashMap<>();
        readers.forEach(reader -> lookedFor.put(reader.tool(), spec.table() != null ? spec.table() : reader.table()));

        List<Candidate> found = new ArrayList<>();
        for (Table table : tables) {
            best(readers, table, namesBySchema, lookedFor, false).ifPresent(found::add);
        }
        if (found.isEmpty() && spec.table() == null) {
            for (Table table : tables) {
                best(readers, table, namesBySchema, lookedFor, true).ifPresent(found::add);
            }
        }
        // The service's own schema is usually public; then the tools in order of preference.
        found.sort(Comparator.comparing((Candidate candidate) -> !candidate.match().table().schema().equals("public"))
                .thenComparing(candidate -> candidate.match().table().schema())
                .thenComparingInt(Candidate::order));
        List<Match> matches = found.stream().map(Candidate::match).toList();
        return new HistoryDetection(matches.isEmpty() ? null : matches.get(0), matches.isEmpty() ? List.of()
                : matches.subList(1, matches.size()), schemas, lookedFor, setting);
    }

    /** The reader a detection chose. */
    static SqlHistoryReader readerOf(List<SqlHistoryReader> readers, Match match) {
        return readers.stream().filter(reader -> reader.tool().equals(match.tool())).findFirst().orElseThrow();
    }

    /**
     * The tool whose history this table is: of the readers looking for a table of its name (or, when
     * {@code renamed}, of those recognisable under any name), the one that fits most of its columns.
     */
    private static Optional<Candidate> best(List<SqlHistoryReader> readers, Table table,
            Map<String, Set<String>> namesBySchema, Map<String, String> lookedFor, boolean renamed) {
        String name = table.ref().name();
        Set<String> beside = namesBySchema.getOrDefault(table.ref().schema(), Set.of());
        Candidate best = null;
        List<String> sameName = new ArrayList<>();
        for (int i = 0; i < readers.size(); i++) {
            SqlHistoryReader reader = readers.get(i);
            boolean named = name.equals(lookedFor.get(reader.tool()));
            if (renamed ? named || !reader.renamable() : !named) {
                continue;
            }
            sameName.add(reader.tool());
            if (reader.fits(table.columns(), name, beside) && (best == null || reader.specificity() > best.reader().specificity())) {
                best = new Candidate(reader, i, null);
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        String tool = best.reader().tool();
        List<String> sharedWith = renamed ? List.of() : sameName.stream().filter(other -> !other.equals(tool)).toList();
        return Optional.of(new Candidate(best.reader(), best.order(),
                new Match(tool, table.ref(), best.reader().evidence(name), sharedWith, renamed)));
    }

    private static List<String> schemas(Connection connection) throws SQLException {
        List<String> schemas = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(SCHEMAS); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                schemas.add(rows.getString(1));
            }
        }
        return schemas;
    }

    private static List<Table> tables(Connection connection, String schema) throws SQLException {
        List<Table> tables = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(TABLES)) {
            statement.setString(1, schema);
            statement.setString(2, schema);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String[] columns = (String[]) rows.getArray(3).getArray();
                    tables.add(new Table(new HistoryTable(rows.getString(1), rows.getString(2)), new HashSet<>(Arrays.asList(columns))));
                }
            }
        }
        return tables;
    }
}
