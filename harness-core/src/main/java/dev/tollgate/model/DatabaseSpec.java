package dev.tollgate.model;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Map;

import org.apiguardian.api.API;

/**
 * The service's database.
 *
 * @param name     the database the service uses
 * @param port     the port PostgreSQL listens on, on loopback; {@code 0} picks a free one
 * @param settings extra PostgreSQL server settings ({@code -c key=value}) for the embedded server
 * @param backup   how backups are taken and restored; absent when not given, which is the runtime's own way
 *                 (see {@link #backupOn(String)})
 * @param clientTools the directory holding {@code pg_dump} and {@code pg_restore}, for the
 *                 {@code pg_dump} strategy; the PATH when not given
 * @param backupDir where the {@code pg_dump} and {@code physical} strategies of the local runtime
 *                 write their backups (in a subdirectory per run, deleted when the run ends), e.g. a
 *                 disk with room for them; relative to the profile's directory; the run's scratch
 *                 directory when not given
 * @param migrations where the service's migration history is kept, as every check's default
 *                 ({@code migrations: { tool: flyway, table: schema_version, schema: app }}); detected
 *                 in every schema when not given
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record DatabaseSpec(String name, Integer port, Map<String, String> settings, BackupStrategy backup,
        String clientTools, String backupDir, MigrationsSpec migrations) {

    public DatabaseSpec {
        name = name == null ? "app" : name;
        port = port == null ? 0 : port;
        settings = settings == null ? Map.of() : Map.copyOf(settings);
        migrations = migrations == null ? MigrationsSpec.detect() : migrations;
    }

    public DatabaseSpec(String name, Integer port, Map<String, String> settings, BackupStrategy backup,
            String clientTools, String backupDir) {
        this(name, port, settings, backup, clientTools, backupDir, null);
    }

    public DatabaseSpec(String name, Integer port, Map<String, String> settings) {
        this(name, port, settings, null, null, null);
    }

    public DatabaseSpec(String name, Integer port, Map<String, String> settings, BackupStrategy backup, String clientTools) {
        this(name, port, settings, backup, clientTools, null);
    }

    /**
     * How a runtime backs up: what the profile asked for, else {@code template} on {@code local} and
     * {@code pg_dump} elsewhere. Kept absent in the record so a compose profile that asks for a
     * strategy only {@code local} has is refused rather than silently run another way.
     */
    public BackupStrategy backupOn(String runtime) {
        if (backup != null) {
            return backup;
        }
        return runtime.equals("local") ? BackupStrategy.TEMPLATE : BackupStrategy.PG_DUMP;
    }

    static DatabaseSpec defaults() {
        return new DatabaseSpec(null, null, null, null, null, null, null);
    }

    public DatabaseSpec withPort(int other) {
        return new DatabaseSpec(name, other, settings, backup, clientTools, backupDir, migrations);
    }

    public DatabaseSpec withSettings(Map<String, String> other) {
        return new DatabaseSpec(name, port, other, backup, clientTools, backupDir, migrations);
    }

    public DatabaseSpec withBackup(BackupStrategy other) {
        return new DatabaseSpec(name, port, settings, other, clientTools, backupDir, migrations);
    }

    public DatabaseSpec withMigrations(MigrationsSpec other) {
        return new DatabaseSpec(name, port, settings, backup, clientTools, backupDir, other);
    }

    public DatabaseSpec withBackupDir(String other) {
        return new DatabaseSpec(name, port, settings, backup, clientTools, other, migrations);
    }
}
