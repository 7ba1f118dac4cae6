package dev.tollgate.runtime.compose;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.tollgate.api.ErrorCode;
import dev.tollgate.api.TollgateException;
import dev.tollgate.runtime.BaselineDumps;
import dev.tollgate.runtime.DumpArchive;

/**
 * What Tollgate does inside the database container, with PostgreSQL's own tools run by exec: empty
 * a database, dump it with {@code pg_dump -Fc}, put it back with {@code pg_restore}, restore the dump
 * an install starts from. The dumps stay
 * in the container, next to the server that made them; they go with the container at the end.
 * Works on the official postgres image and on Tollgate's own (both trust the local socket).
 */
final class PostgresContainer {

    private static final Duration TIMEOUT = Duration.ofMinutes(10);
    private static final String DUMPS = "/tmp/tollgate-backups";
    /** A production-sized dump: the install step's own timeout: is what the operator sets. */
    private static final Duration RESTORE_TIMEOUT = Duration.ofHours(6);
    private static final String BASELINE = "/tmp/tollgate-baseline";

    private final ContainerExec docker;
    private final String container;
    private final String user;

    PostgresContainer(DockerEngine docker, String container, String user) {
        this.docker = new ContainerExec(docker);
        this.container = container;
        this.user = user;
    }

    /** Drops {@code database} (closing its connections) and creates it empty. */
    void recreate(String database) {
        psql("DROP DATABASE IF EXISTS " + quote(database) + " WITH (FORCE)");
        psql("CREATE DATABASE " + quote(database));
    }

    void create(String database) {
        psql("CREATE DATABASE " + quote(database));
    }

    /** {@code pg_dump -Fc} of {@code database} into a file in the container; returns that file and its size. */
    String dump(String database, String name) {
        String file = DUMPS + "/" + name + ".dump";
        run("backup", List.of("sh", "-c", "mkdir -p " + DUMPS + " && pg_dump -Fc -U \"$1\" -d \"$2\" -f \"$3\" && wc -c < \"$3\"",
                "pg_dump", user, database, file));
        return file;
    }

    /** Replaces {@code database} with the dump in {@code file}, by {@code pg_restore}. */
    void restore(String database, String file) {
        recreate(database);
        run("restore", List.of("pg_restore", "--exit-on-error", "--no-owner", "-U", user, "-d", database, file));
    }

    /** The major release of the container's {@code pg_restore}; empty when it has none that answers. */
    java.util.OptionalInt pgRestoreMajor() {
        ContainerExec.Result result = docker.exec(container, "postgres", List.of("pg_restore", "--version"), null,
                Duration.ofSeconds(30));
        return result.exitCode() == 0 ? DumpArchive.pgRestoreMajor(result.stdout()) : java.util.OptionalInt.empty();
    }

    /**
     * Fails, before anything is restored, when the container's {@code pg_restore} cannot read
     * {@code archive}: the run's early check could not ask it, since the container did not run yet.
     *
     * @param at      the install step's position and ": ", to start the message with
     * @param service     the compose service of this container, to name
     * @param composeFile its compose file, to name in the fix
     */
    void requirePgRestoreFor(DumpArchive archive, String at, String service, java.nio.file.Path composeFile) {
        if (archive.format() == DumpArchive.Format.PLAIN) {
            return;
        }
        int found = pgRestoreMajor().orElseThrow(() -> new TollgateException(ErrorCode.LOAD_BASELINE_INVALID, at + "restoring "
                + archive.path() + " needs pg_restore in the database container, and it has none that answers"
                + " pg_restore --version. Run service " + service + " on a PostgreSQL image in " + composeFile));
        BaselineDumps.tooNew(archive, found, "in the database container, service " + service, "Run service " + service
                + " on a PostgreSQL " + archive.oldestPgRestore() + " image in " + composeFile).ifPresent(problem -> {
                    throw new TollgateException(ErrorCode.LOAD_BASELINE_INVALID, at + problem);
                });
    }

    /**
     * Replaces {@code database} with the dump an install starts from: copied into the container
     * through the API (an engine elsewhere sees none of this machine's files), restored there as
     * {@link DumpArchive#restoreCommand} says, as this container's database user, and removed again.
     */
    void restoreBaseline(String database, DumpArchive archive) {
        recreate(database);
        run("restore", List.of("mkdir", "-p", BASELINE));
        RuntimeException failed = null;
        try {
            docker.copyInto(container, archive.path(), BASELINE);
            // Readable by the server's user whatever the file's mode was here; root's, since the copy is root's.
            docker.exec(container, "root", List.of("chmod", "-R", "a+rX", BASELINE), null, TIMEOUT);
            List<String> command = new ArrayList<>(archive.restoreCommand(BASELINE + "/" + archive.path().getFileName(), database));
            command.add(1, "--username=" + user);
            run("install from " + archive.path(), command, ErrorCode.RUNTIME_BASELINE_FAILED, RESTORE_TIMEOUT);
        } catch (RuntimeException e) {
            failed = e;
            throw e;
        } finally {
            try {
                docker.exec(container, "root", List.of("rm", "-rf", BASELINE), null, TIMEOUT);
            } catch (RuntimeException cleanup) {
                // The restore's own error is what the user must read; the cleanup's goes with it.
                if (failed == null) {
                    throw cleanup;
                }
                failed.addSuppressed(cleanup);
            }
        }
    }

    private void psql(String sql) {
        run("database", List.of("psql", "-v", "ON_ERROR_STOP=1", "-U", user, "-d", "postgres", "-c", sql));
    }

    private String run(String what, List<String> command) {
        return run(what, command, ErrorCode.RUNTIME_BACKUP_FAILED, TIMEOUT);
    }

    private String run(String what, List<String> command, ErrorCode code, Duration timeout) {
        ContainerExec.Result result = docker.exec(container, "postgres", command, null, timeout);
        if (result.exitCode() != 0) {
            List<String> shown = new ArrayList<>(command);
            throw new TollgateException(code, what + ": '" + String.join(" ", shown)
                    + "' in the database container " + container + " failed with exit code " + result.exitCode() + ": "
                    + (result.stderr() + result.stdout()).strip());
        }
        return result.stdout().strip();
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
