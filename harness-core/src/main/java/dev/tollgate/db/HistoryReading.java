package dev.tollgate.db;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Objects;

import org.apiguardian.api.API;

/**
 * A migration history and how it was found, read in one session.
 *
 * @param detection which tool's table was read, where, and what else was there
 * @param history   its rows; {@link MigrationHistory#none()} when no table was found and no tool named,
 *                  an empty history of the named tool when that tool's table is not there yet
 */
@API(status = INTERNAL, since = "0.2")
public record HistoryReading(HistoryDetection detection, MigrationHistory history) {

    public HistoryReading {
        Objects.requireNonNull(detection, "detection must not be null");
        Objects.requireNonNull(history, "history must not be null");
    }

    /** Whether a history table was found (it may still be empty). */
    public boolean found() {
        return detection.found().isPresent();
    }
}
