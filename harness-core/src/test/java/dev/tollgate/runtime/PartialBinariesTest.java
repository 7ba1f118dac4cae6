package dev.tollgate.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Binaries whose unpacking was cut short (its JVM killed, or ended by a suite error while the
 * warm-up unpacked them) are removed before anything starts, and a server then starts; left as they
 * are, the embedded library fails on a link already there, at every later start. Each step
 * runs in a JVM of its own: the library remembers its binaries for the life of a JVM.
 */
class PartialBinariesTest {

    @TempDir
    Path dir;

    @Test
    void aHalfUnpackedDirectoryIsRemovedAndTheServerStarts() throws Exception {
        Path working = Files.createDirectories(dir.resolve("embedded-pg"));
        Path binaries = killedWhileUnpacking(working);

        assertNotEquals(0, child(working, "start").exitValue(), "the library alone fails on the half-unpacked binaries");

        Path busy = Files.createDirectories(working.resolve("PG-another-being-unpacked"));
        Files.writeString(busy.resolve("epg-lock"), "");
        try (FileChannel channel = FileChannel.open(busy.resolve("epg-lock"), StandardOpenOption.WRITE);
                FileLock held = channel.lock()) {
            EmbeddedBinaries.removePartial(working);
        }
        assertFalse(Files.exists(binaries), "the half-unpacked binaries are removed");
        assertTrue(Files.exists(busy), "binaries another process is unpacking (its lock held) stay");

        assertEquals(0, child(working, "start").exitValue(), "a server starts on binaries unpacked again");
        assertTrue(Files.exists(binaries.resolve(".exists")), "unpacked again");
    }

    /**
     * Unpacks the binaries in a JVM that is killed half-way, where a run that stopped there leaves
     * them: the libraries' links made, no program yet, no mark.
     */
    private Path killedWhileUnpacking(Path working) throws Exception {
        for (int attempt = 0; attempt < 5; attempt++) {
            RunDirectory.deleteRecursively(working);
            Files.createDirectories(working);
            Process unpacking = start(working, "unpack");
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            while (unpacking.isAlive() && System.nanoTime() < deadline) {
                Optional<Path> binaries = binaries(working);
                if (binaries.isPresent() && Files.exists(binaries.get().resolve("lib/libpq.so"), LinkOption.NOFOLLOW_LINKS)
                        && !Files.exists(binaries.get().resolve("bin"))) {
                    unpacking.destroyForcibly().waitFor();
                    return binaries.get();
                }
                Thread.sleep(5);
            }
            unpacking.destroyForcibly().waitFor();
        }
        throw new AssertionError("could not stop an unpacking half-way in 5 attempts");
    }

    private static Optional<Path> binaries(Path working) throws java.io.IOException {
        try (var entries = Files.list(working)) {
            return entries.filter(path -> path.getFileName().toString().startsWith("PG-")).findFirst();
        }
    }

    private Process child(Path working, String what) throws Exception {
        Process process = start(working, what);
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), what + " did not end");
        return process;
    }

    private Process start(Path working, String what) throws Exception {
        Path output = Files.createTempFile(dir, what + "-", ".out");
        Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-D" + EmbeddedBinaries.WORKING_DIR_PROPERTY + "=" + working, "-cp", System.getProperty("java.class.path"),
                Step.class.getName(), what, dir.resolve("pgdata-" + System.nanoTime()).toString()))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        return process;
    }

    /** One step in a JVM of its own: unpack the binaries, or start a server (and stop it). */
    static final class Step {

        public static void main(String[] args) throws Exception {
            if (args[0].equals("unpack")) {
                EmbeddedBinaries.prepare();
                return;
            }
            try (EmbeddedPostgres server = EmbeddedPostgres.builder().setDataDirectory(Path.of(args[1]))
                    .setRegisterShutdownHook(false).start()) {
                if (!server.getPostgresDatabase().getConnection().isValid(5)) {
                    System.exit(3);
                }
            }
        }
    }
}
