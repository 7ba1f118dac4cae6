package dev.tollgate.check.migrations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tollgate.db.AppliedMigration;
import dev.tollgate.db.MigrationHistory;

class HistoryComparisonTest {

    private static AppliedMigration migration(String version, String description, String checksum) {
        return new AppliedMigration(version, description, checksum, null, true);
    }

    @Test
    void aRepeatableMigrationReappliedKeepsItsEarlierRowAndIsNotAnEdit() {
        MigrationHistory before = new MigrationHistory("flyway", List.of(migration("1", "create", "1"),
                migration(null, "views", "10")));
        MigrationHistory now = new MigrationHistory("flyway", List.of(migration("1", "create", "1"),
                migration(null, "views", "10"), migration("2", "add", "2"), migration(null, "views", "11")));

        HistoryComparison comparison = HistoryComparison.of(before, now, "before-upgrade");

        assertTrue(comparison.unchanged());
        assertEquals(List.of(migration("2", "add", "2"), migration(null, "views", "11")), comparison.added());
    }

    @Test
    void toolsWithoutChecksumsCompareVersionsOnly() {
        MigrationHistory before = new MigrationHistory("golang-migrate", List.of(migration("3", null, null)));
        MigrationHistory now = new MigrationHistory("golang-migrate", List.of(migration("4", null, null)));

        HistoryComparison comparison = HistoryComparison.of(before, now, "s");

        assertEquals(List.of("migration 3, applied at snapshot 's', is no longer in the history"), comparison.removed());
        assertEquals(List.of(), comparison.edited());
    }
}
