package dev.tollgate.engine;

import java.sql.SQLException;
import java.util.Optional;

import dev.tollgate.api.ErrorCode;
import dev.tollgate.api.TollgateException;
import dev.tollgate.db.AppliedMigration;
import dev.tollgate.db.MigrationHistories;
import dev.tollgate.db.MigrationHistory;
import dev.tollgate.system.DatabaseEndpoint;

/**
 * Where the migration history stopped when a release exited or never answered: a migration that
 * failed on PostgreSQL often leaves no row at all (its DDL was rolled back with its transaction),
 * so the history alone looks merely one version short. Said on the failure's first line, the one
 * summaries show.
 */
final class HistoryAfterFailedStart {

    private HistoryAfterFailedStart() {
    }

    static TollgateException explain(TollgateException e, java.util.function.Supplier<DatabaseEndpoint> database) {
        if (e.code() != ErrorCode.RUNTIME_SERVICE_EXITED && e.code() != ErrorCode.RUNTIME_SERVICE_NOT_READY) {
            return e;
        }
        Optional<String> note = note(database);
        if (note.isEmpty()) {
            return e;
        }
        String message = e.getMessage();
        int lineEnd = message.indexOf('\n') < 0 ? message.length() : message.indexOf('\n');
        int logNamed = message.indexOf(". Its log is ");  // "did not answer … (last answer: …). Its log is …"
        int at = logNamed >= 0 && logNamed < lineEnd ? logNamed : lineEnd;
        return new TollgateException(e.code(), message.substring(0, at) + "; " + note.get() + message.substring(at), e);
    }

    private static Optional<String> note(java.util.function.Supplier<DatabaseEndpoint> database) {
        MigrationHistory history;
        try {
            history = MigrationHistories.read(database.get());
        } catch (SQLException | RuntimeException e) {
            return Optional.empty();  // no history to tell of: the failure's own words stand
        }
        if (history.tool().equals(MigrationHistory.NO_TOOL)) {
            return Optional.empty();
        }
        String newest = history.newestApplied().map(AppliedMigration::version).orElse("none");
        if (!history.failed().isEmpty()) {
            return Optional.of("migration history (" + history.tool() + ") records " + history.failed().get(0).version()
                    + " as failed; newest applied " + newest);
        }
        return Optional.of("migration history (" + history.tool() + ") stops at " + newest
                + " with no row for a failed migration (a transactional migration that failed is rolled back with its DDL)");
    }
}
