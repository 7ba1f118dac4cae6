package dev.tollgate.check.migrations;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.tollgate.db.AppliedMigration;
import dev.tollgate.db.MigrationHistory;

/**
 * A migration history now against the same database's history at a snapshot. Tools never rewrite
 * the rows of migrations they applied, so every earlier row must still be there with its checksum;
 * a changed checksum means a script was edited after it ran (and databases that ran the old one
 * differ from those that run the new one), a missing row means history was rewritten.
 *
 * @param edited  one line per migration whose checksum changed: version, expected and found checksum
 * @param removed one line per migration that is gone
 * @param added   the migrations applied since, oldest first
 */
record HistoryComparison(List<String> edited, List<String> removed, List<AppliedMigration> added) {

    /** @param snapshot the snapshot's name, for messages */
    static HistoryComparison of(MigrationHistory before, MigrationHistory now, String snapshot) {
        List<String> edited = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<AppliedMigration> remaining = new ArrayList<>(now.migrations());
        for (AppliedMigration was : before.migrations()) {
            List<AppliedMigration> same = remaining.stream().filter(is -> sameMigration(was, is)).toList();
            if (same.isEmpty()) {
                removed.add(name(was) + ", applied at snapshot '" + snapshot + "', is no longer in the history");
                continue;
            }
            // A repeatable migration gains a row each time it is re-applied: any row with the old checksum will do.
            AppliedMigration match = same.stream().filter(is -> Objects.equals(was.checksum(), is.checksum())).findFirst()
                    .orElse(null);
            if (match == null) {
                match = same.get(0);
                edited.add(name(was) + " was edited after it was applied: expected checksum " + was.checksum()
                        + " (as at snapshot '" + snapshot + "'), found " + match.checksum());
            }
            remaining.remove(match);
        }
        return new HistoryComparison(edited, removed, remaining);
    }

    boolean unchanged() {
        return edited.isEmpty() && removed.isEmpty();
    }

    /** {@code migration 2 (create audit log)}, or {@code repeatable migration (refresh views)}. */
    static String name(AppliedMigration migration) {
        String description = migration.description() == null ? "" : " (" + migration.description() + ")";
        return migration.version() == null ? "repeatable migration" + description
                : "migration " + migration.version() + description;
    }

    private static boolean sameMigration(AppliedMigration was, AppliedMigration is) {
        return was.version() == null
                ? is.version() == null && Objects.equals(was.description(), is.description())
                : was.version().equals(is.version());
    }
}
