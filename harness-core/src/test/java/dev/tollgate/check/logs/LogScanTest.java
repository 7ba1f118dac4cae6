package dev.tollgate.check.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class LogScanTest {

    private static final List<String> LOG = List.of(
            "12:00 INFO Started",
            "12:01 ERROR Router - GET /x failed: SQL error 42703",
            "java.lang.IllegalStateException: boom",
            "\tat dev.tollgate.sample.Router.handle(Router.java:47)",
            "12:02 INFO GET /x 500",
            "12:03 INFO quiet",
            "12:04 INFO quiet",
            "12:05 WARN Migration V5 failed; schema version is still 4");

    private static LogScan scan(List<String> patterns, List<String> allow) {
        return LogScan.byLine(patterns.stream().map(Pattern::compile).toList(), allow.stream().map(Pattern::compile).toList());
    }

    private static LogScan byLevel(List<String> allow) {
        return LogScan.byLevel(LogLevel.ERROR, allow.stream().map(Pattern::compile).toList());
    }

    @Test
    void defaultFindsErrorEntriesWithTheirStackTraceAndWarnedFailedMigrations() {
        List<LogScan.Match> matches = byLevel(List.of()).scan(LOG);
        assertEquals(List.of(2, 8), matches.stream().map(LogScan.Match::number).toList());
        assertEquals(4, matches.get(0).last(), "the stack trace belongs to the ERROR entry");
        assertEquals("logged at ERROR", matches.get(0).rule());
    }

    @Test
    void allowedEntriesAreFineWithTheirStackTrace() {
        List<LogScan.Match> matches = byLevel(List.of("SQL error 42703")).scan(LOG);
        assertEquals(List.of(8), matches.stream().map(LogScan.Match::number).toList());
    }

    @Test
    void ownPatternsMatchEveryLineWhateverItsLevel() {
        List<LogScan.Match> matches = scan(List.of("(?i)\\bERROR\\b", "^\\s+at "), List.of()).scan(LOG);
        assertEquals(List.of(2, 4), matches.stream().map(LogScan.Match::number).toList());
    }

    @Test
    void plainOutputWithoutLevelsIsReadLineByLineAndOneStackTraceIsOneMatch() {
        List<LogScan.Match> matches = byLevel(List.of()).scan(List.of(
                "starting",
                "Exception in thread \"main\" java.lang.IllegalStateException: boom",
                "\tat dev.x.Main.main(Main.java:3)",
                "\tat dev.x.Main.run(Main.java:9)",
                "Error Code: 0 is fine without the word in capitals",
                "FATAL: database \"x\" does not exist"));
        assertEquals(List.of(2, 6), matches.stream().map(LogScan.Match::number).toList());
        assertEquals(4, matches.get(0).last());
    }

    @Test
    void excerptShowsContextAndMarksMatches() {
        List<LogScan.Match> matches = scan(List.of("ERROR", "Migration"), List.of()).scan(LOG);
        assertEquals("""
                  1: 12:00 INFO Started
                > 2: 12:01 ERROR Router - GET /x failed: SQL error 42703
                  3: java.lang.IllegalStateException: boom
                ...
                  7: 12:04 INFO quiet
                > 8: 12:05 WARN Migration V5 failed; schema version is still 4
                """, LogScan.excerpt(LOG, matches, 1, 1));
    }
}
