package dev.tollgate.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.tollgate.api.ErrorCode;
import dev.tollgate.api.TollgateException;

/**
 * {@code pg_dump -Fc} and {@code pg_restore} from the PATH, against a database the harness reaches:
 * the backup operators take, consistent while the service keeps running. The embedded binaries have
 * neither, so this needs PostgreSQL's client tools installed (Debian: {@code postgresql-client}),
 * of the server's major version or newer.
 */
final class PgDumpTool {

    private static final long TIMEOUT_MINUTES = 30;

    private PgDumpTool() {
    }

    static void dump(DatabaseEndpoint database, Path file, String toolsDir) {
        run(database, toolsDir, List.of("pg_dump", "--format=custom", "--no-owner", "--file=" + file, "--dbname=" + database.name()),
                "back up " + database.name() + " into " + file);
    }

    /** Restores into {@code database}, which must exist and be empty. */
    static void restore(DatabaseEndpoint database, Path file, String toolsDir) {
        run(database, toolsDir, List.of("pg_restore", "--no-owner", "--exit-on-error", "--dbname=" + database.name(), file.toString()),
                "restore " + file + " into " + database.name());
    }

    private static void run(DatabaseEndpoint database, String toolsDir, List<String> tool, String what) {
        List<String> command = new ArrayList<>(tool);
        if (toolsDir != null && !toolsDir.isBlank()) {
            command.set(0, Path.of(toolsDir, tool.get(0)).toString());
        }
        command.addAll(1, List.of("--host=" + database.host(), "--port=" + database.port(), "--username=" + database.user(),
                "--no-password"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // The password goes by environment, never on a command line others can read in ps.
        builder.environment().put("PGPASSWORD", database.password() == null ? "" : database.password());
        Process process;
        Path output;
        try {
            output = Files.createTempFile("tollgate-" + tool.get(0), ".log");
            builder.redirectOutput(output.toFile());
            process = builder.start();
        } catch (IOException e) {
            throw new TollgateException(ErrorCode.RUNTIME_BACKUP_FAILED, "Cannot " + what + ": " + command.get(0)
                    + (toolsDir == null || toolsDir.isBlank() ? " is not on the PATH" : " cannot be run") + " (" + e.getMessage()
                    + "). The pg_dump backup strategy needs PostgreSQL's client tools: install them (Debian: apt-get install"
                    + " postgresql-client), name their directory with database: clientTools: in the profile, or set"
                    + " database: backup: template.", e);
        }
        try {
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new TollgateException(ErrorCode.RUNTIME_BACKUP_FAILED, "Cannot " + what + ": " + tool.get(0)
                        + " did not finish within " + TIMEOUT_MINUTES + " minutes.");
            }
            if (process.exitValue() != 0) {
                throw new TollgateException(ErrorCode.RUNTIME_BACKUP_FAILED, "Cannot " + what + ": " + tool.get(0)
                        + " exited with " + process.exitValue() + ": " + Files.readString(output, StandardCharsets.UTF_8).strip());
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new TollgateException(ErrorCode.RUNTIME_BACKUP_FAILED, "Interrupted while trying to " + what, e);
        } catch (IOException e) {
            throw new TollgateException(ErrorCode.RUNTIME_IO, "Cannot read the output of " + tool.get(0) + ": " + e, e);
        } finally {
            try {
                Files.deleteIfExists(output);
            } catch (IOException ignored) {
                // a temp file left behind is not worth failing a backup over
            }
        }
    }
}
