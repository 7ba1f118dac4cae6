package dev.tollgate.check.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Finds the entries of a log that fail a {@code logs} check, unless an allow pattern says they are
 * fine. Two ways to read a log:
 *
 * <ul>
 * <li>{@link #byLevel}: the default. A line that names its level ({@link LogLevel}) starts an entry;
 * the lines after it that name none (a stack trace, a thread dump, a wrapped message) belong to it.
 * An entry fails when it was logged at {@code failLevel} or above, or at WARN with a failed
 * migration or a refused connection in it; an INFO thread dump or {@code WARN … Error Code: 0} is
 * fine. Lines before any level (plain output) are read the old way, one by one: the word ERROR,
 * a stack frame, a failed migration, a refused connection.</li>
 * <li>{@link #byLine}: a suite's own patterns, each found anywhere in any line.</li>
 * </ul>
 *
 * Each line is matched on its own, so {@code ^} and {@code $} mean the start and end of a line.
 */
final class LogScan {

    /** What fails a WARN entry, or a line of plain output. */
    static final List<Pattern> FAILURE_WORDS = List.of(
            Pattern.compile("(?i)migration.*failed"),
            Pattern.compile("(?i)connection refused"));
    /** What fails a line of plain output besides {@link #FAILURE_WORDS}. */
    static final List<Pattern> PLAIN_OUTPUT = List.of(
            Pattern.compile("^\\s+at [\\w.$]+\\("),
            Pattern.compile("\\b(?:ERROR|FATAL)\\b"),
            Pattern.compile("^Exception in thread "));
    private static final Pattern UNCAUGHT = Pattern.compile("^Exception in thread ");
    private static final Pattern FRAME = Pattern.compile("^\\s+(?:at |\\.\\.\\. \\d+ (?:more|common frames omitted))|^Caused by: ");

    /**
     * One failing entry.
     *
     * @param number 1-based number of the line that decided (the entry's first line when its level did)
     * @param text   that line, whole
     * @param rule   what decided: {@code logged at ERROR}, or the pattern that matched
     * @param last   the number of the entry's last line (its stack trace, say), {@code number} for one line
     */
    record Match(int number, String text, String rule, int last) {

        /** How many lines after {@code number} belong to the entry. */
        int following() {
            return last - number;
        }
    }

    private final List<Pattern> patterns;
    private final List<Pattern> allow;
    private final Optional<LogLevel> failLevel;

    private LogScan(List<Pattern> patterns, List<Pattern> allow, Optional<LogLevel> failLevel) {
        this.patterns = List.copyOf(patterns);
        this.allow = List.copyOf(allow);
        this.failLevel = failLevel;
    }

    /** A suite's own patterns, found anywhere in any line. */
    static LogScan byLine(List<Pattern> patterns, List<Pattern> allow) {
        return new LogScan(patterns, allow, Optional.empty());
    }

    /** The default: entries at {@code failLevel} or above fail (see the class comment). */
    static LogScan byLevel(LogLevel failLevel, List<Pattern> allow) {
        return new LogScan(List.of(), allow, Optional.of(failLevel));
    }

    /** The lines of a log. Decoding replaces bad bytes: a service that logs binary must not break a check. */
    static List<String> lines(java.nio.file.Path log) throws java.io.IOException {
        return new String(java.nio.file.Files.readAllBytes(log), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
    }

    List<Match> scan(List<String> lines) {
        List<Match> matches = failLevel.isPresent() ? byLevel(lines, failLevel.get()) : byLine(lines);
        return matches.stream().filter(match -> !allowed(match.text())).toList();
    }

    private List<Match> byLine(List<String> lines) {
        List<Match> matches = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Optional<Pattern> failure = first(patterns, lines.get(i));
            if (failure.isPresent()) {
                matches.add(new Match(i + 1, lines.get(i), "/" + failure.get() + "/", i + 1));
            }
        }
        return matches;
    }

    private List<Match> byLevel(List<String> lines, LogLevel fail) {
        List<Match> matches = new ArrayList<>();
        int start = 0;
        while (start < lines.size()) {
            Optional<LogLevel> level = LogLevel.of(lines.get(start));
            int end = start + 1;
            // An entry runs to the next line that names its level; plain output before any level stands alone.
            while (end < lines.size() && level.isPresent() && LogLevel.of(lines.get(end)).isEmpty()
                    && !UNCAUGHT.matcher(lines.get(end)).find()) {
                end++;
            }
            if (level.isEmpty()) {
                plainLine(lines, start).ifPresent(matches::add);
                end = skipFrames(lines, start, matches);
            } else if (level.get().atLeast(fail)) {
                matches.add(new Match(start + 1, lines.get(start), "logged at " + level.get(), end));
            } else if (level.get().atLeast(LogLevel.WARN)) {
                warning(lines, start, end, level.get()).ifPresent(matches::add);
            }
            start = end;
        }
        return matches;
    }

    /** A line of plain output that fails; a stack trace under it counts once, with its frames as its entry. */
    private static Optional<Match> plainLine(List<String> lines, int index) {
        String line = lines.get(index);
        Optional<Pattern> failure = first(FAILURE_WORDS, line).or(() -> first(PLAIN_OUTPUT, line));
        if (failure.isEmpty()) {
            return Optional.empty();
        }
        int last = index + 1;
        while (last < lines.size() && FRAME.matcher(lines.get(last)).find()) {
            last++;
        }
        return Optional.of(new Match(index + 1, line, "/" + failure.get() + "/", last));
    }

    /** Past the frames the last match took in (so one stack trace is one match), else the next line. */
    private static int skipFrames(List<String> lines, int index, List<Match> matches) {
        if (!matches.isEmpty() && matches.get(matches.size() - 1).number() == index + 1) {
            return matches.get(matches.size() - 1).last();
        }
        return index + 1;
    }

    private static Optional<Match> warning(List<String> lines, int start, int end, LogLevel level) {
        for (int i = start; i < end; i++) {
            Optional<Pattern> failure = first(FAILURE_WORDS, lines.get(i));
            if (failure.isPresent()) {
                return Optional.of(new Match(i + 1, lines.get(i), "/" + failure.get() + "/ in a " + level + " entry", end));
            }
        }
        return Optional.empty();
    }

    private boolean allowed(String line) {
        return first(allow, line).isPresent();
    }

    private static Optional<Pattern> first(List<Pattern> candidates, String line) {
        return candidates.stream().filter(p -> p.matcher(line).find()).findFirst();
    }

    /**
     * The failing entries whole (up to {@code entryLines} lines each) with {@code context} lines
     * around, numbered, with {@code >} marking the line that decided and {@code ...} the gaps: what a
     * reader needs to see why an entry failed the check.
     */
    static String excerpt(List<String> lines, List<Match> matches, int context, int entryLines) {
        TreeSet<Integer> shown = new TreeSet<>();
        TreeSet<Integer> marked = new TreeSet<>();
        for (Match match : matches) {
            marked.add(match.number());
            int last = Math.min(match.last(), match.number() + entryLines - 1);
            for (int n = Math.max(1, match.number() - context); n <= Math.min(lines.size(), last + context); n++) {
                shown.add(n);
            }
        }
        StringBuilder text = new StringBuilder();
        int previous = 0;
        int width = Integer.toString(lines.size()).length();
        for (int n : shown) {
            if (previous != 0 && n > previous + 1) {
                text.append("...\n");
            }
            text.append(marked.contains(n) ? "> " : "  ").append(String.format("%" + width + "d", n)).append(": ")
                    .append(lines.get(n - 1)).append('\n');
            previous = n;
        }
        return text.toString();
    }
}
