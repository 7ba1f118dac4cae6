package dev.tollgate.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.tollgate.system.DatabaseEndpoint;

class ColumnFingerprintsTest {

    private static final String MISSIONS = """
            CREATE TABLE missions (id bigint PRIMARY KEY, name text NOT NULL, notes text);
            CREATE TABLE tags (tag text);
            INSERT INTO missions VALUES (1, 'Apollo', NULL), (2, 'Gemini', 'two crew'), (3, 'Skylab', NULL);
            INSERT INTO tags VALUES ('moon'), ('orbit');
            """;

    @RegisterExtension
    static final TestDatabases postgres = TestDatabases.perClass();

    @Test
    void eachColumnIsCountedAndHashedWithItsRowsPrimaryKey() throws Exception {
        ColumnFingerprints columns = Snapshot.take("s", postgres.create(MISSIONS), Set.of()).columns();

        ColumnFingerprints.Table missions = columns.table("missions").orElseThrow();
        assertEquals(List.of("id"), missions.key());
        assertEquals(3, missions.rows());
        assertEquals(List.of("id", "name", "notes"), List.copyOf(missions.columns().keySet()));
        assertEquals(1, missions.column("notes").orElseThrow().values());
        assertEquals(List.of(), columns.table("tags").orElseThrow().key());
    }

    @Test
    void aRenamedColumnMeasuresAsItsOldSelfAndAMovedValueDoesNot() throws Exception {
        DatabaseEndpoint database = postgres.create(MISSIONS);
        ColumnFingerprints.Table before = Snapshot.take("s", database, Set.of()).columns().table("missions").orElseThrow();

        TestDatabases.execute(database, "ALTER TABLE missions RENAME COLUMN name TO title");
        ColumnFingerprints.Table renamed = ColumnFingerprints.measure(database, "missions", List.of("id"), List.of("title", "notes"));
        TestDatabases.execute(database, "UPDATE missions SET title = CASE id WHEN 1 THEN 'Gemini' WHEN 2 THEN 'Apollo' ELSE title END");
        ColumnFingerprints.Table swapped = ColumnFingerprints.measure(database, "missions", List.of("id"), List.of("title"));

        assertEquals(before.column("name"), renamed.column("title"));
        assertEquals(before.column("notes"), renamed.column("notes"));
        assertNotEquals(before.column("name"), swapped.column("title"));
        assertThrows(IllegalArgumentException.class,
                () -> ColumnFingerprints.measure(database, "missions", List.of("id"), List.of("name")));
    }

    @Test
    void theFirstRowsByKeyAreTheRowsAWholeTableFingerprintSaw() throws Exception {
        DatabaseEndpoint database = postgres.create(MISSIONS);
        TableFingerprint before = DataFingerprint.read(database, Set.of()).table("missions").orElseThrow();

        TestDatabases.execute(database, "INSERT INTO missions VALUES (4, 'Mir', NULL)");
        TableFingerprint appended = DataFingerprint.ofFirstRows(database, "missions", List.of("id"), before.rows());
        TestDatabases.execute(database, "UPDATE missions SET notes = 'x' WHERE id = 1");
        TableFingerprint rewritten = DataFingerprint.ofFirstRows(database, "missions", List.of("id"), before.rows());

        assertEquals(before, appended);
        assertNotEquals(before.hash(), rewritten.hash());
    }

    @Test
    void aSnapshotWithoutColumnFingerprintsReadsBackWithNone() {
        String json = "{\"name\":\"old\",\"takenAt\":\"2026-01-01T00:00:00.000Z\",\"history\":{\"tool\":\"none\",\"migrations\":[]},"
                + "\"schema\":{\"tables\":[],\"sequences\":[],\"views\":[]},\"data\":{\"tables\":[]}}";

        assertEquals(ColumnFingerprints.none(), Snapshot.fromJson(json).columns());
    }
}
