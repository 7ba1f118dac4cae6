package dev.tollgate.model;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import org.apiguardian.api.API;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * The migrations one upgrade (one hop of an upgrade path) ran on the data it found: how long each ran,
 * and how long traffic would have waited for locks on the largest tables meanwhile.
 *
 * @param release    the release upgraded to
 * @param migrations the migrations the upgrade applied, in the order the tool applied them
 * @param lockWaits  the lock probe's figures, one per probed table, largest table first; empty when the
 *                   probe was turned off or could not run ({@code probeNote} says why)
 * @param probeNote  why the probe saw less than it should (it could not connect, a table went away);
 *                   empty when it ran throughout
 */
@API(status = INTERNAL, since = "0.2")
public record UpgradeMigrations(String release, List<MigrationTiming> migrations, List<LockWait> lockWaits,
        String probeNote) {

    /**
     * The shortest lock wait the summaries list: shorter ones go unnoticed by traffic (they stay in the
     * figures). A wait is counted only when a lock was really taken, so this is not about noise.
     */
    public static final long NOTICEABLE_WAIT_MILLIS = 100;

    public UpgradeMigrations {
        Objects.requireNonNull(release, "release must not be null");
        migrations = migrations == null ? List.of() : List.copyOf(migrations);
        lockWaits = lockWaits == null ? List.of() : List.copyOf(lockWaits);
        probeNote = probeNote == null ? "" : probeNote;
    }

    /** The migrations with a known duration, slowest first, at most {@code limit}. */
    public List<MigrationTiming> slowest(int limit) {
        return migrations.stream().filter(migration -> migration.durationMillis() != null)
                .sorted(Comparator.comparing(MigrationTiming::durationMillis).reversed()).limit(limit).toList();
    }

    /** The tables on which the probe waited noticeably, longest wait first, at most {@code limit}. */
    public List<LockWait> longestWaits(int limit) {
        return lockWaits.stream().filter(wait -> wait.longestWaitMillis() >= NOTICEABLE_WAIT_MILLIS)
                .sorted(Comparator.comparingLong(LockWait::longestWaitMillis).reversed()).limit(limit).toList();
    }

    /** For the report and the step's attachment: every migration's time, then every probed table's wait. */
    @JsonIgnore
    public String toText() {
        StringBuilder text = new StringBuilder("upgrade to ").append(release).append(": ").append(migrations.size())
                .append(" migration(s)\n");
        migrations.forEach(migration -> text.append("  ").append(migration.toText()).append('\n'));
        text.append("lock probe: ").append(lockWaits.isEmpty() ? "no table probed" : lockWaits.size() + " table(s)")
                .append(probeNote.isEmpty() ? "" : " (" + probeNote + ")").append('\n');
        lockWaits.forEach(wait -> text.append("  ").append(wait.toText()).append('\n'));
        return text.toString();
    }
}
