package dev.tollgate.engine;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import dev.tollgate.api.Text;
import dev.tollgate.check.Evidence;
import dev.tollgate.db.LockProbe;
import dev.tollgate.db.MigrationHistories;
import dev.tollgate.db.MigrationHistory;
import dev.tollgate.db.MigrationTimings;
import dev.tollgate.model.LockWait;
import dev.tollgate.model.MigrationTiming;
import dev.tollgate.model.MigrationsSpec;
import dev.tollgate.model.UpgradeMigrations;
import dev.tollgate.report.AllureEvidence;
import dev.tollgate.system.RunningService;
import dev.tollgate.runtime.SystemUnderTest;

/**
 * Watches one hop of an upgrade: the migration history before it, the lock probe during it, and
 * afterwards how long each migration it applied ran. What it sees is evidence, never a reason for the
 * upgrade to fail: a history it cannot read or a probe that cannot connect leaves a note instead.
 */
final class MigrationsUnderData {

    private final SystemUnderTest system;
    private final MigrationsSpec location;
    private final MigrationHistory before;
    private final LockProbe probe;
    private final String note;

    private MigrationsUnderData(SystemUnderTest system, MigrationsSpec location, MigrationHistory before, LockProbe probe,
            String note) {
        this.system = system;
        this.location = location;
        this.before = before;
        this.probe = probe;
        this.note = note;
    }

    /**
     * Reads the history and starts the probe on the {@code tables} largest tables (none when 0).
     *
     * @param maxRun how long the probe may run if the hop never ends (the step's timeout)
     */
    static MigrationsUnderData start(SystemUnderTest system, MigrationsSpec location, int tables, Duration maxRun) {
        if (!system.hasDatabase()) {
            return new MigrationsUnderData(system, location, null, null, "no database to watch");
        }
        MigrationHistory before;
        String note = "";
        try {
            before = MigrationHistories.inspect(system.database(), location, null).history();
        } catch (SQLException | RuntimeException e) {
            before = null;
            note = "the history before the upgrade could not be read: " + Text.firstLine(e.getMessage());
        }
        LockProbe probe = tables > 0 ? LockProbe.start(system.database(), tables, maxRun) : null;
        return new MigrationsUnderData(system, location, before, probe, probe == null ? join(note, "lock probe off") : note);
    }

    /** Stops the probe, reads what the hop applied, and attaches both to the step's report. */
    UpgradeMigrations finish(String release) {
        List<LockWait> waits = probe == null ? List.of() : probe.stop();
        String notes = probe == null ? note : join(note, probe.note());
        List<MigrationTiming> timings = List.of();
        if (before != null) {
            try {
                Path log = system.lastDeployed().map(RunningService::logFile).orElse(null);
                timings = MigrationTimings.after(system.database(), location, before, log);
            } catch (SQLException | RuntimeException e) {
                notes = join(notes, "the history after the upgrade could not be read: " + Text.firstLine(e.getMessage()));
            }
        }
        UpgradeMigrations seen = new UpgradeMigrations(release, timings, waits, notes);
        AllureEvidence.attach(Evidence.text("migrations under data (" + release + ")", seen.toText()));
        return seen;
    }

    private static String join(String first, String second) {
        return first.isEmpty() ? second : second.isEmpty() ? first : first + "; " + second;
    }
}
