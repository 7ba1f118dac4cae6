package dev.tollgate.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.tollgate.system.DatabaseEndpoint;

class SnapshotTest {

    @RegisterExtension
    static final TestDatabases postgres = TestDatabases.perClass();

    private static DatabaseEndpoint migrated() {
        return postgres.create("""
                CREATE TABLE schema_migrations (version bigint PRIMARY KEY, dirty boolean NOT NULL);
                INSERT INTO schema_migrations VALUES (2, false);
                CREATE TABLE missions (id bigint PRIMARY KEY, title text NOT NULL);
                CREATE TABLE sessions (token text PRIMARY KEY);
                INSERT INTO missions VALUES (1, 'Apollo 11'), (2, 'Gemini 4');
                INSERT INTO sessions VALUES ('abc');
                """);
    }

    @Test
    void recordsHistorySchemaAndDataOfOneMoment() throws Exception {
        Snapshot snapshot = Snapshot.take("before-upgrade", migrated(), Set.of("sessions"));

        assertEquals("before-upgrade", snapshot.name());
        assertTrue(snapshot.takenAt().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"), snapshot.takenAt());
        assertEquals(new MigrationHistory("golang-migrate", List.of(new AppliedMigration("2", null, null, null, true))),
                snapshot.history());
        assertEquals(List.of("missions"), snapshot.schema().tables().stream().map(SchemaSnapshot.Table::name).toList());
        assertEquals(2, snapshot.data().table("missions").orElseThrow().rows());
        String hash = snapshot.data().table("missions").orElseThrow().hash();
        assertEquals("snapshot before-upgrade taken " + snapshot.takenAt() + "\n\n" + """
                == migration history
                golang-migrate: 1 migration(s), 0 failed
                  2  success

                == schema
                table missions
                  id bigint NOT NULL
                  title text NOT NULL
                  constraint missions_pkey PRIMARY KEY (id)

                == data
                missions  2 rows  hash %s  (id, title)
                """.formatted(hash), snapshot.toText());
    }

    @Test
    void roundTripsThroughJson() throws Exception {
        Snapshot snapshot = Snapshot.take("before-upgrade", migrated(), Set.of());

        String json = snapshot.toJson();

        // The rows kept to name lost rows by stay in memory: values may be secrets, never written out.
        assertEquals(new Snapshot(snapshot.name(), snapshot.takenAt(), snapshot.history(), snapshot.schema(), snapshot.data(),
                snapshot.columns()), Snapshot.fromJson(json));
        assertTrue(json.contains("\"tool\" : \"golang-migrate\""), json);
        assertEquals(List.of(Map.of("token", "abc")), snapshot.rows().table("sessions").orElseThrow().rows());
        assertTrue(!json.contains("abc"), json);
    }

    @Test
    void anEmptyDatabaseIsAnEmptySnapshot() throws Exception {
        Snapshot snapshot = Snapshot.take("empty", postgres.create(), Set.of());

        assertEquals(MigrationHistory.none(), snapshot.history());
        assertEquals(List.of(), snapshot.schema().tables());
        assertEquals(List.of(), snapshot.data().tables());
    }
}
