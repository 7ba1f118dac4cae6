package dev.tollgate.runtime;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.tollgate.api.ErrorCode;
import dev.tollgate.api.TollgateException;
import dev.tollgate.model.BackupStrategy;
import dev.tollgate.model.Profile;

/**
 * The local runtime's backups of the embedded database (and the profile's {@code state:} files), by
 * name, and their restores, with the profile's strategy: {@code template} clones the database with
 * {@code CREATE DATABASE … TEMPLATE}, which needs a quiet database; {@code physical} copies the
 * stopped server's data directory; {@code pg_dump} dumps it in custom format while the service runs.
 * Files are copied while the service is stopped, so none is caught half written. Stopping the
 * service is the caller's ({@code quiet}): it knows what runs and what to start again.
 */
final class LocalBackups {

    private final Profile profile;
    private final BackupStrategy strategy;
    private final EmbeddedDatabase database;
    private final BackupDirectory directory;
    private final StateCopies stateCopies;
    private final Progress progress;
    private final Map<String, String> backups = new LinkedHashMap<>();

    LocalBackups(Profile profile, EmbeddedDatabase database, BackupDirectory directory, StateCopies stateCopies, Progress progress) {
        this.profile = profile;
        this.strategy = profile.database().backupOn("local");
        this.database = database;
        this.directory = directory;
        this.stateCopies = stateCopies;
        this.progress = progress;
    }

    /**
     * Takes backup {@code name}; runs {@code quiet} (stops the service) first where the copy needs it.
     *
     * @return whether it ran {@code quiet}
     */
    boolean take(String name, Runnable quiet) {
        long started = System.nanoTime();
        boolean stopped = strategy != BackupStrategy.PG_DUMP || !stateCopies.isEmpty();
        if (strategy == BackupStrategy.PG_DUMP) {
            Path file = directory.file("backup-" + backups.size() + ".dump");
            try {
                PgDumpTool.dump(database.serviceEndpoint(), file, profile.database().clientTools());
            } catch (TollgateException e) {
                throw database.answers() ? directory.explain(e) : serverStoppedDuringTheBackup(e);
            }
            backups.put(name, file.toString());
            if (stopped) {
                quiet.run();
            }
        } else {
            quiet.run();
            if (strategy == BackupStrategy.PHYSICAL) {
                Path copy = directory.file("backup-" + backups.size() + "-pgdata");
                try {
                    database.coldCopy().backupInto(copy);
                } catch (TollgateException e) {
                    throw directory.explain(e);
                }
                backups.put(name, copy.toString());
            } else {
                String copy = "tollgate_backup_" + backups.size();
                database.cloneInto(copy);
                backups.put(name, copy);
            }
        }
        stateCopies.backup(name);
        progress.report(String.format("backup '%s' taken with %s%s in %.1fs", name, strategy.key(), stateNames(),
                (System.nanoTime() - started) / 1e9));
        return stopped;
    }

    /** Puts the database (and state files) back as backup {@code name} left them; runs {@code quiet} first. */
    void restore(String name, Runnable quiet) {
        String copy = backups.get(name);
        if (copy == null) {
            throw UnknownBackup.named(name, backups.keySet());
        }
        quiet.run();
        long started = System.nanoTime();
        if (strategy == BackupStrategy.PG_DUMP) {
            database.recreate();
            PgDumpTool.restore(database.serviceEndpoint(), Path.of(copy), profile.database().clientTools());
        } else if (strategy == BackupStrategy.PHYSICAL) {
            database.coldCopy().restoreFrom(Path.of(copy));
        } else {
            database.replaceFrom(copy);
        }
        stateCopies.restore(name);
        progress.report(String.format("database restored from backup '%s' with %s%s in %.1fs", name,
                strategy.key(), stateNames(), (System.nanoTime() - started) / 1e9));
    }

    /** {@code , and state store, hostkeys} for the progress lines of backups and restores. */
    private String stateNames() {
        return profile.state().isEmpty() ? "" : ", and state " + String.join(", ", profile.state().keySet());
    }

    /** A server that went away under a backup: the machine's fault, so said first, with where to look. */
    private TollgateException serverStoppedDuringTheBackup(TollgateException failure) {
        String first = String.valueOf(failure.getMessage()).lines().findFirst().orElse("");
        return new TollgateException(ErrorCode.RUNTIME_BACKUP_FAILED, "The database server stopped during the backup"
                + ", so it could not be taken: this is the machine's fault, not the release's. See why it stopped in "
                + database.logFile() + " (killed, out of memory, disk full), then run again. " + first, failure);
    }
}
