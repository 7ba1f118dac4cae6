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
import dev.tollgate.system.DatabaseEndpoint;

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

    /**
     * Restores the dump an install starts from into {@code database}, which must exist and be empty,
     * as {@link DumpArchive#restoreCommand} says.
     */
    static void restoreBaseline(DatabaseEndpoint database, DumpArchive archive, String toolsDir) {
        run(database, toolsDir, archive.restoreCommand(archive.path().toString(), database.name()),
                "restore the " + archive.describe() + " " + archive.path() + " into " + database.name(),
                ErrorCode.RUNTIME_BASELINE_FAILED, "Restoring a dump (install from:)", "");
    }

    /**
     * The major release of the {@code pg_restore} a restore would run ({@code 15} for 15.18), from
     * its {@code --version}; empty when there is none to run.
     */
    static java.util.OptionalInt pgRestoreMajor(String toolsDir) {
        String tool = tool(toolsDir, "pg_restore");
        try {
            Process process = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return java.util.OptionalInt.empty();
            }
            return DumpArchive.pgRestoreMajor(output);
        } catch (IOException e) {
            return java.util.OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.OptionalInt.empty();
        }
    }

    private static void run(DatabaseEndpoint database, String toolsDir, List<String> tool, String what) {
        run(database, toolsDir, tool, what, ErrorCode.RUNTIME_BACKUP_FAILED, "The pg_dump backup strategy",
                ", or set database: backup: template");
    }

    /** The client tool to run: {@code name} from the PATH, or from {@code toolsDir} when one is named. */
    private static String tool(String toolsDir, String name) {
        return toolsDir == null || toolsDir.isBlank() ? name : Path.of(toolsDir, name).toString();
    }

    /**
     * @param needs     what needs the client tools, to start the sentence saying so
     * @param otherwise another way out than installing them, to end the fix with (empty: none)
     */
    private static void run(DatabaseEndpoint database, String toolsDir, List<String> tool, String what, ErrorCode code,
            String needs, String otherwise) {
        List<String> command = new ArrayList<>(tool);
        command.set(0, tool(toolsDir, tool.get(0)));
        command.addAll(1, List.of("--host=" + database.host(), "--port=" + database.port(), "--username=" + database.user(),
                "--no-password"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // The password goes by environment, never on a command line others can read in ps.
        builder.environment().put("PGPASSWORD", database.password() == null ? "" : database.password());
        Process process;
        Path output;
        try {
            output = Files.createTempFile("tollgate-" + tool.get(0), ".log");
        } catch (IOException e) {
            throw new TollgateException(ErrorCode.RUNTIME_IO, "Cannot " + what + ": no temporary file for "
                    + tool.get(0) + "'s output (" + e.getMessage() + ")", e);
        }
        try {
            builder.redirectOutput(output.toFile());
            process = builder.start();
        } catch (IOException e) {
            deleteQuietly(output);  // a tool that never started left an empty file behind, one per attempt
            throw new TollgateException(code, "Cannot " + what + ": " + command.get(0)
                    + (toolsDir == null || toolsDir.isBlank() ? " is not on the PATH" : " cannot be run") + " (" + e.getMessage()
                    + "). " + needs + " needs PostgreSQL's client tools: install them (Debian: apt-get install"
                    + " postgresql-client), name their directory with database: clientTools: in the profile"
                    + otherwise + ".", e);
        }
        try {
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new TollgateException(code, "Cannot " + what + ": " + tool.get(0)
                        + " did not finish within " + TIMEOUT_MINUTES + " minutes.");
            }
            if (process.exitValue() != 0) {
                throw new TollgateException(code, "Cannot " + what + ": " + tool.get(0)
                        + " exited with " + process.exitValue() + ": " + Files.readString(output, StandardCharsets.UTF_8).strip());
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new TollgateException(code, "Interrupted while trying to " + what, e);
        } catch (IOException e) {
            throw new TollgateException(ErrorCode.RUNTIME_IO, "Cannot read the output of " + tool.get(0) + ": " + e, e);
        } finally {
            deleteQuietly(output);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temp file left behind is not worth failing a backup over
        }
    }
}
