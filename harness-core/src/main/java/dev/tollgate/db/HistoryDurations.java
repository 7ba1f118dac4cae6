package dev.tollgate.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.tollgate.db.Catalog.TableRef;

/**
 * How long each migration of a history ran, where its tool's table tells: a duration the tool keeps,
 * or the timestamps it writes, whose gaps within one upgrade are the migrations' times. Each query
 * reads the rows the tool's {@link SqlHistoryReader} reads, in the same order, so its rows pair with
 * the history's one by one.
 */
final class HistoryDurations {

    /** What a tool's table holds of a migration's time. */
    enum Kind {
        /** A duration in milliseconds. */
        DURATION,
        /** When the migration started (in PostgreSQL, {@code now()} inside its transaction): it ran until the next began. */
        STARTED,
        /** When it finished (stamped by the tool's own clock after it ran): it ran since the one before finished. */
        FINISHED
    }

    /**
     * @param kind     what the query's first column is ({@link Kind#DURATION} milliseconds, else epoch
     *                 milliseconds); a second column, where there is one, is the run the row belongs to
     *                 (Liquibase's deployment), and a gap counts only within one run
     * @param requires the columns the query reads beyond those the reader identifies the table by
     * @param query    with {@code %s} where the table goes
     */
    record Source(Kind kind, List<String> requires, String query) {
    }

    private static final Map<String, Source> SOURCES = Map.of(
            // execution_time: milliseconds, written with the row.
            "flyway", new Source(Kind.DURATION, List.of(), """
                    SELECT execution_time::bigint FROM %s WHERE type <> 'SCHEMA' ORDER BY installed_rank"""),
            // DATEEXECUTED is NOW() in the changeset's transaction; DEPLOYMENT_ID (since 3.5) tells one update from the next.
            "liquibase", new Source(Kind.STARTED, List.of("deployment_id"), """
                    SELECT (extract(epoch FROM dateexecuted) * 1000)::bigint, deployment_id FROM %s
                     ORDER BY orderexecuted, dateexecuted"""),
            // execution_time: nanoseconds.
            "sqlx", new Source(Kind.DURATION, List.of("execution_time"), """
                    SELECT execution_time / 1000000 FROM %s ORDER BY version"""),
            // execution_time: a Go time.Duration, nanoseconds.
            "atlas", new Source(Kind.DURATION, List.of("execution_time"), """
                    SELECT execution_time / 1000000 FROM %s WHERE version NOT LIKE '.%%' ORDER BY version"""),
            "prisma", new Source(Kind.DURATION, List.of(), """
                    SELECT (extract(epoch FROM finished_at - started_at) * 1000)::bigint FROM %s
                     WHERE rolled_back_at IS NULL ORDER BY started_at, migration_name"""),
            // execution_time: milliseconds (Doctrine Migrations 3); empty for a version added by hand.
            "doctrine", new Source(Kind.DURATION, List.of(), """
                    SELECT execution_time::bigint FROM %s ORDER BY version"""),
            // applied: Django's clock when it recorded the migration, after running it.
            "django", new Source(Kind.FINISHED, List.of(), """
                    SELECT (extract(epoch FROM applied) * 1000)::bigint FROM %s ORDER BY id"""),
            // migration_time: Knex's clock when it recorded the migration, after running it.
            "knex", new Source(Kind.FINISHED, List.of(), """
                    SELECT (extract(epoch FROM migration_time) * 1000)::bigint FROM %s ORDER BY id"""));

    private HistoryDurations() {
    }

    /**
     * Each history row's duration, in the history's order; {@code null} where the table does not
     * tell (a tool that keeps no time, the last of a run for start stamps, the first of one for finish
     * stamps). Only rows marked {@code fresh} (applied by the upgrade being measured) count as the
     * neighbours of a gap.
     *
     * @return one entry per row, or an empty list when the table tells nothing or does not pair up
     */
    static List<Long> read(Connection connection, String tool, HistoryTable located, List<Boolean> fresh)
            throws SQLException {
        Source source = SOURCES.get(tool);
        if (source == null || !hasColumns(connection, located, source.requires())) {
            return List.of();
        }
        List<Long> values = new ArrayList<>();
        List<String> runs = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(
                source.query().formatted(new TableRef(located.schema(), located.name()).sql()))) {
            boolean grouped = rows.getMetaData().getColumnCount() > 1;
            while (rows.next()) {
                long value = rows.getLong(1);
                values.add(rows.wasNull() ? null : value);
                runs.add(grouped ? rows.getString(2) : "");
            }
        }
        if (values.size() != fresh.size()) {
            return List.of();
        }
        return source.kind() == Kind.DURATION ? values : gaps(source.kind(), values, runs, fresh);
    }

    private static List<Long> gaps(Kind kind, List<Long> stamps, List<String> runs, List<Boolean> fresh) {
        List<Long> durations = new ArrayList<>();
        for (int i = 0; i < stamps.size(); i++) {
            int other = kind == Kind.STARTED ? i + 1 : i - 1;
            boolean paired = other >= 0 && other < stamps.size() && fresh.get(i) && fresh.get(other)
                    && java.util.Objects.equals(runs.get(i), runs.get(other))
                    && stamps.get(i) != null && stamps.get(other) != null;
            durations.add(paired ? Math.abs(stamps.get(other) - stamps.get(i)) : null);
        }
        return durations;
    }

    private static boolean hasColumns(Connection connection, HistoryTable located, List<String> columns) throws SQLException {
        return columns.isEmpty() || Catalog.columns(connection, new TableRef(located.schema(), located.name())).containsAll(columns);
    }
}
