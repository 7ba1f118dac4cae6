package dev.tollgate.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.tollgate.system.DatabaseEndpoint;

/** What every reader of this package shares: the reading session, which tables count, and quoting. */
final class Catalog {

    /**
     * Migration tools' own tables by their default names: their content is the migration history, not
     * the service's data. TypeORM's and Laravel's {@code migrations} is left to detection (a snapshot
     * leaves out the history table it found), since a service may well have a table of that name.
     */
    static final Set<String> HISTORY_TABLES = Set.of("flyway_schema_history", "databasechangelog",
            "databasechangeloglock", "_sqlx_migrations", "schema_migrations", "atlas_schema_revisions",
            "django_migrations", "alembic_version", "ar_internal_metadata", "_prisma_migrations", "knex_migrations",
            "knex_migrations_lock", "goose_db_version", "__diesel_schema_migrations", "SequelizeMeta",
            "doctrine_migration_versions", "__EFMigrationsHistory");

    /** Schemas of the service, for a query aliasing pg_namespace as {@code n}. */
    static final String USER_SCHEMA = "n.nspname NOT IN ('pg_catalog', 'information_schema')"
            + " AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'";

    /**
     * Tables of the service, for a query aliasing pg_class as {@code c}: objects an extension created
     * (PostGIS's spatial_ref_sys) belong to the extension, not to a migration.
     */
    static final String USER_TABLE = "c.relkind IN ('r', 'p') AND " + USER_SCHEMA
            + " AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_class'::regclass"
            + " AND e.objid = c.oid AND e.deptype = 'e')";

    private static final String TABLES = "SELECT n.nspname, c.relname FROM pg_class c"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE " + USER_TABLE;

    private static final String COLUMNS = "SELECT a.attname FROM pg_attribute a"
            + " WHERE a.attrelid = ?::regclass AND a.attnum > 0 AND NOT a.attisdropped";

    /** Each column's type, a domain's as its base type's, as {@code format_type} names it ({@code integer[]}). */
    private static final String COLUMN_TYPES = "SELECT a.attname, format_type(CASE WHEN t.typtype = 'd' THEN t.typbasetype"
            + " ELSE a.atttypid END, NULL) FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid"
            + " WHERE a.attrelid = ?::regclass AND a.attnum > 0 AND NOT a.attisdropped";

    private static final String PRIMARY_KEY = "SELECT a.attname FROM pg_index i"
            + " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)"
            + " WHERE i.indrelid = ?::regclass AND i.indisprimary";

    /** A table as PostgreSQL names it. */
    record TableRef(String schema, String name) {

        /** How reports name it: bare in {@code public}, qualified elsewhere. */
        String display() {
            return "public".equals(schema) ? name : schema + "." + name;
        }

        String sql() {
            return quote(schema) + "." + quote(name);
        }

        /** A bare name ignores the table in every schema; a qualified one only in that schema. */
        boolean ignoredBy(Set<String> ignored) {
            return ignored.contains(name) || ignored.contains(schema + "." + name);
        }
    }

    private Catalog() {
    }

    /**
     * A read-only, repeatable-read session: every query of one reading sees the same moment. The
     * settings that shape how values print (time zone, interval style, float digits, bytea format) are
     * fixed so rows hash alike whatever the server's or the JVM's defaults, and the search path holds
     * every schema of the service so PostgreSQL prints names unqualified wherever that is unambiguous.
     */
    static Connection open(DatabaseEndpoint database) throws SQLException {
        return open(database, null);
    }

    /**
     * A reading like {@link #open} that joins another reading's exported snapshot
     * ({@code pg_export_snapshot()}), so both see the same moment.
     */
    static Connection openAt(DatabaseEndpoint database, String snapshot) throws SQLException {
        if (!snapshot.matches("[0-9A-Fa-f-]+")) {
            throw new IllegalArgumentException("not a snapshot id: " + snapshot);
        }
        return open(database, snapshot);
    }

