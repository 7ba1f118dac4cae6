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

    private final Path path;

    private RunDirectory(Path path) {
        this.path = path;
    }

    public static RunDirectory create(Path parent) {
        try {
            Files.createDirectories(parent);
            return new RunDirectory(Files.createTempDirectory(parent, "tollgate-"));
        } catch (IOException e) {
            throw new TollgateException(ErrorCode.RUNTIME_IO, "Cannot create a scratch directory in " + parent
                    + ": " + e + ". Make it writable or choose another with " + Hints.setting("tollgate.work.dir", "DIR") + ".", e);
        }
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
