package dev.tollgate.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.tollgate.db.FingerprintComparison.Outcome;
import dev.tollgate.db.FingerprintComparison.TableComparison;
import dev.tollgate.system.DatabaseEndpoint;

class DataFingerprintTest {

    private static final String MISSIONS = """
            CREATE TABLE missions (id bigint PRIMARY KEY, title text NOT NULL, priority integer,
                                   launched_at timestamptz, payload jsonb);
            CREATE TABLE crew (id bigint PRIMARY KEY, name text);
            """;

    @RegisterExtension
    static final TestDatabases postgres = TestDatabases.perClass();

    private static DatabaseEndpoint seeded() {
        return postgres.create(MISSIONS, """
                INSERT INTO missions VALUES (1, 'Apollo 11', 1, '1969-07-16 13:32:00+00', '{"crew": 3}'),
                                            (2, 'Gemini 4', 2, NULL, NULL),
                                            (3, 'Skylab', NULL, '1973-05-14 17:30:00+00', '[]');
                INSERT INTO crew VALUES (1, 'Armstrong'), (2, 'Aldrin');
                """);
    }

    @Test
    void sameRowsInADifferentOrderGiveTheSameFingerprint() throws Exception {
        DatabaseEndpoint forwards = seeded();
        DatabaseEndpoint backwards = postgres.create(MISSIONS, """
                INSERT INTO crew VALUES (2, 'Aldrin'), (1, 'Armstrong');
                INSERT INTO missions VALUES (3, 'Skylab', NULL, '1973-05-14 19:30:00+02', '[]');
                INSERT INTO missions VALUES (2, 'Gemini 4', 7, NULL, NULL), (1, 'Apollo 11', 1, '1969-07-16 13:32:00+00', '{"crew":3}');
                UPDATE missions SET priority = 2 WHERE id = 2;
                """);

        DataFingerprint expected = DataFingerprint.read(forwards, Set.of());

        assertEquals(expected, DataFingerprint.read(backwards, Set.of()));
        assertEquals(3, expected.table("missions").orElseThrow().rows());
        assertEquals(List.of("id", "launched_at", "payload", "priority", "title"), expected.table("missions").orElseThrow().columns());
        assertTrue(FingerprintComparison.compare(expected, DataFingerprint.read(backwards, Set.of())).lost().isEmpty());
    }

    /** Tables read side by side, on connections of one exported snapshot, give what one connection gives. */
    @Test
    void tablesReadSideBySideGiveWhatOneReadingGives() throws Exception {
        DatabaseEndpoint database = seeded();
        TestDatabases.execute(database, """
                CREATE TABLE stages (id int PRIMARY KEY, mission bigint, name text);
                INSERT INTO stages SELECT g, g % 3 + 1, 'stage ' || g || repeat('.', 100) FROM generate_series(1, 15000) g;
                CREATE TABLE launches (at timestamptz, pad text);
                INSERT INTO launches SELECT now() - g * interval '1 day', 'LC-' || (g % 40) FROM generate_series(1, 300) g;
                """);
        assertLargeEnoughToBeReadSideBySide(database);

        DataFingerprint sideBySide = DataFingerprint.read(database, Set.of());
        DataFingerprint alone;
        ColumnFingerprints columnsAlone;
        try (java.sql.Connection connection = Catalog.open(database)) {
            alone = DataFingerprint.read(connection, null, Set.of());
            columnsAlone = ColumnFingerprints.read(connection, null, Set.of());
        }

        assertEquals(alone, sideBySide);
        assertEquals(4, sideBySide.tables().size());
        assertEquals(15000, sideBySide.table("stages").orElseThrow().rows());
        try (java.sql.Connection connection = Catalog.open(database)) {
            assertEquals(columnsAlone, ColumnFingerprints.read(connection, database, Set.of()));
        }
    }

    /**
     * The connections that join a reading see its moment, not a later one: rows committed after the
     * reading began are in no table's fingerprint, whichever connection read the table.
     */
    @Test
    void tablesReadSideBySideSeeTheMomentTheReadingBegan() throws Exception {
        DatabaseEndpoint database = seeded();
        TestDatabases.execute(database, "CREATE TABLE logbook (line text); INSERT INTO logbook SELECT repeat('~', 200) FROM generate_series(1, 8000)");
        assertLargeEnoughToBeReadSideBySide(database);
        DataFingerprint before = DataFingerprint.read(database, Set.of());
        try (java.sql.Connection reading = Catalog.open(database)) {
            TestDatabases.execute(database, "INSERT INTO missions VALUES (4, 'Vostok 1', 1, NULL, NULL);"
                    + " INSERT INTO crew VALUES (3, 'Collins')");

            assertEquals(before, DataFingerprint.read(reading, database, Set.of()));
        }
        assertNotEquals(before, DataFingerprint.read(database, Set.of()), "a new reading sees the rows");
    }

