package dev.tollgate.check.migrations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.tollgate.check.CheckResult;
import dev.tollgate.check.EvidenceDatabase;
import dev.tollgate.check.EvidenceDatabase.Context;
import dev.tollgate.check.Status;

class MigrationsCheckTest {

    // Flyway's table as Flyway 10 creates it, less the columns no reader uses.
    private static final String FLYWAY = """
            CREATE TABLE flyway_schema_history (installed_rank integer PRIMARY KEY, version varchar(50),
                description varchar(200) NOT NULL, type varchar(20) NOT NULL, checksum integer,
                installed_on timestamp NOT NULL DEFAULT now(), success boolean NOT NULL);
            INSERT INTO flyway_schema_history (installed_rank, version, description, type, checksum, success)
                VALUES (1, '1', 'create missions', 'SQL', 111, true), (2, '2', 'create audit log', 'SQL', 222, true);
            """;

    @RegisterExtension
    static final EvidenceDatabase postgres = EvidenceDatabase.perClass();
    private final MigrationsCheck migrations = new MigrationsCheck();

    @Test
    void appliedMigrationsNoneFailedPasses() {
        CheckResult result = postgres.create(FLYWAY).check(migrations, Map.of());

        assertEquals(Status.PASSED, result.status(), result.message());
        assertEquals("flyway: 2 applied, 0 failed, newest 2", result.message());
        assertTrue(result.evidence().get(0).content().contains("2  create audit log  checksum 222"));
    }

    @Test
    void aFailedMigrationFailsNamingItsVersionAndDescription() {
        Context context = postgres.create(FLYWAY, "INSERT INTO flyway_schema_history (installed_rank, version, description, type,"
                + " checksum, success) VALUES (3, '3', 'index missions status', 'SQL', 333, false)");

        CheckResult result = context.check(migrations, Map.of());

        assertEquals(Status.FAILED, result.status());
        assertEquals("migration 3 (index missions status) failed (flyway: 2 applied, 1 failed, newest 2)", result.message());
    }

    @Test
    void anEditedMigrationFailsNamingTheVersionAndBothChecksums() throws Exception {
        Context context = postgres.create(FLYWAY);
        context.snapshot("before-upgrade", "UPDATE flyway_schema_history SET checksum = 999 WHERE version = '2'",
                "INSERT INTO flyway_schema_history (installed_rank, version, description, type, checksum, success)"
                        + " VALUES (3, '3', 'add priority', 'SQL', 333, true)");

        CheckResult result = context.check(migrations, Map.of("since", "before-upgrade"));

        assertEquals(Status.FAILED, result.status());
        assertTrue(result.message().startsWith("migration 2 (create audit log) was edited after it was applied: expected checksum"
                + " 222 (as at snapshot 'before-upgrade'), found 999 (flyway: 3 applied"), result.message());
    }

    @Test
    void sinceASnapshotEveryEarlierMigrationIsStillThereAndNewOnesAreListed() throws Exception {
        Context context = postgres.create(FLYWAY);
        context.snapshot("before-upgrade", "INSERT INTO flyway_schema_history (installed_rank, version, description, type,"
                + " checksum, success) VALUES (3, '3', 'add priority', 'SQL', 333, true)");

        CheckResult passed = context.check(migrations, Map.of("since", "before-upgrade", "latest", "3", "expect", Map.of("count", 3)));
        context.run("DELETE FROM flyway_schema_history WHERE version = '1'");
        CheckResult removed = context.check(migrations, Map.of("since", "before-upgrade"));

        assertEquals("flyway: 3 applied, 0 failed, newest 3; since snapshot before-upgrade: earlier ones unchanged, 1 applied since: 3",
                passed.message());
        assertEquals(Status.FAILED, removed.status());
        assertTrue(removed.message().startsWith("migration 1 (create missions), applied at snapshot 'before-upgrade', is no longer"
                + " in the history"), removed.message());
    }

    @Test
    void expectedCountAndNewestVersionAreCompared() {
        CheckResult result = postgres.create(FLYWAY).check(migrations, Map.of("latest", "6", "expect", Map.of("count", 6)));

        assertEquals(Status.FAILED, result.status());
        assertEquals("expected 6 applied migration(s); found 2; expected the newest applied migration to be 6; it is 2"
                + " (flyway: 2 applied, 0 failed, newest 2)", result.message());
    }

    @Test
    void noHistoryOrNoneAppliedFails() {
        CheckResult none = postgres.create("CREATE TABLE missions (id integer)").check(migrations, Map.of());
        CheckResult empty = postgres.create(FLYWAY, "DELETE FROM flyway_schema_history").check(migrations, Map.of());

        assertEquals(Status.FAILED, none.status());
        assertTrue(none.message().startsWith("no migration history table in "), none.message());
        assertEquals("no migration was applied (flyway: 0 applied, 0 failed, newest none)", empty.message());
    }

    @Test
    void settingsOfTheWrongShapeAreSuiteErrors() {
        Context context = postgres.create(FLYWAY);

        assertThrows(IllegalArgumentException.class, () -> context.check(migrations, Map.of("expect", Map.of("rows", 2))));
        assertThrows(IllegalArgumentException.class, () -> context.check(migrations, Map.of("expect", Map.of("count", "two"))));
        assertThrows(IllegalArgumentException.class, () -> context.check(migrations, Map.of("tool", "flyweight")));
    }

