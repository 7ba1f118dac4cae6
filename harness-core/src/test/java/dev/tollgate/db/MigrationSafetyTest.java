package dev.tollgate.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.tollgate.db.SchemaChange.Kind;
import dev.tollgate.db.SchemaSnapshot.Column;

/** The rules on diffs built by hand; {@link SchemaDiffTest} shows them on diffs a real PostgreSQL produced. */
class MigrationSafetyTest {

    @ParameterizedTest(name = "{0} {1} -> safe={2}")
    @CsvSource(delimiter = '|', textBlock = """
            TABLE_ADDED      | missions        | true
            TABLE_DROPPED    | missions        | false
            CONSTRAINT_DROPPED | missions.c    | true
            INDEX_DROPPED    | missions.i      | true
            SEQUENCE_ADDED   | ticket_seq      | true
            SEQUENCE_DROPPED | ticket_seq      | false
            SEQUENCE_CHANGED | ticket_seq      | false
            VIEW_ADDED       | urgent          | true
            VIEW_DROPPED     | urgent          | false
            VIEW_CHANGED     | urgent          | false
            """)
    void classifiesObjectsByKind(Kind kind, String object, boolean safe) {
        SafetyReport report = MigrationSafety.classify(new SchemaDiff(List.of(SchemaChange.of(kind, object, "x", "y"))));

        assertEquals(safe, report.backwardSafe(), report.toText());
        assertEquals(object, report.findings().get(0).object());
        assertEquals(kind, report.findings().get(0).change());
    }

    @ParameterizedTest(name = "{0} -> safe={1}")
    @CsvSource(delimiter = '|', textBlock = """
            CHECK ((priority > 0))                              | false
            UNIQUE (title)                                      | false
            FOREIGN KEY (crew_id) REFERENCES crew(id)           | false
            PRIMARY KEY (id)                                    | false
            """)
    void addedOrChangedConstraintsTighten(String definition, boolean safe) {
        for (Kind kind : List.of(Kind.CONSTRAINT_ADDED, Kind.CONSTRAINT_CHANGED)) {
            SafetyReport report = MigrationSafety.classify(new SchemaDiff(List.of(
                    SchemaChange.of(kind, "missions.c", kind == Kind.CONSTRAINT_ADDED ? null : "CHECK (true)", definition))));
            assertEquals(safe, report.backwardSafe(), report.toText());
        }
    }

    @Test
    void columnMadeNullableIsBackwardSafe() {
        Column column = new Column("priority", "integer", true, null, 3);

        SafetyReport report = MigrationSafety.classify(new SchemaDiff(List.of(new SchemaChange(
                Kind.COLUMN_NULLABILITY_CHANGED, "missions.priority", "integer NOT NULL", "integer NULL", column))));

        assertTrue(report.backwardSafe());
        assertEquals("made nullable", report.findings().get(0).description());
    }

    @Test
    void defaultDroppedFromANotNullColumnBreaksInsertsThatOmitIt() {
        Column notNull = new Column("priority", "integer", false, null, 3);
        Column nullable = new Column("priority", "integer", true, null, 3);

        SafetyReport broken = MigrationSafety.classify(new SchemaDiff(List.of(new SchemaChange(Kind.COLUMN_DEFAULT_CHANGED,
                "missions.priority", "integer NOT NULL DEFAULT 3", "integer NOT NULL", notNull))));
        SafetyReport fine = MigrationSafety.classify(new SchemaDiff(List.of(new SchemaChange(Kind.COLUMN_DEFAULT_CHANGED,
                "missions.priority", "integer NULL DEFAULT 3", "integer NULL", nullable))));

        assertEquals("default dropped from a NOT NULL column", broken.findings().get(0).description());
        assertEquals(false, broken.backwardSafe());
        assertTrue(fine.backwardSafe());
    }

    @Test
    void reportSaysHowManyChangesBreakThePreviousRelease() {
        SafetyReport report = MigrationSafety.classify(new SchemaDiff(List.of(
                SchemaChange.of(Kind.TABLE_ADDED, "badges", null, "id bigint NOT NULL"),
                SchemaChange.of(Kind.TABLE_DROPPED, "logbook", "id bigint NOT NULL", null))));

        assertEquals("""
                NOT backward-safe: 1 of 2 change(s) can break the previous release
                  safe   badges: table added - the previous release does not know it
                  UNSAFE logbook: table dropped (or renamed) - the previous release still reads and writes it
                """, report.toText());
        assertEquals("backward-safe: the schema did not change\n", MigrationSafety.classify(new SchemaDiff(List.of())).toText());
    }
}
