package dev.tollgate.reports;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

import dev.tollgate.api.TollgateException;
import dev.tollgate.report.RunRecord;
import dev.tollgate.report.RunRecordJson;

/**
 * The run record as the gate may use it: present, readable, and written by this build. Anything
 * else is a reason the verdict is INCONCLUSIVE, never a reason to judge an older run.
 */
final class RunRecordFile {

    /** A run record, or why there is none. */
    record Loaded(Optional<RunRecord> run, String missingBecause) {
    }

    private RunRecordFile() {
    }

    /**
     * @param notBefore when this build started, if known
     * @param previous  the releases this build rehearsed, or {@code ?} when not known
     */
    static Loaded load(Path file, Optional<Instant> notBefore, String previous, String candidate, Path root) {
        String shown = Paths.shown(root, file);
        if (!Files.isRegularFile(file)) {
            return missing("no run record: the rehearsal did not run (" + shown + " does not exist)");
        }
        RunRecord run;
        try {
            run = RunRecordJson.read(file);
        } catch (TollgateException e) {
            return missing(e.getMessage().replace(file.toString(), shown));
        }
        if (notBefore.isPresent() && run.startedAt() != null && run.startedAt().isBefore(notBefore.get())) {
            return missing("no run record: the rehearsal did not run in this build (" + shown + " is from a run started "
                    + run.startedAt() + ", before this build started at " + notBefore.get() + ")");
        }
        // Another build in the same directory can overwrite the record between rehearsal and report.
        if (!matches(previous, run.previous()) || !matches(candidate, run.candidate())) {
            return missing("no run record of this build: " + shown + " is of " + run.previous() + " → " + run.candidate()
                    + ", but this build rehearsed " + previous + " → " + candidate + " (did another build write it?)");
        }
        return new Loaded(Optional.of(run), "");
    }

    private static boolean matches(String asked, String recorded) {
        // Not asked (empty: the profile's defaults chose): any record of this build will do.
        return "?".equals(asked) || asked.isBlank() || asked.equals(recorded);
    }

    private static Loaded missing(String reason) {
        return new Loaded(Optional.empty(), reason);
    }
}