    private static Connection open(DatabaseEndpoint database, String snapshot) throws SQLException {
        // A reading of a step that only reads takes a kept connection; one that joins another's snapshot never does.
        Optional<ReadingSessions> sessions = snapshot == null ? ReadingSessions.bound() : Optional.empty();
        Connection connection = sessions.isPresent() ? sessions.get().connect(database) : database.connect();
        try {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            try (Statement statement = connection.createStatement()) {
                if (snapshot != null) {
                    statement.execute("SET TRANSACTION SNAPSHOT '" + snapshot + "'");  // first in its transaction
                }
                statement.execute("SELECT set_config('TimeZone', 'UTC', true), set_config('IntervalStyle', 'postgres', true),"
                        + " set_config('extra_float_digits', '1', true), set_config('bytea_output', 'hex', true),"
                        + " set_config('search_path',"
                        + " (SELECT coalesce(string_agg(quote_ident(n.nspname), ', ' ORDER BY n.nspname), '')"
                        + " FROM pg_namespace n WHERE " + USER_SCHEMA + "), true)");
            }
            return connection;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** The service's tables, minus the migration tools' and the ignored ones, in name order. */
    static List<TableRef> tables(Connection connection, Set<String> ignored) throws SQLException {
        List<TableRef> tables = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(TABLES)) {
            while (rows.next()) {
                TableRef table = new TableRef(rows.getString(1), rows.getString(2));
                if (!table.ignoredBy(ignored) && !table.ignoredBy(HISTORY_TABLES)) {
                    tables.add(table);
                }
            }
        }
        tables.sort((a, b) -> a.display().compareTo(b.display()));
        return tables;
    }

    /**
     * The table a report calls {@code name} ({@code missions} or {@code app.missions}), or with
     * {@code requiredColumn} the first table of that bare name that has such a column, {@code public}
     * first: tools put their history table in the service's schema, whichever it is.
     */
    static Optional<TableRef> find(Connection connection, String name, String requiredColumn) throws SQLException {
        String sql = TABLES + " AND (c.relname = ? OR n.nspname || '.' || c.relname = ?)"
                + (requiredColumn == null ? "" : " AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid"
                        + " AND a.attname = ? AND a.attnum > 0 AND NOT a.attisdropped)")
                + " ORDER BY n.nspname <> 'public', n.nspname LIMIT 1";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, name);
            statement.setString(2, name);
            if (requiredColumn != null) {
                statement.setString(3, requiredColumn);
            }
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                return Optional.of(new TableRef(rows.getString(1), rows.getString(2)));
            }
        }
    }

    /** The table's columns in name order, so the same set hashes alike whatever order created it. */
    static List<String> columns(Connection connection, TableRef table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(COLUMNS)) {
            statement.setString(1, table.sql());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    columns.add(rows.getString(1));
                }
            }
        }
        columns.sort(null);
        return columns;
    }

    /** The table's columns in name order, each with its type (what {@link ValueHash#of} takes). */
    static Map<String, String> columnTypes(Connection connection, TableRef table) throws SQLException {
        Map<String, String> types = new TreeMap<>();
        try (PreparedStatement statement = connection.prepareStatement(COLUMN_TYPES)) {
            statement.setString(1, table.sql());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    types.put(rows.getString(1), rows.getString(2));
                }
            }
        }
        return types;
    }

    /** Of {@code types} ({@link #columnTypes}), the listed columns', in the order listed. */
    static Map<String, String> only(Map<String, String> types, List<String> columns) {
        Map<String, String> only = new LinkedHashMap<>();
        columns.forEach(column -> only.put(column, types.get(column)));
        return only;
    }

    /** The table's primary key columns in name order; empty when it has none. */
    static List<String> primaryKey(Connection connection, TableRef table) throws SQLException {
        List<String> key = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(PRIMARY_KEY)) {
            statement.setString(1, table.sql());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    key.add(rows.getString(1));
                }
            }
        }
        key.sort(null);
        return key;
    }

    /** Resolves a table a caller named, or explains which names exist. */
    static TableRef require(Connection connection, String name, DatabaseEndpoint database) throws SQLException {
        Optional<TableRef> table = find(connection, name, null);
        if (table.isPresent()) {
            return table.get();
        }
        List<String> known = new ArrayList<>();
        for (TableRef each : tables(connection, Set.of())) {
            known.add(each.display());
        }
        throw new IllegalArgumentException("no table '" + name + "' in " + database + "; its tables are " + known);
    }

    /** Checks that every listed column exists, naming the missing ones and the table's columns. */
    static List<String> requireColumns(Connection connection, TableRef table, List<String> wanted) throws SQLException {
        List<String> existing = columns(connection, table);
        Set<String> missing = new HashSet<>(wanted);
        existing.forEach(missing::remove);
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("table " + table.display() + " has no column " + new TreeSet<>(missing)
                    + "; its columns are " + existing);
        }
        return wanted.isEmpty() ? existing : wanted.stream().distinct().sorted().toList();
    }

    /** An identifier as SQL text: always quoted, embedded quotes doubled, so any name is safe. */
    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
