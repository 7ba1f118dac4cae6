package dev.tollgate.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tollgate.db.SchemaChange.Kind;
import dev.tollgate.system.DatabaseEndpoint;

/** Schemas changed by SQL on a real PostgreSQL: the exact changes found, and how they are classified. */
class SchemaDiffTest {

    private static final String RELEASE_1 = """
            CREATE TABLE missions (id bigint PRIMARY KEY, title text NOT NULL, priority integer);
            CREATE TABLE crew (id bigint PRIMARY KEY, name text NOT NULL);
            CREATE TABLE logbook (id bigint PRIMARY KEY, entry text);
            CREATE VIEW titles AS SELECT title FROM missions;
            """;

    @RegisterExtension
    static final TestDatabases postgres = TestDatabases.perClass();

    /** The diff from release 1 to release 1 changed by {@code migration}. */
    private static SchemaDiff migrate(String... migration) throws Exception {
        DatabaseEndpoint database = postgres.create(RELEASE_1);
        SchemaSnapshot before = SchemaSnapshot.read(database, Set.of());
        TestDatabases.execute(database, migration);
        return SchemaDiff.between(before, SchemaSnapshot.read(database, Set.of()));
    }

    @Test
    void sameSchemaHasNoChanges() throws Exception {
        SchemaDiff diff = migrate();

        assertTrue(diff.isEmpty());
        assertEquals("(no schema changes)\n", diff.toText());
        assertTrue(MigrationSafety.classify(diff).backwardSafe());
    }

    @Test
    void nullableColumnAddedIsBackwardSafe() throws Exception {
        SchemaDiff diff = migrate("ALTER TABLE missions ADD COLUMN note text");

        assertEquals(List.of(Kind.COLUMN_ADDED), kinds(diff));
        SchemaChange change = diff.changes().get(0);
        assertEquals("missions.note", change.object());
        assertEquals(null, change.before());
        assertEquals("text NULL", change.after());
        assertEquals("+ missions.note text NULL\n", diff.toText());
        SafetyReport safety = MigrationSafety.classify(diff);
        assertTrue(safety.backwardSafe());
        assertEquals("nullable column added", safety.findings().get(0).description());
    }

    @Test
    void notNullColumnWithoutDefaultIsNotBackwardSafe() throws Exception {
        SchemaDiff diff = migrate("ALTER TABLE crew ADD COLUMN rank text NOT NULL");

        assertEquals(List.of(Kind.COLUMN_ADDED), kinds(diff));
        SafetyReport safety = MigrationSafety.classify(diff);
        assertFalse(safety.backwardSafe());
        assertEquals(new SafetyFinding("crew.rank", Kind.COLUMN_ADDED, false, "NOT NULL column without a default added",
                "inserts of the previous release fail"), safety.findings().get(0));
    }

    @Test
    void notNullColumnWithDefaultIsBackwardSafe() throws Exception {
        SchemaDiff diff = migrate("ALTER TABLE crew ADD COLUMN rank text NOT NULL DEFAULT 'cadet'");

        assertEquals("+ crew.rank text NOT NULL DEFAULT 'cadet'::text\n", diff.toText());
        assertTrue(MigrationSafety.classify(diff).backwardSafe());
    }

    @Test
    void renamedColumnIsADropAndAnAddAndNotBackwardSafe() throws Exception {
        SchemaDiff diff = migrate("ALTER TABLE missions RENAME COLUMN title TO name");

        // The view over the column follows the rename, so it reads differently too.
        assertEquals(List.of(Kind.COLUMN_ADDED, Kind.COLUMN_DROPPED, Kind.VIEW_CHANGED), kinds(diff));
        assertEquals("""
                + missions.name text NOT NULL
                - missions.title text NOT NULL
                - view titles
                -      SELECT missions.title
                -        FROM missions;
                + view titles
                +      SELECT missions.name AS title
                +        FROM missions;
                """, diff.toText());
        SafetyReport safety = MigrationSafety.classify(diff);
        assertFalse(safety.backwardSafe());
        assertEquals(List.of("UNSAFE missions.name: NOT NULL column without a default added (or renamed from missions.title)"
                + " - inserts of the previous release fail",
                "UNSAFE missions.title: column dropped (or renamed to missions.name)"
                + " - the previous release still reads or writes it", "UNSAFE titles: view changed"
                + " - the previous release may read columns or rows it no longer gives"),
                safety.unsafe().stream().map(SafetyFinding::toText).toList());
    }

    @Test
    void changedTypeIsNotBackwardSafe() throws Exception {
        SchemaDiff diff = migrate("ALTER TABLE missions ALTER COLUMN priority TYPE bigint");

        assertEquals(List.of(SchemaChange.of(Kind.COLUMN_TYPE_CHANGED, "missions.priority", "integer NULL", "bigint NULL")),
                diff.changes().stream().map(c -> SchemaChange.of(c.kind(), c.object(), c.before(), c.after())).toList());
        SafetyFinding finding = MigrationSafety.classify(diff).findings().get(0);
        assertFalse(finding.backwardSafe());
        assertEquals("type changed from integer to bigint", finding.description());
    }

