package dev.tollgate.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tollgate.api.ErrorCode;
import dev.tollgate.api.TollgateException;
import dev.tollgate.check.CheckRegistry;
import dev.tollgate.load.ProfileLoader;
import dev.tollgate.load.SuiteLoader;
import dev.tollgate.model.Profile;
import dev.tollgate.model.Suite;
import dev.tollgate.model.Variables;

/**
 * A dump an install starts from is read by its header before anything starts: which format, and
 * whether the pg_restore found reads it; one that cannot be restored is named with the fix.
 */
class BaselineDumpsTest {

    @TempDir
    Path dir;

    @Test
    void aMissingDumpIsNamedWithHowToMakeIt() {
        Path missing = dir.resolve("nowhere.dump");

        TollgateException e = assertThrows(TollgateException.class, () -> DumpArchive.read(missing));

        assertEquals(ErrorCode.LOAD_BASELINE_INVALID, e.code());
        assertEquals("The dump to install from: " + missing + " does not exist. Make the dump with pg_dump -Fc (or -Fd, -Ft,"
                + " or plain SQL) and give its path in from:, relative to the suite file or with ${project.dir}.", e.getMessage());
    }

    @Test
    void aFileThatIsNoPostgresqlDumpIsRefusedShowingHowItStarts() throws IOException {
        Path csv = Files.writeString(dir.resolve("users.csv"), "id,email\n1,a@example.com\n");

        TollgateException e = assertThrows(TollgateException.class, () -> DumpArchive.read(csv));

        assertEquals(ErrorCode.LOAD_BASELINE_INVALID, e.code());
        assertEquals("The dump to install from: " + csv + " is not a PostgreSQL dump: it starts with 'id,email\\x0a1,a@exa',"
                + " neither PGDMP (pg_dump -Fc), a tar header (pg_dump -Ft), nor pg_dump's plain SQL header. Make it with"
                + " pg_dump -Fc.", e.getMessage());
    }

    @Test
    void eachFormatIsToldByItsHeaderWithTheOldestPgRestoreThatReadsIt() throws IOException {
        DumpArchive custom = DumpArchive.read(archive(dir.resolve("c.dump"), 14));
        assertEquals(DumpArchive.Format.CUSTOM, custom.format());
        assertEquals(12, custom.oldestPgRestore());
        assertEquals("custom-format archive (archive version 1.14)", custom.describe());

        Path directory = Files.createDirectories(dir.resolve("d"));
        archive(directory.resolve("toc.dat"), 15);
        DumpArchive fromDirectory = DumpArchive.read(directory);
        assertEquals(DumpArchive.Format.DIRECTORY, fromDirectory.format());
        assertEquals(16, fromDirectory.oldestPgRestore());

        byte[] tar = new byte[1024];
        System.arraycopy("toc.dat".getBytes(StandardCharsets.US_ASCII), 0, tar, 0, 7);
        System.arraycopy("ustar".getBytes(StandardCharsets.US_ASCII), 0, tar, 257, 5);
        System.arraycopy(header(16), 0, tar, 512, 8);
        DumpArchive fromTar = DumpArchive.read(Files.write(dir.resolve("t.tar"), tar));
        assertEquals(DumpArchive.Format.TAR, fromTar.format());
        assertEquals(17, fromTar.oldestPgRestore());

        Path plain = Files.writeString(dir.resolve("p.sql"), "--\n-- PostgreSQL database dump\n--\n\nSET statement_timeout = 0;\n");
        assertEquals(DumpArchive.Format.PLAIN, DumpArchive.read(plain).format());

        TollgateException noToc = assertThrows(TollgateException.class,
                () -> DumpArchive.read(Files.createDirectories(dir.resolve("empty"))));
        assertTrue(noToc.getMessage().contains("is a directory without toc.dat"), noToc.getMessage());
    }

    @Test
    void anArchiveNewerThanThePgRestoreFoundFailsNamingBothReleasesAndTheFix() throws IOException {
        archive(dir.resolve("prod.dump"), 16);  // what pg_dump 17 writes
        Suite suite = suite("install: { release: \"${previous}\", from: prod.dump }");
        Profile local = profile("name: local\nservice: { command: [java] }\n");

        List<String> problems = BaselineDumps.problems(List.of(suite), local, Variables.of(Map.of()), tools -> OptionalInt.of(15));

        assertEquals(List.of(dir.resolve("s.suite.yaml") + ":3:5: " + dir.resolve("prod.dump") + " is a custom-format archive"
                + " (archive version 1.16), which needs pg_restore 17 or newer; the one found is 15 (from the PATH). Install"
                + " PostgreSQL 17's client tools and name their directory with database: clientTools: in " + local.describe()
                + ", or make the dump with the pg_dump of release 15"), problems);
        assertEquals(List.of(), BaselineDumps.problems(List.of(suite), local, Variables.of(Map.of()), tools -> OptionalInt.of(17)));
    }