    /**
     * Tables too small to gain from it are read on the reading's own connection: another would cost
     * more than their scans. The endpoint given for other connections here reaches nothing, so a
     * reading that tried to open one would fail.
     */
    @Test
    void smallTablesAreReadOnTheReadingsOwnConnectionAlone() throws Exception {
        DatabaseEndpoint database = seeded();
        DatabaseEndpoint nowhere = new DatabaseEndpoint(database.host(), 9, database.name(), database.user(), database.password());
        try (java.sql.Connection reading = Catalog.open(database)) {
            assertEquals(DataFingerprint.read(database, Set.of()), DataFingerprint.read(reading, nowhere, Set.of()));
        }

        org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.getRuntime().availableProcessors() > 1, "one core: one connection always");
        TestDatabases.execute(database, "CREATE TABLE logbook (line text); INSERT INTO logbook SELECT repeat('~', 200) FROM generate_series(1, 8000)");
        try (java.sql.Connection reading = Catalog.open(database)) {
            assertThrows(java.sql.SQLException.class, () -> DataFingerprint.read(reading, nowhere, Set.of()),
                    "a megabyte and more is read side by side, on connections to the endpoint given");
        }
    }

    private static void assertLargeEnoughToBeReadSideBySide(DatabaseEndpoint database) throws Exception {
        try (java.sql.Connection reading = Catalog.open(database)) {
            long bytes = TablesSideBySide.bytes(reading, DataFingerprint.scannedTables(reading, Set.of()));
            assertTrue(bytes >= TablesSideBySide.SIDE_BY_SIDE_FROM_BYTES, bytes + " bytes: read on one connection, not side by side");
        }
    }

    @Test
    void aDeletedRowLowersTheCount() throws Exception {
        DatabaseEndpoint database = seeded();
        DataFingerprint before = DataFingerprint.read(database, Set.of());

        TestDatabases.execute(database, "DELETE FROM missions WHERE id = 2");
        FingerprintComparison comparison = FingerprintComparison.compare(before, DataFingerprint.read(database, Set.of()));

        assertEquals(List.of(new TableComparison("missions", Outcome.ROWS_LOST, 3, 2,
                List.of("id", "launched_at", "payload", "priority", "title"), "1 row fewer")), comparison.lost());
        assertEquals(List.of("crew"), comparison.unchanged().stream().map(TableComparison::table).toList());
    }

    @Test
    void anUpdatedValueChangesTheHashButNotTheCount() throws Exception {
        DatabaseEndpoint database = seeded();
        DataFingerprint before = DataFingerprint.read(database, Set.of());

        TestDatabases.execute(database, "UPDATE crew SET name = 'Buzz Aldrin' WHERE id = 2");
        DataFingerprint after = DataFingerprint.read(database, Set.of());

        assertEquals(before.table("crew").orElseThrow().rows(), after.table("crew").orElseThrow().rows());
        assertNotEquals(before.table("crew").orElseThrow().hash(), after.table("crew").orElseThrow().hash());
        FingerprintComparison comparison = FingerprintComparison.compare(before, after);
        assertEquals(List.of("crew"), comparison.changed().stream().map(TableComparison::table).toList());
        assertEquals("""
                crew: CONTENT_CHANGED, 2 -> 2 rows (same number of rows (2), different content)
                missions: UNCHANGED, 3 -> 3 rows (same 3 rows)
                """, comparison.toText());
    }

    /**
     * Values are hashed one by one (not as the row's text), so what keeps them apart is tested here:
     * a NULL and an empty string, values swapped between two columns, and values swapped between rows
     * of a table without a key each change the table's hash, and its columns' hashes.
     */
    @Test
    void valuesHashedOneByOneStillTellNullFromEmptyAndSwappedValuesApart() throws Exception {
        DatabaseEndpoint database = postgres.create("""
                CREATE TABLE notes (id int PRIMARY KEY, a text, b text);
                INSERT INTO notes VALUES (1, '', 'x'), (2, 'y', 'z');
                CREATE TABLE pairs (a text, b text);
                INSERT INTO pairs VALUES ('a', 'b'), ('c', 'd');
                """);
        DataFingerprint original = DataFingerprint.read(database, Set.of());
        ColumnFingerprints originalColumns = columns(database);

        TestDatabases.execute(database, "UPDATE notes SET a = NULL WHERE id = 1");
        DataFingerprint nullForEmpty = DataFingerprint.read(database, Set.of());
        assertNotEquals(original.table("notes"), nullForEmpty.table("notes"), "NULL in place of ''");
        assertNotEquals(originalColumns.table("notes").orElseThrow().column("a").orElseThrow().hash(),
                columns(database).table("notes").orElseThrow().column("a").orElseThrow().hash());

        TestDatabases.execute(database, "UPDATE notes SET a = '', b = 'x' WHERE id = 1",
                "UPDATE notes SET a = 'z', b = 'y' WHERE id = 2");
        assertNotEquals(original.table("notes"), DataFingerprint.read(database, Set.of()).table("notes"), "y and z swapped between columns");

        TestDatabases.execute(database, "UPDATE notes SET a = 'y', b = 'z' WHERE id = 2",
                "UPDATE pairs SET b = CASE b WHEN 'b' THEN 'd' ELSE 'b' END");
        DataFingerprint swappedRows = DataFingerprint.read(database, Set.of());
        assertEquals(original.table("notes"), swappedRows.table("notes"), "notes as they were");
        assertNotEquals(original.table("pairs"), swappedRows.table("pairs"), "b and d swapped between the rows of a keyless table");
    }

    /** A snapshot reads rows and columns in one scan per table: it must give what the two readings give. */
    @Test
    void oneScanForRowsAndColumnsGivesWhatTheTwoReadingsGive() throws Exception {
        DatabaseEndpoint database = seeded();
        TestDatabases.execute(database, """
                CREATE TABLE keyless (at timestamptz, pad text, n numeric);
                INSERT INTO keyless SELECT now() - g * interval '1 day', CASE WHEN g % 3 = 0 THEN NULL ELSE 'LC-' || g END, g / 7.0
                FROM generate_series(1, 300) g;
                CREATE TABLE empty_one (id int PRIMARY KEY);
                """);

        try (java.sql.Connection connection = Catalog.open(database)) {
            ColumnFingerprints.Contents together = ColumnFingerprints.readWithRows(connection, database, Set.of());

            assertEquals(DataFingerprint.read(connection, null, Set.of()), together.rows());
            assertEquals(ColumnFingerprints.read(connection, null, Set.of()), together.columns());
            assertEquals(4, together.rows().tables().size());
        }
    }

    private static ColumnFingerprints columns(DatabaseEndpoint database) throws Exception {
        try (java.sql.Connection connection = Catalog.open(database)) {
            return ColumnFingerprints.read(connection, null, Set.of());
        }
    }

    @Test
    void columnSubsetFingerprintsIgnoreAddedColumns() throws Exception {
        DatabaseEndpoint database = seeded();
        DataFingerprint before = DataFingerprint.read(database, Set.of());
        TableFingerprint titlesBefore = DataFingerprint.ofColumns(database, "missions", List.of("title", "id"));

        TestDatabases.execute(database, "ALTER TABLE missions ADD COLUMN status text NOT NULL DEFAULT 'planned'",
                "UPDATE missions SET status = 'flown' WHERE launched_at IS NOT NULL");
        DataFingerprint after = DataFingerprint.read(database, Set.of());
        TableFingerprint titlesAfter = DataFingerprint.ofColumns(database, "missions", List.of("id", "title"));

        assertEquals(titlesBefore, titlesAfter);
        assertEquals(List.of("id", "title"), titlesAfter.columns());
        TableComparison whole = FingerprintComparison.compare(before, after).tables().get(1);
        assertEquals(Outcome.NOT_COMPARABLE, whole.outcome());
        assertEquals("the columns changed (dropped [], added [status]); compare on the common columns"
                + " [id, launched_at, payload, priority, title] with DataFingerprint.ofColumns", whole.detail());
        FingerprintComparison onCommon = FingerprintComparison.compare(before.with(titlesBefore), after.with(titlesAfter),
                Map.of("missions", List.of("title", "id")));
        assertEquals(List.of(Outcome.UNCHANGED, Outcome.UNCHANGED), onCommon.tables().stream().map(TableComparison::outcome).toList());
    }

    @Test
    void commonColumnsMustBeWhatBothSidesWereFingerprintedOn() throws Exception {
        DatabaseEndpoint database = seeded();
        DataFingerprint whole = DataFingerprint.read(database, Set.of());

        TableComparison missions = FingerprintComparison.compare(whole, whole, Map.of("missions", List.of("id"))).tables().get(1);

        assertEquals(Outcome.NOT_COMPARABLE, missions.outcome());
        assertTrue(missions.detail().startsWith("expected both fingerprints on the common columns [id]"), missions.detail());
    }

    @Test
    void aDroppedTableCountsAsLostRowsAndANewOneAsAdded() throws Exception {
        DatabaseEndpoint database = seeded();
        DataFingerprint before = DataFingerprint.read(database, Set.of());

        TestDatabases.execute(database, "DROP TABLE crew", "CREATE TABLE badges (id int)", "INSERT INTO missions (id, title) VALUES (4, 'Artemis')");
        FingerprintComparison comparison = FingerprintComparison.compare(before, DataFingerprint.read(database, Set.of()));

        assertEquals(List.of(Outcome.TABLE_ADDED, Outcome.TABLE_DROPPED, Outcome.ROWS_ADDED),
                comparison.tables().stream().map(TableComparison::outcome).toList());
        assertEquals(List.of("crew"), comparison.lost().stream().map(TableComparison::table).toList());
    }

    @Test
    void emptyTablesHashToZeroAndHistoryAndIgnoredTablesAreLeftOut() throws Exception {
        DatabaseEndpoint database = postgres.create(MISSIONS,
                "CREATE TABLE flyway_schema_history (installed_rank int)", "INSERT INTO flyway_schema_history VALUES (1)");

        DataFingerprint data = DataFingerprint.read(database, Set.of("crew"));

        assertEquals(List.of(new TableFingerprint("missions", List.of("id", "launched_at", "payload", "priority", "title"), 0, "0")),
                data.tables());
    }

    @Test
    void partitionsAreCountedThroughTheirParentOnly() throws Exception {
        DatabaseEndpoint database = postgres.create("""
                CREATE TABLE events (id int, at date) PARTITION BY RANGE (at);
                CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
                INSERT INTO events VALUES (1, '2024-03-01'), (2, '2024-04-01');
                """);

        DataFingerprint data = DataFingerprint.read(database, Set.of());

        assertEquals(List.of("events"), data.tables().stream().map(TableFingerprint::table).toList());
        assertEquals(2, data.tables().get(0).rows());
    }

    @Test
    void quotesAwkwardIdentifiers() throws Exception {
        DatabaseEndpoint database = postgres.create("CREATE SCHEMA \"Ops\"",
                "CREATE TABLE \"Ops\".\"odd \"\"name\"\"\" (\"select\" int, \"Mixed Case\" text)",
                "INSERT INTO \"Ops\".\"odd \"\"name\"\"\" VALUES (2, 'b'), (1, 'a; DROP TABLE x')");

        DataFingerprint data = DataFingerprint.read(database, Set.of());
        List<String> rows = DataFingerprint.sampleRows(database, "Ops.odd \"name\"", List.of("select", "Mixed Case"), 5);

        assertEquals(List.of("Ops.odd \"name\""), data.tables().stream().map(TableFingerprint::table).toList());
        assertEquals(List.of("Mixed Case", "select"), data.tables().get(0).columns());
        assertEquals(List.of("(\"a; DROP TABLE x\",1)", "(b,2)"), rows);
    }

    @Test
    void samplesRowsInAStableOrder() throws Exception {
        DatabaseEndpoint database = seeded();

        assertEquals(List.of("(1,Armstrong)", "(2,Aldrin)"), DataFingerprint.sampleRows(database, "crew", List.of(), 10));
        assertEquals(List.of("(1,\"Apollo 11\")"), DataFingerprint.sampleRows(database, "missions", List.of("title", "id"), 1));
    }

    @Test
    void namesWhatExistsWhenATableOrColumnDoesNot() {
        DatabaseEndpoint database = seeded();

        IllegalArgumentException table = assertThrows(IllegalArgumentException.class,
                () -> DataFingerprint.ofColumns(database, "mission", List.of("id")));
        IllegalArgumentException column = assertThrows(IllegalArgumentException.class,
                () -> DataFingerprint.ofColumns(database, "crew", List.of("id", "rank")));

        assertTrue(table.getMessage().startsWith("no table 'mission' in jdbc:postgresql://"), table.getMessage());
        assertTrue(table.getMessage().endsWith("; its tables are [crew, missions]"), table.getMessage());
        assertEquals("table crew has no column [rank]; its columns are [id, name]", column.getMessage());
    }
}