    /** The release notes an operator reads before upgrading must name every migration the upgrade applies. */
    @Test
    void releaseNotesThatLeaveOutAMigrationTheUpgradeAppliedFail(@TempDir Path dir) throws Exception {
        Context context = postgres.create(FLYWAY);
        context.snapshot("before-upgrade", "INSERT INTO flyway_schema_history (installed_rank, version, description, type,"
                + " checksum, success) VALUES (3, '3', 'add priority', 'SQL', 333, true), (4, '4', 'create tags', 'SQL', 444, true),"
                + " (5, '15', 'index status', 'SQL', 555, true)");
        Path complete = Files.writeString(dir.resolve("complete.md"), "# 1.1.0\n\nMigrations: V3__add_priority.sql, V4, and"
                + " migration 15 (an index; takes a lock on large tables).\n");
        Path incomplete = Files.writeString(dir.resolve("incomplete.md"), "# 1.1.0\n\nMigrations: V3 and 15; version 1.4 of the"
                + " client is required.\n");

        CheckResult named = context.check(migrations, Map.of("since", "before-upgrade", "documentedIn", complete.toString()));
        CheckResult leftOut = context.check(migrations, Map.of("since", "before-upgrade", "documentedIn", incomplete.toString()));
        CheckResult missing = context.check(migrations, Map.of("since", "before-upgrade",
                "documentedIn", dir.resolve("none.md").toString()));

        assertEquals(Status.PASSED, named.status(), named.message());
        assertTrue(named.message().endsWith("3 applied since: 3, 4, 15; each named in " + complete), named.message());
        assertTrue(named.evidence().stream().anyMatch(evidence -> evidence.content().contains("migration 15 (an index")));
        assertEquals(Status.FAILED, leftOut.status());
        // "1.4" is not migration 4: the version must stand as a token of its own.
        assertTrue(leftOut.message().startsWith("migration 4 (create tags) is not named in " + incomplete + " (flyway:"),
                leftOut.message());
        assertEquals(Status.FAILED, missing.status());
        assertTrue(missing.message().startsWith("the release notes " + dir.resolve("none.md") + " are not there"), missing.message());
    }

    /** With sections asked for, each migration documents its purpose, tables, rollback and compatibility under its own heading. */
    @Test
    void eachMigrationsSectionMustSayEveryRequiredPart(@TempDir Path dir) throws Exception {
        Context context = postgres.create(FLYWAY);
        context.snapshot("before-upgrade", "INSERT INTO flyway_schema_history (installed_rank, version, description, type,"
                + " checksum, success) VALUES (3, '3', 'add priority', 'SQL', 333, true), (4, '4', 'create tags', 'SQL', 444, true)");
        String v3 = "## V3 add priority\n\nPurpose: order missions.\nTables: missions (new column priority).\n"
                + "Rollback: code rollback safe, the column is nullable.\nCompatibility: 1.0.0 ignores the column.\n";
        Path documented = Files.writeString(dir.resolve("documented.md"), "# Release 1.1.0\n\n" + v3
                + "## V4 create tags\n\nPurpose: tag missions.\nTables: mission_tags (new).\nRollback: drop the table.\n"
                + "Compatibility: additive.\n");
        Path thin = Files.writeString(dir.resolve("thin.md"), "# Release 1.1.0\n\n" + v3
                + "## V4 create tags\n\nPurpose: tag missions.\nTables: mission_tags (new).\n\n## Known limitations\n\n"
                + "Rollback of tags needs a restore; compatibility with 0.9 is gone.\n");
        Map<String, Object> sections = Map.of("sections", List.of("purpose", "tables", "rollback", "compatibility"));

        CheckResult passed = context.check(migrations, Map.of("since", "before-upgrade",
                "documentedIn", merge(sections, "file", documented.toString())));
        CheckResult failed = context.check(migrations, Map.of("since", "before-upgrade",
                "documentedIn", merge(sections, "file", thin.toString())));

        assertEquals(Status.PASSED, passed.status(), passed.message());
        assertEquals(Status.FAILED, failed.status());
        // The words under another heading do not count for migration 4.
        assertTrue(failed.message().startsWith("the section of migration 4 (create tags) in " + thin + " (line 9) does not say"
                + " rollback, compatibility (flyway:"), failed.message());
    }

    @Test
    void documentedInWithoutASnapshotIsASuiteError() {
        dev.tollgate.model.SourcePosition at = new dev.tollgate.model.SourcePosition(Path.of("upgrade.suite.yaml"), 7, 9);
        assertTrue(migrations.validate(Map.of("documentedIn", "NOTES.md"), at).get(0).toString()
                .contains("documentedIn needs since:"), migrations.validate(Map.of("documentedIn", "NOTES.md"), at)::toString);
        assertEquals(List.of(), migrations.validate(Map.of("documentedIn", "NOTES.md", "since", "before-upgrade"), at));
    }

    private static Map<String, Object> merge(Map<String, Object> map, String key, Object value) {
        Map<String, Object> merged = new java.util.HashMap<>(map);
        merged.put(key, value);
        return merged;
    }
}
