package dev.tollgate.db;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.apiguardian.api.API;

import dev.tollgate.model.MigrationTiming;
import dev.tollgate.model.MigrationsSpec;
import dev.tollgate.system.DatabaseEndpoint;

/**
 * How long each migration an upgrade applied ran: from the tool's history table where it records a
 * duration or timestamps that give one, else from the service's log, else not recorded. The
 * migrations an upgrade applied are the history's rows that were not there before it.
 */
@API(status = INTERNAL, since = "0.2")
public final class MigrationTimings {

    private MigrationTimings() {
    }

    /**
     * @param before     the history before the upgrade ({@link MigrationHistories#inspect}); every row
     *                   not in it was applied by the upgrade
     * @param serviceLog the log of the release that migrated, or {@code null}
     * @return the migrations the upgrade applied, in the order the tool applied them
     */
    public static List<MigrationTiming> after(DatabaseEndpoint database, MigrationsSpec spec, MigrationHistory before,
            Path serviceLog) throws SQLException {
        Objects.requireNonNull(database, "database must not be null");
        Objects.requireNonNull(spec, "spec must not be null");
        Objects.requireNonNull(before, "before must not be null");
        try (Connection connection = Catalog.open(database)) {
            HistoryReading reading = MigrationHistories.inspect(connection, spec);
            if (!reading.found()) {
                return List.of();
            }
            List<AppliedMigration> rows = reading.history().migrations();
            List<Boolean> fresh = fresh(before.migrations(), rows);
            List<Long> durations = HistoryDurations.read(connection, reading.history().tool(),
                    reading.detection().chosen().table(), fresh);
            ServiceLogDurations log = null;  // read only when the history lacks a migration's duration
            List<MigrationTiming> timings = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                if (fresh.get(i)) {
                    Long fromHistory = durations.isEmpty() ? null : durations.get(i);
                    if (fromHistory == null && log == null) {
                        log = new ServiceLogDurations(lines(serviceLog));
                    }
                    timings.add(timing(rows.get(i), fromHistory, log));
                }
            }
            return timings;
        }
    }

    private static MigrationTiming timing(AppliedMigration row, Long fromHistory, ServiceLogDurations log) {
        String id = row.version() != null ? row.version() : Objects.requireNonNullElse(row.description(), "(repeatable)");
        if (fromHistory != null) {
            return new MigrationTiming(id, row.description(), fromHistory, MigrationTiming.Source.HISTORY);
        }
        Optional<Long> fromLog = log.of(id, row.description());
        return fromLog.map(millis -> new MigrationTiming(id, row.description(), millis, MigrationTiming.Source.SERVICE_LOG))
                .orElseGet(() -> MigrationTiming.notRecorded(id, row.description()));
    }

    /** Which rows are new: those left once every row of the history before is matched off, once each. */
    private static List<Boolean> fresh(List<AppliedMigration> before, List<AppliedMigration> after) {
        Map<AppliedMigration, Integer> earlier = new HashMap<>();
        before.forEach(row -> earlier.merge(row, 1, Integer::sum));
        List<Boolean> fresh = new ArrayList<>();
        for (AppliedMigration row : after) {
            Integer count = earlier.get(row);
            fresh.add(count == null || count == 0);
            if (count != null && count > 0) {
                earlier.put(row, count - 1);
            }
        }
        return fresh;
    }

    private static List<String> lines(Path serviceLog) {
        if (serviceLog == null || !Files.isRegularFile(serviceLog)) {
            return List.of();
        }
        try {
            return Files.readAllLines(serviceLog, StandardCharsets.UTF_8);
        } catch (IOException | java.io.UncheckedIOException e) {
            return List.of();  // the log is a fallback; without it the figure is "not recorded"
        }
    }
}
