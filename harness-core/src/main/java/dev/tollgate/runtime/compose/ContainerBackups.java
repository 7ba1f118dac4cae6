package dev.tollgate.runtime.compose;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.tollgate.api.ErrorCode;
import dev.tollgate.api.TollgateException;

/**
 * The named backups a suite takes on compose: {@code pg_dump -Fc} files in the database container,
 * next to the server that made them, by the name the suite gave each.
 */
final class ContainerBackups {

    private final PostgresContainer postgres;
    private final String database;
    private final Map<String, String> files = new LinkedHashMap<>();

    ContainerBackups(PostgresContainer postgres, String database) {
        this.postgres = postgres;
        this.database = database;
    }

    /** Dumps the database under {@code name}; a name taken again is replaced. */
    synchronized void take(String name) {
        files.put(name, postgres.dump(database, "backup-" + files.size()));
    }

    /**
     * Replaces the database with the backup {@code name}; the release must be stopped.
     *
     * @throws TollgateException {@link ErrorCode#RUNTIME_UNKNOWN_BACKUP} naming the backups taken, when none has that name
     */
    synchronized void restore(String name) {
        postgres.restore(database, fileOf(name));
    }

    /** Fails, naming the backups taken, when none has that name. */
    synchronized String fileOf(String name) {
        String file = files.get(name);
        if (file == null) {
            throw dev.tollgate.runtime.UnknownBackup.named(name, files.keySet());
        }
        return file;
    }
}
