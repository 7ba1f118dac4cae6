package dev.tollgate.runtime;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

import org.apiguardian.api.API;

import dev.tollgate.api.Hints;
import dev.tollgate.api.ErrorCode;
import dev.tollgate.api.TollgateException;

/**
 * The scratch directory of one run (database files, backups). It is always deleted when the run
 * ends, also after a failure or Ctrl-C; evidence worth keeping is written elsewhere.
 */
@API(status = INTERNAL, since = "0.1")
public final class RunDirectory implements AutoCloseable {

    private static final String PREFIX = "tollgate-";
    /** Which JVM a run directory belongs to: its pid and start time. */
    static final String OWNER = ".tollgate-run-owner";

    private final Path path;

    private RunDirectory(Path path) {
        this.path = path;
    }

    public static RunDirectory create(Path parent) {
        try {
            Files.createDirectories(parent);
            sweepAbandoned(parent);
            Path path = Files.createTempDirectory(parent, PREFIX);
            ProcessHandle self = ProcessHandle.current();
            Files.writeString(path.resolve(OWNER), self.pid() + " " + startedMillis(self));
            return new RunDirectory(path);
        } catch (IOException e) {
            throw new TollgateException(ErrorCode.RUNTIME_IO, "Cannot create a scratch directory in " + parent
                    + ": " + e + ". Make it writable or choose another with " + Hints.setting("tollgate.work.dir", "DIR") + ".", e);
        }
    }

    /**
     * Run directories whose run was killed (SIGKILL, a JVM crash: no shutdown hook ran), with the
     * database servers still running on them: each is ended and the directory deleted. A directory
     * is only ever judged by its owner file (the JVM's pid and start time, so a reused pid is not
     * taken for the owner), so nothing else in a shared parent such as {@code /tmp} is touched.
     */
    static void sweepAbandoned(Path parent) {
        try (java.util.stream.Stream<Path> entries = Files.list(parent)) {
            for (Path run : entries.filter(path -> path.getFileName().toString().startsWith(PREFIX)).toList()) {
                if (abandoned(run.resolve(OWNER))) {
                    Stragglers.endProcessesUsing(run, java.time.Duration.ofSeconds(5));
                    deleteRecursively(run);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // another run's clean-up got there first, or the parent cannot be listed: nothing to sweep
        }
    }

    private static boolean abandoned(Path owner) {
        String[] recorded;
        try {
            recorded = Files.readString(owner).strip().split(" ");
        } catch (IOException e) {
            return false;  // no owner file: not a run directory, or one being made
        }
        try {
            long pid = Long.parseLong(recorded[0]);
            long started = Long.parseLong(recorded[1]);
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(RunDirectory::startedMillis)
                    .map(actual -> actual != started).orElse(true);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static long startedMillis(ProcessHandle process) {
        return process.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(-1L);
    }

    public Path path() {
        return path;
    }

    /** A run id that is unique on this machine: the directory's own name. */
    public String runId() {
        return path.getFileName().toString();
    }

    public Path resolve(String child) {
        return path.resolve(child);
    }

    @Override
    public void close() {
        deleteRecursively(path);
    }

    /** Deletes a tree, tolerating files that vanish meanwhile (a database shutting down removes its own). */
    static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                    if (exc instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw exc;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException gone) {
            // already deleted by a concurrent shutdown hook
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete " + root, e);
        }
    }
}
