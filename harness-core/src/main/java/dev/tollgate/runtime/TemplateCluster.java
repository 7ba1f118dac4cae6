package dev.tollgate.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A freshly initialised PostgreSQL data directory, kept for the life of this JVM so that every
 * later embedded database starts from a copy of it instead of running {@code initdb} again (about
 * a second of CPU each; a copy is a tenth of that). The first database's cluster, just after
 * {@code initdb} and before its server starts, becomes the template. It lives in the system's
 * temporary directory, named after this process, and is deleted when the JVM ends; one left by a
 * JVM that was killed is deleted by the next.
 */
final class TemplateCluster {

    private static final String PREFIX = "tollgate-pg-template-";
    private static final Path LOCATION = Path.of(System.getProperty("java.io.tmpdir"))
            .resolve(PREFIX + ProcessHandle.current().pid());
    private static final Object LOCK = new Object();
    private static final long WAIT_MILLIS = 60_000;
    private static boolean hooked;
    // A database is running initdb for the template: suites that start meanwhile wait for it and
    // copy, rather than run initdb side by side on the same cores.
    private static boolean making;

    private TemplateCluster() {
    }

    /**
     * Copies the template into an empty {@code dataDirectory}. False when there is no template yet:
     * the caller then runs initdb, and must call {@link #made()} when that start is over, kept or not.
     */
    static boolean copyInto(Path dataDirectory) {
        synchronized (LOCK) {
            long deadline = System.currentTimeMillis() + WAIT_MILLIS;
            while (making && System.currentTimeMillis() < deadline) {
                try {
                    LOCK.wait(Math.max(1, deadline - System.currentTimeMillis()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            if (!Files.isRegularFile(LOCATION.resolve("PG_VERSION"))) {
                making = true;
                return false;
            }
        }
        try {
            copyTree(LOCATION, dataDirectory);
            return true;
        } catch (IOException | UncheckedIOException e) {
            RunDirectory.deleteRecursively(dataDirectory);
            return false;  // initdb, as without a template
        }
    }

    /** The database that was to make the template has started, or failed to: others may go on. */
    static void made() {
        synchronized (LOCK) {
            making = false;
            LOCK.notifyAll();
        }
    }

    /** Keeps a copy of a cluster {@code initdb} has just made, unless a template exists already. */
    static void keep(Path freshCluster) {
        synchronized (LOCK) {
            if (Files.exists(LOCATION)) {
                return;
            }
            if (!hooked) {
                removeStale();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> RunDirectory.deleteRecursively(LOCATION),
                        "tollgate-template-cluster-cleanup"));
                hooked = true;
            }
            Path partial = LOCATION.resolveSibling(LOCATION.getFileName() + ".partial");
            try {
                RunDirectory.deleteRecursively(partial);
                copyTree(freshCluster, partial);
                Files.move(partial, LOCATION, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException | UncheckedIOException e) {
                RunDirectory.deleteRecursively(partial);  // no template: later databases run initdb
            }
            making = false;  // those waiting may copy now, while this server starts
            LOCK.notifyAll();
        }
    }

    /** Templates of JVMs that are gone (killed, so their hook never ran). */
    private static void removeStale() {
        try (Stream<Path> entries = Files.list(LOCATION.getParent())) {
            entries.filter(path -> path.getFileName().toString().startsWith(PREFIX))
                    .filter(path -> owner(path).flatMap(ProcessHandle::of).map(process -> !process.isAlive()).orElse(true))
                    .forEach(RunDirectory::deleteRecursively);
        } catch (IOException | UncheckedIOException e) {
            // another JVM's clean-up got there first, or the directory cannot be listed: nothing to do
        }
    }

    private static Optional<Long> owner(Path template) {
        String name = template.getFileName().toString().substring(PREFIX.length()).replace(".partial", "");
        try {
            return Optional.of(Long.parseLong(name));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                    // PostgreSQL refuses a data directory others may read (0700 or 0750 only).
                    Files.setPosixFilePermissions(target, Files.getPosixFilePermissions(source));
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