    @Test
    void columnMadeNotNullWithDefaultShowsOnceWithBothChanges() throws Exception {
        SchemaDiff diff = migrate("UPDATE missions SET priority = 3",
                "ALTER TABLE missions ALTER COLUMN priority SET DEFAULT 3, ALTER COLUMN priority SET NOT NULL");

        assertEquals(List.of(Kind.COLUMN_NULLABILITY_CHANGED, Kind.COLUMN_DEFAULT_CHANGED), kinds(diff));
        assertEquals("""
                - missions.priority integer NULL
                + missions.priority integer NOT NULL DEFAULT 3
                """, diff.toText());
        SafetyReport safety = MigrationSafety.classify(diff);
        assertFalse(safety.backwardSafe());
        assertEquals(List.of("made NOT NULL"), safety.unsafe().stream().map(SafetyFinding::description).toList());
    }

    @Test
    void addedIndexIsBackwardSafeButAUniqueOneTightens() throws Exception {
        SchemaDiff diff = migrate("CREATE INDEX missions_priority_idx ON missions (priority)",
                "CREATE UNIQUE INDEX crew_name_idx ON crew (name)");

        assertEquals("""
                + index crew.crew_name_idx CREATE UNIQUE INDEX crew_name_idx ON crew USING btree (name)
                + index missions.missions_priority_idx CREATE INDEX missions_priority_idx ON missions USING btree (priority)
                """, diff.toText());
        SafetyReport safety = MigrationSafety.classify(diff);
        assertEquals(List.of(false, true), safety.findings().stream().map(SafetyFinding::backwardSafe).toList());
    }

    @Test
    void addedCheckConstraintOnAnExistingTableIsNotBackwardSafe() throws Exception {
        SchemaDiff diff = migrate("ALTER TABLE missions ADD CONSTRAINT priority_positive CHECK (priority > 0)");

        assertEquals(List.of(SchemaChange.of(Kind.CONSTRAINT_ADDED, "missions.priority_positive", null, "CHECK (priority > 0)")),
                diff.changes());
        assertEquals("+ constraint missions.priority_positive CHECK (priority > 0)\n", diff.toText());
        SafetyFinding finding = MigrationSafety.classify(diff).findings().get(0);
        assertEquals("CHECK constraint added to an existing table", finding.description());
        assertFalse(finding.backwardSafe());
    }

    @Test
    void droppedTableIsNotBackwardSafeAndShowsWhatWasLost() throws Exception {
        SchemaDiff diff = migrate("DROP TABLE logbook");

        assertEquals(List.of(Kind.TABLE_DROPPED), kinds(diff));
        assertEquals("""
                - table logbook
                -     entry text NULL
                -     id bigint NOT NULL
                -     constraint logbook_pkey PRIMARY KEY (id)
                """, diff.toText());
        assertEquals("table dropped (or renamed)", MigrationSafety.classify(diff).findings().get(0).description());
        assertFalse(MigrationSafety.classify(diff).backwardSafe());
    }

    @Test
    void newTableWithItsConstraintsIsOneBackwardSafeChange() throws Exception {
        SchemaDiff diff = migrate("CREATE TABLE badges (id bigserial PRIMARY KEY, crew_id bigint NOT NULL REFERENCES crew (id))");

        assertEquals(List.of(Kind.TABLE_ADDED, Kind.SEQUENCE_ADDED), kinds(diff));
        assertTrue(MigrationSafety.classify(diff).backwardSafe(), MigrationSafety.classify(diff).toText());
    }

    @Test
    void droppedAndChangedViewsAreNotBackwardSafe() throws Exception {
        SchemaDiff changed = migrate("CREATE OR REPLACE VIEW titles AS SELECT title FROM missions WHERE priority IS NOT NULL");
        SchemaDiff dropped = migrate("DROP VIEW titles");

        assertEquals(List.of(Kind.VIEW_CHANGED), kinds(changed));
        assertEquals(List.of(Kind.VIEW_DROPPED), kinds(dropped));
        assertFalse(MigrationSafety.classify(changed).backwardSafe());
        assertFalse(MigrationSafety.classify(dropped).backwardSafe());
    }

    /** The convergence case: a migration that forgot NOT NULL, against a clean install that has it. */
    @Test
    void cleanInstallAndUpgradeThatDifferOnlyInNullabilityGiveAReadableDiff() throws Exception {
        DatabaseEndpoint cleanInstall = postgres.create(
                "CREATE TABLE missions (id bigint PRIMARY KEY, title text NOT NULL, priority integer NOT NULL DEFAULT 3)");
        DatabaseEndpoint upgraded = postgres.create("CREATE TABLE missions (id bigint PRIMARY KEY, title text NOT NULL)",
                "ALTER TABLE missions ADD COLUMN priority integer DEFAULT 3");

        SchemaDiff diff = SchemaDiff.between(SchemaSnapshot.read(upgraded, Set.of()), SchemaSnapshot.read(cleanInstall, Set.of()));

        assertEquals(List.of(Kind.COLUMN_NULLABILITY_CHANGED), kinds(diff));
        assertEquals("""
                - missions.priority integer NULL DEFAULT 3
                + missions.priority integer NOT NULL DEFAULT 3
                """, diff.toText());
    }

    @Test
    void serializesToJsonWithoutDerivedProperties() throws Exception {
        SchemaDiff diff = migrate("ALTER TABLE missions ADD COLUMN note text");
        ObjectMapper json = new ObjectMapper();

        String text = json.writeValueAsString(diff);

        assertFalse(text.contains("\"empty\""), text);
        assertEquals(diff, json.readValue(text, SchemaDiff.class));
    }

    private static List<Kind> kinds(SchemaDiff diff) {
        return diff.changes().stream().map(SchemaChange::kind).toList();
    }
}
