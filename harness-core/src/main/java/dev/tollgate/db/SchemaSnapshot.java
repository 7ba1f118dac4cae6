package dev.tollgate.db;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.apiguardian.api.API;

import dev.tollgate.system.DatabaseEndpoint;

/**
 * The shape of a database's schemas (all but {@code pg_catalog}, {@code information_schema} and
 * {@code pg_toast*}): tables with their columns, constraints and indexes, sequences and views.
 * Everything is kept in name order and column positions do not count, so two databases built the
 * same way compare equal whatever order created their columns, and {@link #toText()} renders them
 * alike, line for line.
 *
 * <p>Tables are named bare in {@code public} and {@code schema.table} elsewhere. Migration tools'
 * history tables ({@link #HISTORY_TABLES}) are left out: they are read as {@link MigrationHistory}.
 *
 * @param tables    the tables, in name order
 * @param sequences the sequences, in name order
 * @param views     views and materialized views, in name order
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record SchemaSnapshot(List<Table> tables, List<Sequence> sequences, List<View> views) {

    /** The history tables of Flyway, Liquibase, sqlx, Ecto, golang-migrate and Atlas. */
    public static final Set<String> HISTORY_TABLES = Catalog.HISTORY_TABLES;

    public SchemaSnapshot {
        tables = sorted(tables, Table::name);
        sequences = sorted(sequences, Sequence::name);
        views = sorted(views, View::name);
    }

    /**
     * Reads the schema as it is now.
     *
     * @param ignoredTables tables to leave out: a bare name in any schema, {@code schema.table} in one
     */
    public static SchemaSnapshot read(DatabaseEndpoint database, Set<String> ignoredTables) throws SQLException {
        Objects.requireNonNull(database, "database must not be null");
        Objects.requireNonNull(ignoredTables, "ignoredTables must not be null");
        try (Connection connection = Catalog.open(database)) {
            return read(connection, ignoredTables);
        }
    }

    static SchemaSnapshot read(Connection connection, Set<String> ignoredTables) throws SQLException {
        return new SchemaReader(connection, ignoredTables).read();
    }

    public Optional<Table> table(String name) {
        return tables.stream().filter(table -> table.name().equals(name)).findFirst();
    }

    /** One line per column, constraint, index and sequence; view definitions indented below their name. */
    public String toText() {
        List<String> lines = new ArrayList<>();
        for (Table table : tables) {
            lines.add("table " + table.name());
            table.lines().forEach(line -> lines.add("  " + line));
        }
        sequences.forEach(sequence -> lines.add("sequence " + sequence.name() + " " + sequence.definition()));
        for (View view : views) {
            lines.add(view.label() + " " + view.name());
            view.definition().lines().forEach(line -> lines.add("    " + line));
        }
        return lines.isEmpty() ? "(no tables, sequences or views)\n" : String.join("\n", lines) + "\n";
    }

    /** A table: columns, constraints and indexes, each in name order. */
    @API(status = EXPERIMENTAL, since = "0.1")
    public record Table(String name, List<Column> columns, List<Constraint> constraints, List<Index> indexes) {

        public Table {
            Objects.requireNonNull(name, "name must not be null");
            columns = sorted(columns, Column::name);
            constraints = sorted(constraints, Constraint::name);
            indexes = sorted(indexes, Index::name);
        }

        public Optional<Column> column(String columnName) {
            return columns.stream().filter(column -> column.name().equals(columnName)).findFirst();
        }

        /** The table's content as {@link SchemaSnapshot#toText()} lists it under the table's name. */
        List<String> lines() {
            List<String> lines = new ArrayList<>();
            columns.forEach(column -> lines.add(column.name() + " " + column.definition()));
            constraints.forEach(constraint -> lines.add("constraint " + constraint.name() + " " + constraint.definition()));
            indexes.forEach(index -> lines.add("index " + index.name() + " " + index.definition()));
            return lines;
        }
    }

    /**
     * A column. Its position is recorded for the curious but is not part of equality: a column added
     * by an upgrade comes last, while a clean install may create it in the middle, and both are the
     * same schema for every statement that names its columns.
     *
     * @param type         as {@code format_type} prints it ({@code character varying(80)})
     * @param defaultValue the default expression, or the {@code GENERATED …} clause of an identity or
     *                     generated column; {@code null} when there is none
     * @param position     the ordinal position ({@code attnum}), ignored by {@link #equals(Object)}
     */
    @API(status = EXPERIMENTAL, since = "0.1")
    public record Column(String name, String type, boolean nullable, String defaultValue, int position) {

        public Column {
            Objects.requireNonNull(name, "name must not be null");
            Objects.requireNonNull(type, "type must not be null");
        }

        /** {@code integer NOT NULL DEFAULT 3}: the column as a diff shows it. */
        public String definition() {
            String text = type + (nullable ? " NULL" : " NOT NULL");
            if (defaultValue == null) {
                return text;
            }
            return text + (defaultValue.startsWith("GENERATED ") ? " " : " DEFAULT ") + defaultValue;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Column column && name.equals(column.name) && type.equals(column.type)
                    && nullable == column.nullable && Objects.equals(defaultValue, column.defaultValue);
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, type, nullable, defaultValue);
        }
    }

    /**
     * A primary key, unique, foreign key, check or exclusion constraint.
     *
     * @param type       {@code PRIMARY KEY}, {@code UNIQUE}, {@code FOREIGN KEY}, {@code CHECK} or {@code EXCLUDE}
     * @param definition as {@code pg_get_constraintdef} prints it, which starts with the type
     */
    @API(status = EXPERIMENTAL, since = "0.1")
    public record Constraint(String name, String type, String definition) {
    }

    /**
     * An index that no constraint owns (a primary key's or unique constraint's index is the constraint).
     *
     * @param definition as {@code pg_get_indexdef} prints it, without the table's schema
     */
    @API(status = EXPERIMENTAL, since = "0.1")
    public record Index(String name, String definition) {

        public boolean unique() {
            return definition.startsWith("CREATE UNIQUE INDEX ");
        }
    }

    /** A sequence: its type and step; its current value is data, not schema. */
    @API(status = EXPERIMENTAL, since = "0.1")
    public record Sequence(String name, String dataType, long increment) {

        public String definition() {
            return dataType + " INCREMENT " + increment;
        }
    }

    /** A view or materialized view, with its query as {@code pg_get_viewdef} prints it. */
    @API(status = EXPERIMENTAL, since = "0.1")
    public record View(String name, boolean materialized, String definition) {

        String label() {
            return materialized ? "materialized view" : "view";
        }
    }

    private static <T> List<T> sorted(List<T> items, Function<T, String> name) {
        return items.stream().sorted(Comparator.comparing(name)).toList();
    }
}
