package dev.tollgate.db;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.apiguardian.api.API;

/**
 * A database's migration history as its tool recorded it, in the order the tool applied it.
 *
 * @param tool       {@code flyway}, {@code liquibase}, {@code sqlx}, {@code ecto}, {@code golang-migrate},
 *                   {@code atlas}, or {@code none} when no tool's table was found
 * @param migrations the applied (or failed) migrations, oldest first
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record MigrationHistory(String tool, List<AppliedMigration> migrations) {

    public static final String NO_TOOL = "none";

    public MigrationHistory {
        Objects.requireNonNull(tool, "tool must not be null");
        migrations = List.copyOf(migrations);
    }

    /** The history of a database in which no known tool's table exists. */
    public static MigrationHistory none() {
        return new MigrationHistory(NO_TOOL, List.of());
    }

    /** The migrations the tool recorded as failed. */
    public List<AppliedMigration> failed() {
        return migrations.stream().filter(migration -> !migration.success()).toList();
    }

    /** The newest successfully applied migration that has a version. */
    public Optional<AppliedMigration> newestApplied() {
        for (int i = migrations.size() - 1; i >= 0; i--) {
            AppliedMigration migration = migrations.get(i);
            if (migration.success() && migration.version() != null) {
                return Optional.of(migration);
            }
        }
        return Optional.empty();
    }

    public String toText() {
        if (NO_TOOL.equals(tool)) {
            return "no migration history table found\n";
        }
        StringBuilder text = new StringBuilder(tool).append(": ").append(migrations.size()).append(" migration(s), ")
                .append(failed().size()).append(" failed\n");
        migrations.forEach(migration -> text.append("  ").append(migration.toText()).append('\n'));
        return text.toString();
    }
}