    /** pg_restore is asked for its release once per client-tools directory, not once per install from a dump. */
    @Test
    void pgRestoreIsAskedOncePerToolsDirectoryHoweverManyInstallsStartFromADump() throws IOException {
        archive(dir.resolve("prod.dump"), 16);
        Suite first = suite("install: { release: \"${previous}\", from: prod.dump }");
        Suite second = suite("install: { release: \"${previous}\", from: prod.dump }\n"
                + "  - install: { release: \"${previous}\", from: prod.dump }");
        Profile local = profile("name: local\nservice: { command: [java] }\n");
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();

        List<String> problems = BaselineDumps.problems(List.of(first, second), local, Variables.of(Map.of()), tools -> {
            asked.incrementAndGet();
            return OptionalInt.of(15);
        });

        assertEquals(3, problems.size(), problems.toString());
        assertEquals(1, asked.get());
    }

    /** The same, with the pg_restore this machine has: the check runs the real tool for its version. */
    @Test
    void theRealPgRestoreIsAskedForItsRelease() throws IOException {
        OptionalInt found = PgDumpTool.pgRestoreMajor(null);
        assumeTrue(found.isPresent() && found.getAsInt() < 17, "needs a pg_restore older than 17 on the PATH");
        archive(dir.resolve("prod.dump"), 16);
        Suite suite = suite("install: { release: \"${previous}\", from: prod.dump }");

        List<String> problems = BaselineDumps.problems(List.of(suite), profile("name: local\nservice: { command: [java] }\n"),
                Variables.of(Map.of()));

        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("needs pg_restore 17 or newer; the one found is " + found.getAsInt()), problems.get(0));
    }

    @Test
    void aDumpNamedByAVariableIsResolvedAndChecked() throws IOException {
        Suite suite = suite("install: { release: \"${previous}\", from: \"${dumps}/gone.dump\" }");
        Profile local = profile("name: local\nservice: { command: [java] }\n");

        List<String> problems = BaselineDumps.problems(List.of(suite), local, Variables.of(Map.of("dumps", dir.toString())),
                tools -> OptionalInt.of(15));

        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains(dir.resolve("gone.dump") + " does not exist"), problems.get(0));
    }

    /**
     * On compose the database container's pg_restore restores (compared once the container runs): the
     * host's, even one too old, is not asked; the dump itself is checked before anything starts.
     */
    @Test
    void aComposeProfileChecksTheDumpButLeavesPgRestoreToItsDatabaseContainer() throws IOException {
        archive(dir.resolve("prod.dump"), 16);  // what pg_dump 17 writes
        Files.writeString(dir.resolve("compose.yaml"), "services: {}\n");
        Profile compose = profile("""
                name: boxed
                runtime: compose
                compose: { file: compose.yaml, database: postgres, services: [app], entry: app, port: 8080, release: TAG }
                service: { port: 8080 }
                """);

        assertEquals(List.of(), BaselineDumps.problems(List.of(suite("install: { release: \"${previous}\", from: prod.dump }")), compose,
                Variables.of(Map.of()), tools -> { throw new AssertionError("the host's pg_restore was asked: " + tools); }));
        List<String> problems = BaselineDumps.problems(List.of(suite("install: { release: \"${previous}\", from: \"${dumps}/gone.dump\" }")),
                compose, Variables.of(Map.of("dumps", dir.toString())), tools -> OptionalInt.of(17));
        assertEquals(List.of(dir.resolve("s.suite.yaml") + ":3:5: The dump to install from: " + dir.resolve("gone.dump")
                + " does not exist. Make the dump with pg_dump -Fc (or -Fd, -Ft, or plain SQL) and give its path in from:,"
                + " relative to the suite file or with ${project.dir}."), problems);
    }

    @Test
    void aRemoteProfileRefusesAnInstallFromADumpRatherThanIgnoringIt() throws IOException {
        archive(dir.resolve("prod.dump"), 14);
        Profile remote = profile("""
                name: prod-like
                runtime: remote
                target: { url: "http://127.0.0.1:1/" }
                service: { health: /health }
                """);

        List<String> problems = BaselineDumps.problems(List.of(suite("install: { release: \"${previous}\", from: prod.dump }")), remote,
                Variables.of(Map.of()), tools -> OptionalInt.of(17));

        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith(dir.resolve("s.suite.yaml") + ":3:5: install from a dump is supported on runtimes"
                + " local and compose; " + remote.describe() + " is runtime remote"), problems.get(0));
    }

    private Suite suite(String install) throws IOException {
        Path file = Files.writeString(dir.resolve("s.suite.yaml"), "suite: s\nscenario:\n  - " + install + "\n");
        return new SuiteLoader(CheckRegistry.of(List.of()), Set.of("previous", "dumps")).load(file).suite()
                .orElseThrow(() -> new AssertionError(new SuiteLoader(CheckRegistry.of(List.of()), Set.of("previous", "dumps"))
                        .load(file).describeIssues()));
    }

    private Profile profile(String yaml) throws IOException {
        return new ProfileLoader(Variables.of(Map.of())).load(Files.writeString(dir.resolve("profile.yaml"), yaml));
    }

    /** The first bytes of a custom-format archive of version 1.{@code minor}, as pg_dump writes them. */
    private static Path archive(Path file, int minor) throws IOException {
        byte[] bytes = new byte[64];
        System.arraycopy(header(minor), 0, bytes, 0, 8);
        return Files.write(file, bytes);
    }

    private static byte[] header(int minor) {
        byte[] header = new byte[8];
        System.arraycopy("PGDMP".getBytes(StandardCharsets.US_ASCII), 0, header, 0, 5);
        header[5] = 1;
        header[6] = (byte) minor;
        header[7] = 0;
        return header;
    }
}
