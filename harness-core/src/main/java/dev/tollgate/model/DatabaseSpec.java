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
 * @param backup   how backups are taken and restored; {@code template} when not given
 * @param clientTools the directory holding {@code pg_dump} and {@code pg_restore}, for the
 *                 {@code pg_dump} strategy; the PATH when not given
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record DatabaseSpec(String name, Integer port, Map<String, String> settings, BackupStrategy backup,
        String clientTools) {

    public DatabaseSpec {
        name = name == null ? "app" : name;
        port = port == null ? 0 : port;
        settings = settings == null ? Map.of() : Map.copyOf(settings);
        backup = backup == null ? BackupStrategy.TEMPLATE : backup;
    }

    public DatabaseSpec(String name, Integer port, Map<String, String> settings) {
        this(name, port, settings, null, null);
    }

    static DatabaseSpec defaults() {
        return new DatabaseSpec(null, null, null, null, null);
    }

    public DatabaseSpec withPort(int other) {
        return new DatabaseSpec(name, other, settings, backup, clientTools);
    }

    public DatabaseSpec withSettings(Map<String, String> other) {
        return new DatabaseSpec(name, port, other, backup, clientTools);
    }

    public DatabaseSpec withBackup(BackupStrategy other) {
        return new DatabaseSpec(name, port, settings, other, clientTools);
    }
}
