package dev.tollgate.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tollgate.api.TollgateException;
import dev.tollgate.system.DatabaseEndpoint;

/**
 * A client tool that cannot be started (a clientTools directory without it) fails the backup,
 * saying which, and leaves no file behind: each attempt left an empty {@code tollgate-pg_dump*.log}
 * in the system's temporary directory.
 */
class PgDumpToolTempFileTest {

    @TempDir
    Path work;

    @Test
    void aToolThatCannotStartLeavesNoTemporaryFile() throws Exception {
        List<Path> before = outputs();
        DatabaseEndpoint nowhere = new DatabaseEndpoint("127.0.0.1", 9, "app", "postgres", "secret");
        TollgateException failed = assertThrows(TollgateException.class,
                () -> PgDumpTool.dump(nowhere, work.resolve("backup.dump"), work.resolve("no-tools-here").toString()));
        assertTrue(failed.getMessage().contains("cannot be run"), failed.getMessage());
        assertEquals(before, outputs(), "no tollgate-pg_dump*.log left in " + System.getProperty("java.io.tmpdir"));
    }

    private static List<Path> outputs() throws Exception {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(file -> file.getFileName().toString().startsWith("tollgate-pg_dump")).sorted().toList();
        }
    }
}
