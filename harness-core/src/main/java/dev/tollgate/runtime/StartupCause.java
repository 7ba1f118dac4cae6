package dev.tollgate.runtime;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apiguardian.api.API;

/**
 * Why a release exited or never answered, read from its log: a migration tool's own failure line
 * (which migration failed) with the database's error, else the innermost {@code Caused by:} of the
 * log's first stack trace. A log's last line is often the tail of a stack trace
 * ({@code ... 142 common frames omitted}) and says nothing; the cause is usually much earlier.
 *
 * @param failure       what failed: the migration tool's line, or the innermost cause of the first stack trace
 * @param databaseError the database's own error ({@code ERROR: index "x" does not exist}), when the log has one
 *                      and {@code failure} does not already say it
 */
@API(status = INTERNAL, since = "0.2")
public record StartupCause(String failure, Optional<String> databaseError) {

    /** Each migration tool's line naming the migration that failed; group 1 is the line's point. */
    private static final List<Pattern> MIGRATION_FAILED = List.of(
            Pattern.compile("(Migration [^\\s\"]+ failed)"),                             // Flyway
            Pattern.compile("(Failed to execute script [^\\s\"]+)"),                     // Flyway 10+
            Pattern.compile("(Migration failed for change ?set \\S+)"),                  // Liquibase
            Pattern.compile("(migration file \"[^\"]+\" failed)"),                       // Knex
            Pattern.compile("(Migration \"[^\"]+\" failed.*)"),                          // TypeORM
            Pattern.compile("(Migration name: \\S+)"),                                   // Prisma (P3018)
            Pattern.compile("((?i:migration) .{1,100}? failed\\b.*)"));                  // any other wording
    /** Tools that name the migration they start, not the one that failed: the last such line before the error counts. */
    private static final List<Pattern> MIGRATION_STARTED = List.of(
            Pattern.compile("(Migrating schema \\S+ to version \"[^\"]+\")"),             // Flyway's own log
            Pattern.compile("(== \\d+ \\w+: migrating)"),                               // Rails
            Pattern.compile("(== Running \\S+ \\S+)"),                                  // Ecto
            Pattern.compile("(Running upgrade \\S* -> [^\\s,]+)"),                         // Alembic
            Pattern.compile("(Applying \\S+)\\.\\.\\."));                              // Django
    /** The database's error in the wordings drivers and tools print it. */
    private static final List<Pattern> DATABASE_ERROR = List.of(
            // PostgreSQL's own wording, where a driver or tool quotes it: JDBC, Flyway, Liquibase, libpq, PG::
            Pattern.compile("(?:Exception: |Message\\s+: |PG::\\w+: |failed: |^\\s*)(ERROR:\\s+.+)"),
            Pattern.compile("(?:psycopg2?\\.errors|django\\.db\\.utils)\\.\\w+: (.+)"),      // psycopg, Django
            Pattern.compile("\\b(ERROR \\w{5} \\(\\w+\\).+)"),                         // Postgrex: ERROR 42P01 (undefined_table) …
            Pattern.compile("\\((?:psycopg2?\\.errors\\.\\w+)\\)\\s*(.+)"),              // psycopg: (psycopg2.errors.X) …
            Pattern.compile("migration failed with error: (.+)"));                      // Knex
    private static final Pattern EXCEPTION_HEAD = Pattern.compile("^[\\w$.]*(?:Exception|Error|Throwable)\\b");
    private static final Pattern FRAME = Pattern.compile("^\\s+at |^\\s+\\.\\.\\. \\d+ ");
    private static final Pattern CAUSED_BY = Pattern.compile("^\\s*Caused by: (.+)");
    private static final Pattern ENTRY_START = Pattern.compile("^(?:\\d{4}-\\d\\d-\\d\\d|\\d\\d:\\d\\d:\\d\\d|\\[|\\{)");
    private static final int MAX = 400;

    public StartupCause {
        databaseError = databaseError.filter(error -> !failure.contains(error));
    }

    /** The cause {@code log} tells of, if it tells of one; empty when the file cannot be read. */
    public static Optional<StartupCause> in(Path log) {
        try {
            return of(new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The cause the lines tell of, if they tell of one. */
    public static Optional<StartupCause> of(List<String> lines) {
        Optional<String> databaseError = databaseError(lines);
        Optional<String> migration = migrationFailure(lines);
        if (migration.isPresent()) {
            return Optional.of(new StartupCause(migration.get(), databaseError));
        }
        return innermostCause(lines).map(cause -> new StartupCause(cause, databaseError));
    }

    /** One line for a summary: {@code failure: database error}. */
    public String summary() {
        return abbreviate(failure + databaseError.map(error -> ": " + error).orElse(""));
    }

    private static Optional<String> migrationFailure(List<String> lines) {
        for (Pattern pattern : MIGRATION_FAILED) {
            for (String line : lines) {
                Matcher matcher = pattern.matcher(line);
                if (matcher.find()) {
                    return Optional.of(matcher.group(1).strip().replaceAll(":+$", ""));
                }
            }
        }
        // A tool that names only what it starts tells of a failure where the database's error follows.
        Optional<Integer> errorAt = firstDatabaseErrorLine(lines);
        if (errorAt.isEmpty()) {
            return Optional.empty();
        }
        for (int i = errorAt.get(); i >= 0; i--) {
            for (Pattern pattern : MIGRATION_STARTED) {
                Matcher matcher = pattern.matcher(lines.get(i));
                if (matcher.find()) {
                    return Optional.of("migration failed: " + matcher.group(1).strip());
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Integer> firstDatabaseErrorLine(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            int line = i;
            if (DATABASE_ERROR.stream().anyMatch(p -> p.matcher(lines.get(line)).find())) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    private static Optional<String> databaseError(List<String> lines) {
        for (String line : lines) {
            for (Pattern pattern : DATABASE_ERROR) {
                Matcher matcher = pattern.matcher(line);
                if (matcher.find()) {
                    return Optional.of(matcher.group(1).strip());
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The last {@code Caused by:} of the first stack trace (the trace runs from the line before its
     * first frame to the next log entry), else the trace's own first line.
     */
    private static Optional<String> innermostCause(List<String> lines) {
        int firstFrame = -1;
        for (int i = 0; i < lines.size() && firstFrame < 0; i++) {
            if (FRAME.matcher(lines.get(i)).find()) {
                firstFrame = i;
            }
        }
        if (firstFrame < 0) {
            return Optional.empty();
        }
        int head = firstFrame - 1;
        for (int i = head; i >= Math.max(0, firstFrame - 20); i--) {
            if (EXCEPTION_HEAD.matcher(lines.get(i).strip()).find()) {
                head = i;  // past a multi-line message, to the line that names the exception
                break;
            }
        }
        Optional<String> cause = Optional.empty();
        for (int i = firstFrame; i < lines.size() && !ENTRY_START.matcher(lines.get(i)).find(); i++) {
            Matcher matcher = CAUSED_BY.matcher(lines.get(i));
            if (matcher.find()) {
                cause = Optional.of(matcher.group(1).strip());
            }
        }
        if (cause.isPresent()) {
            return cause;
        }
        return head >= 0 ? Optional.of(lines.get(head).strip()).filter(line -> !line.isEmpty()) : Optional.empty();
    }

    private static String abbreviate(String text) {
        String flat = text.replaceAll("\\s+", " ").trim();
        return flat.length() > MAX ? flat.substring(0, MAX) + "…" : flat;
    }
}
