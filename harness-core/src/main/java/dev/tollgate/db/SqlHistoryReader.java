package dev.tollgate.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import dev.tollgate.db.Catalog.TableRef;
import dev.tollgate.model.MigrationsSpec;

/**
 * A history reader that is one query: every tool's table is mapped, in SQL, onto the same five columns
 * (version, description, checksum, installed_on, success), so each tool is described by its table, the
 * columns that identify it, and that query alone.
 *
 * @param table     the tool's default table name; found in whichever of the service's schemas holds it
 * @param columns   the columns the query reads, which a table must have to be this tool's; where tools
 *                  share a table name, the one whose columns match more of the table is chosen
 * @param companion a table the tool keeps beside its history, {@code %s} standing for the history
 *                  table's name (Knex's {@code %s_lock}, Rails' {@code ar_internal_metadata}), or {@code null}
 * @param renamable whether the columns (or companion) are distinctive enough to recognise the table
 *                  under a name the service chose, without being told
 * @param query     the query, with {@code %s} where the quoted, qualified table goes
 */
record SqlHistoryReader(String tool, String table, List<String> columns, String companion, boolean renamable, String query)
        implements HistoryReader {

    SqlHistoryReader {
        Objects.requireNonNull(tool, "tool must not be null");
        columns = List.copyOf(columns);
    }

    SqlHistoryReader(String tool, String table, List<String> columns, String query) {
        this(tool, table, columns, null, false, query);
    }

    /** The reader of a table no built-in reader knows, described by {@code tool: generic} settings. */
    static SqlHistoryReader generic(MigrationsSpec spec) {
        String version = Catalog.quote(spec.versionColumn());
        String order = Catalog.quote(spec.orderBy() == null ? spec.versionColumn() : spec.orderBy());
        String success = spec.successColumn() == null ? "true" : "coalesce(" + Catalog.quote(spec.successColumn()) + "::boolean, true)";
        List<String> columns = new ArrayList<>(List.of(spec.versionColumn()));
        for (String other : new String[] {spec.orderBy(), spec.successColumn()}) {
            if (other != null && !columns.contains(other)) {
                columns.add(other);
            }
        }
        return new SqlHistoryReader(MigrationsSpec.GENERIC, spec.table(), columns, null, false,
                "SELECT " + version + "::text, NULL, NULL, NULL, " + success + " FROM %s ORDER BY " + order);
    }

    /** How sure a match is: the more of the tool's own columns (and its companion) a table has, the surer. */
    int specificity() {
        return columns.size() + (companion == null ? 0 : 1);
    }

    /** The companion table's name beside a history table of this name, or {@code null}. */
    String companionOf(String historyTable) {
        return companion == null ? null : companion.formatted(historyTable);
    }

    /** Whether a table with these columns, in a schema with these tables, is this tool's history. */
    boolean fits(Set<String> tableColumns, String tableName, Set<String> schemaTables) {
        return tableColumns.containsAll(columns) && (companion == null || schemaTables.contains(companionOf(tableName)));
    }

    /** What identified the table, for messages: its columns, and the companion where there is one. */
    List<String> evidence(String tableName) {
        List<String> evidence = new ArrayList<>(columns);
        if (companion != null) {
            evidence.add("table " + companionOf(tableName) + " beside it");
        }
        return evidence;
    }

    @Override
    public boolean present(Connection connection) throws SQLException {
        return HistoryDetector.detect(connection, List.of(this), MigrationsSpec.of(tool), null).found().isPresent();
    }

    @Override
    public MigrationHistory read(Connection connection) throws SQLException {
        HistoryDetection detection = HistoryDetector.detect(connection, List.of(this), MigrationsSpec.of(tool), null);
        return detection.found().isPresent() ? readAt(connection, detection.chosen().table())
                : new MigrationHistory(tool, List.of());
    }

    MigrationHistory readAt(Connection connection, HistoryTable located) throws SQLException {
        List<AppliedMigration> migrations = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(query.formatted(new TableRef(located.schema(), located.name()).sql()))) {
            while (rows.next()) {
                migrations.add(new AppliedMigration(rows.getString(1), rows.getString(2), rows.getString(3),
                        rows.getString(4), rows.getBoolean(5)));
            }
        }
        return new MigrationHistory(tool, migrations);
    }
}
