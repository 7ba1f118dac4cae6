package dev.tollgate.model;

import java.util.List;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * Where a service's migration history is kept, when Tollgate cannot find it by itself: in a profile as
 * the default of every check ({@code database: { migrations: { tool: flyway, table: schema_version,
 * schema: app } }}), or in a {@code migrations} check's settings. Every part is optional: an absent
 * {@code tool} is detected from the table's columns, an absent {@code table} is the tool's own default
 * name, an absent {@code schema} is every schema of the database.
 *
 * @param tool          the migration tool ({@code flyway}, {@code knex}, …), or {@code generic} for a
 *                      table no built-in reader knows, described by the three column settings
 * @param table         the history table's name, when the service renamed it ({@code spring.flyway.table})
 * @param schema        the schema that holds it
 * @param versionColumn for {@code generic}: the column holding each migration's version
 * @param orderBy       for {@code generic}: the column that orders the rows oldest first; the version
 *                      column when not given
 * @param successColumn for {@code generic}: a column that is false for a failed migration; every row
 *                      is a success when not given
 */
@API(status = EXPERIMENTAL, since = "0.2")
public record MigrationsSpec(String tool, String table, String schema, String versionColumn, String orderBy,
        String successColumn) {

    /** The tool name of the reader that {@link #versionColumn} and its companions describe. */
    public static final String GENERIC = "generic";

    /**
     * The tools a profile or check may name, as the readers in {@code db.MigrationHistories} know
     * them (a test holds the two lists equal), and {@link #GENERIC}: here so the loader can check a
     * name without depending on the readers.
     */
    public static final List<String> TOOLS = List.of("flyway", "liquibase", "sqlx", "ecto", "golang-migrate", "atlas",
            "django", "alembic", "rails", "prisma", "typeorm", "knex", "goose", "dbmate", "diesel", "sequelize", "doctrine",
            "laravel", "efcore", GENERIC);

    public MigrationsSpec {
        tool = blankToNull(tool);
        table = blankToNull(table);
        schema = blankToNull(schema);
        versionColumn = blankToNull(versionColumn);
        orderBy = blankToNull(orderBy);
        successColumn = blankToNull(successColumn);
        if (GENERIC.equals(tool) && (table == null || versionColumn == null)) {
            throw new IllegalArgumentException("tool: generic needs table and versionColumn (and optionally orderBy,"
                    + " successColumn), like { tool: generic, table: db_changes, versionColumn: change_no }");
        }
        if (!GENERIC.equals(tool) && (versionColumn != null || orderBy != null || successColumn != null)) {
            throw new IllegalArgumentException("versionColumn, orderBy and successColumn describe a table no built-in"
                    + " reader knows; they need tool: generic" + (tool == null ? "" : ", not tool: " + tool
                    + " (whose table has its own columns)"));
        }
    }

    /** Nothing said: detect the tool and its table in every schema. */
    public static MigrationsSpec detect() {
        return new MigrationsSpec(null, null, null, null, null, null);
    }

    public static MigrationsSpec of(String tool) {
        return new MigrationsSpec(tool, null, null, null, null, null);
    }

    /** Whether nothing was said, so every tool's table is looked for by its default name. */
    public boolean isDetect() {
        return tool == null && table == null && schema == null;
    }

    /**
     * These settings over a profile's defaults: a setting given here wins; the defaults' table and schema
     * only apply to the tool they were given for (a check naming another tool does not inherit them).
     */
    public MigrationsSpec over(MigrationsSpec defaults) {
        if (defaults == null || (tool != null && defaults.tool() != null && !tool.equals(defaults.tool()))) {
            return this;
        }
        String mergedTool = tool != null ? tool : defaults.tool();
        boolean sameGeneric = GENERIC.equals(mergedTool) && GENERIC.equals(defaults.tool());
        return new MigrationsSpec(mergedTool, table != null ? table : defaults.table(), schema != null ? schema : defaults.schema(),
                versionColumn != null || !sameGeneric ? versionColumn : defaults.versionColumn(),
                orderBy != null || !sameGeneric ? orderBy : defaults.orderBy(),
                successColumn != null || !sameGeneric ? successColumn : defaults.successColumn());
    }

    /** {@code tool: flyway, table: schema_version, schema: app}, the settings given, for messages. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        append(text, "tool", tool);
        append(text, "table", table);
        append(text, "schema", schema);
        append(text, "versionColumn", versionColumn);
        append(text, "orderBy", orderBy);
        append(text, "successColumn", successColumn);
        return text.isEmpty() ? "(detect)" : text.toString();
    }

    private static void append(StringBuilder text, String key, String value) {
        if (value != null) {
            text.append(text.isEmpty() ? "" : ", ").append(key).append(": ").append(value);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
