package dev.tollgate.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The PostgreSQL binaries the embedded library unpacks on this machine (into
 * {@code java.io.tmpdir/embedded-pg}, or {@value #WORKING_DIR_PROPERTY}): found ahead of the first
 * start, and mended where an unpacking was cut short.
 */
final class EmbeddedBinaries {

    /** Where the embedded library unpacks its binaries, when set. */
    static final String WORKING_DIR_PROPERTY = "ot.epg.working-dir";

    private EmbeddedBinaries() {
    }

    /**
     * Finds the PostgreSQL binaries the first server will run (unpacking them, the first time on this
     * machine), without starting one, so that a run's first suites do not wait for it: the library
     * reads its whole 14 MB archive through MD5 to name their directory, once per JVM, under a lock
     * every first start waits on (a fifth of a second, with its classes). The library has no call
     * for that alone; a builder whose data directory cannot be created (under a plain file) stops
     * with an error right after it, before anything else, and that error is the expected outcome.
     */
    static void prepare() {
        Path blocker = null;
        try {
            blocker = Files.createTempFile("tollgate-pg-binaries-", ".warm-up");
            EmbeddedPostgres.builder().setDataDirectory(blocker.resolve("pgdata")).setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false).start().close();
        } catch (IOException | RuntimeException expected) {
            // the binaries are ready (or their first start will say what is wrong with them)
        } finally {
            try {
                if (blocker != null) {
                    Files.deleteIfExists(blocker);
                }
            } catch (IOException e) {
                // a leftover empty file in the temporary directory
            }
        }
    }

    /**
     * Removes what an unpacking of the binaries left when its JVM ended half-way (killed, or a run that
     * stopped at a suite error while the binaries were being unpacked beside it): a binaries directory
     * without the library's {@code .exists} mark whose lock no one holds. The library would otherwise
     * try to unpack into it again, fail on the first file already there, and fail every later start
     * on this machine until someone deleted it by hand.
     */
    static void removePartial() {
        removePartial(Path.of(System.getProperty(WORKING_DIR_PROPERTY,
                Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg").toString())));
    }

    static void removePartial(Path workingDirectory) {
        try (java.util.stream.Stream<Path> entries = Files.list(workingDirectory)) {
            for (Path binaries : entries.filter(path -> path.getFileName().toString().startsWith("PG-")).toList()) {
                if (Files.isDirectory(binaries) && !Files.exists(binaries.resolve(".exists")) && unlocked(binaries.resolve("epg-lock"))) {
                    RunDirectory.deleteRecursively(binaries);
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // no working directory yet, or it cannot be read: the library says so at the start
        }
    }

    /** Whether no process (this one included) holds the lock of an unpacking. */
    private static boolean unlocked(Path lock) {
        if (!Files.exists(lock)) {
            return true;
        }
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(lock,
                java.nio.file.StandardOpenOption.WRITE); java.nio.channels.FileLock held = channel.tryLock()) {
            return held != null;
        } catch (java.nio.channels.OverlappingFileLockException e) {
            return false;  // this JVM is unpacking it
        } catch (IOException e) {
            return false;
        }
    }

}
