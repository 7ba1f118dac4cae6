package dev.tollgate.reports;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.tollgate.model.LockWait;
import dev.tollgate.model.MigrationTiming;
import dev.tollgate.report.RunRecord;

/**
 * The run's migrations under data, as its upgrade steps recorded them: the slowest migrations and the
 * tables whose lock probe waited longest, across every suite, each with the suite and release it is
 * from. Read from the typed figures of the run record, never from a message.
 *
 * @param slowest  the slowest migrations, slowest first
 * @param waits    the tables on which a read or a write waited for its lock, longest first
 */
record MigrationsUnderData(List<Timed> slowest, List<Waited> waits) {

    /** How many of each the summary lists. */
    static final int SHOWN = 5;

    record Timed(String suite, String release, MigrationTiming migration) {
    }

    record Waited(String suite, String release, LockWait lock) {
    }

    static MigrationsUnderData of(Readiness readiness) {
        List<RunRecord.SuiteRecord> suites = readiness.run().map(RunRecord::suites).orElse(List.of());
        List<Timed> slowest = suites.stream().flatMap(suite -> suite.steps().stream()
                        .flatMap(step -> step.upgrades().stream())
                        .flatMap(hop -> hop.slowest(SHOWN).stream().map(migration -> new Timed(suite.name(), hop.release(), migration))))
                .sorted(Comparator.comparing((Timed timed) -> timed.migration().durationMillis()).reversed())
                .limit(SHOWN).toList();
        List<Waited> waits = suites.stream().flatMap(suite -> suite.steps().stream()
                        .flatMap(step -> step.upgrades().stream())
                        .flatMap(hop -> hop.longestWaits(SHOWN).stream().map(wait -> new Waited(suite.name(), hop.release(), wait))))
                .sorted(Comparator.comparingLong((Waited waited) -> waited.lock().longestWaitMillis()).reversed())
                .limit(SHOWN).toList();
        return new MigrationsUnderData(slowest, waits);
    }

    boolean isEmpty() {
        return slowest.isEmpty() && waits.isEmpty();
    }

    /** The Markdown section: two short lists, or nothing when no upgrade recorded a figure. */
    String markdown() {
        if (isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder("**Migrations under data** (slowest migrations; tables on which a cheap"
                + " read or write waited for its lock during the upgrade):\n\n");
        slowest.forEach(timed -> md.append("- ").append(AreaRow.oneLine(timed.migration().toText())).append(" — upgrade to ")
                .append(timed.release()).append(", `").append(timed.suite()).append("`\n"));
        waits.forEach(waited -> md.append("- lock wait on ").append(AreaRow.oneLine(waited.lock().toText())).append(" — upgrade to ")
                .append(waited.release()).append(", `").append(waited.suite()).append("`\n"));
        return md.append('\n').toString();
    }

    /** As {@code release-readiness.json} lists them. */
    void writeTo(ObjectNode root) {
        ArrayNode migrations = root.putArray("slowestMigrations");
        slowest.forEach(timed -> migrations.addObject().put("suite", timed.suite()).put("release", timed.release())
                .put("id", timed.migration().id()).put("description", timed.migration().description())
                .put("durationMillis", timed.migration().durationMillis())
                .put("source", timed.migration().source().name().toLowerCase(Locale.ROOT)));
        ArrayNode waited = root.putArray("lockWaits");
        waits.forEach(wait -> waited.addObject().put("suite", wait.suite()).put("release", wait.release())
                .put("table", wait.lock().table()).put("longestReadWaitMillis", wait.lock().longestReadWaitMillis())
                .put("longestWriteWaitMillis", wait.lock().longestWriteWaitMillis()).put("rounds", wait.lock().rounds()));
    }
}
