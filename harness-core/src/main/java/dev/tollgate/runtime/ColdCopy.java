package dev.tollgate.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.tollgate.api.ErrorCode;
import dev.tollgate.api.TollgateException;

/**
 * The {@code physical} backup of the embedded server: stopped cleanly, its data directory copied
 * file by file, started again with the options it ran with ({@code postmaster.opts}), through the
 * {@code pg_ctl} next to its {@code postgres}. A restore is the same with the copy put back.
 */
final class ColdCopy {

    private static final long TIMEOUT_SECONDS = 60;

    private final Path dataDirectory;
    private final Path logFile;

    ColdCopy(Path dataDirectory, Path logFile) {
        this.dataDirectory = dataDirectory;
        this.logFile = logFile;
    }

    /** The server as {@code postmaster.opts} recorded it: its binary, and its arguments, each in double quotes. */
    private record ServerOptions(Path binary, String arguments) {
    }

    /** Copies the data directory into {@code target} while the server is down. */
    void backupInto(Path target) {
        ServerOptions options = options();
        pgCtl(options, "stop", "-m", "fast");
        try {
            copy(dataDirectory, target);
        } finally {
            start(options);
        }
    }

    /** Puts the copy in {@code source} back as the data directory while the server is down. */
    void restoreFrom(Path source) {
        ServerOptions options = options();
        pgCtl(options, "stop", "-m", "fast");
        try {
            delete(dataDirectory);
            copy(source, dataDirectory);
        } finally {
            start(options);
        }
    }

    private void start(ServerOptions options) {
        // The arguments are quoted as pg_ctl's -o wants them: it passes them on to postgres.
        pgCtl(options, "start", "-l", logFile.toString(), "-o", options.arguments());
    }

    private ServerOptions options() {
        try {
            String opts = Files.readString(dataDirectory.resolve("postmaster.opts"), StandardCharsets.UTF_8).strip();
            int firstSpace = opts.indexOf(' ');
            String binary = firstSpace < 0 ? opts : opts.substring(0, firstSpace);
            String arguments = firstSpace < 0 ? "" : opts.substring(firstSpace + 1);
            return new ServerOptions(Path.of(binary), arguments);
        } catch (IOException e) {
            throw new TollgateException(ErrorCode.RUNTIME_BACKUP_FAILED, "Cannot take a physical backup: the server's"
                    + " options are not in " + dataDirectory.resolve("postmaster.opts") + " (" + e + "). Use backup: template.", e);
        }
    }

    private void pgCtl(ServerOptions options, String... action) {
        Path pgCtl = options.binary().resolveSibling("pg_ctl");
        List<String> command = new java.util.ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            // PostgreSQL refuses to run as root; like the embedded library, run it in a user namespace.
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of(pgCtl.toString(), "-D", dataDirectory.toString(), "-w", "-t", Long.toString(TIMEOUT_SECONDS)));
        command.addAll(List.of(action));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
            if (!process.waitFor(TIMEOUT_SECONDS + 10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new TollgateException(ErrorCode.RUNTIME_BACKUP_FAILED, "pg_ctl " + action[0] + " did not finish within "
                        + TIMEOUT_SECONDS + "s; see " + logFile);
            }
            if (process.exitValue() != 0) {
                throw new TollgateException(ErrorCode.RUNTIME_BACKUP_FAILED, "pg_ctl " + action[0] + " of the embedded"
                        + " PostgreSQL failed with exit code " + process.exitValue() + "; see " + logFile);
            }
        } catch (IOException e) {
            throw new TollgateException(ErrorCode.RUNTIME_BACKUP_FAILED, "Cannot run " + pgCtl + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TollgateException(ErrorCode.RUNTIME_BACKUP_FAILED, "Interrupted during pg_ctl " + action[0], e);
        }
    }

    private static void copy(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (file.getFileName().toString().equals("postmaster.pid")) {
                    continue;  // a stopped server has none; never carry a stale one
                }
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new TollgateException(ErrorCode.RUNTIME_BACKUP_FAILED, "Cannot copy " + from + " to " + to + ": " + e
                    + ". Is there space on that disk?", e);
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                if (!file.equals(directory)) {
                    Files.delete(file);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new TollgateException(ErrorCode.RUNTIME_BACKUP_FAILED, "Cannot empty " + directory + " for the restore: " + e, e);
        }
    }
}
