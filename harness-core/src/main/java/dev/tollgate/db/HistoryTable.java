package dev.tollgate.db;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Objects;

import org.apiguardian.api.API;

/**
 * A migration history table as PostgreSQL names it.
 *
 * @param schema the schema holding it
 * @param name   the table's name, case as stored ({@code __EFMigrationsHistory})
 */
@API(status = INTERNAL, since = "0.2")
public record HistoryTable(String schema, String name) {

    public HistoryTable {
        Objects.requireNonNull(schema, "schema must not be null");
        Objects.requireNonNull(name, "name must not be null");
    }

    /** {@code app.schema_version}: always qualified, since which schema was chosen is the point. */
    @Override
    public String toString() {
        return schema + "." + name;
    }
}
