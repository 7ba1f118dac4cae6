package dev.tollgate.check.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Finds the lines of a log that match a failure pattern and no allow pattern. Each line is matched
 * on its own, so {@code ^} and {@code $} mean the start and end of a line.
 *
 * @param patterns what marks a failure
 * @param allow    what marks a line as fine even when it looks like a failure
 */
record LogScan(List<Pattern> patterns, List<Pattern> allow) {

    /**
     * One offending line.
     *
     * @param number  1-based line number in the log
     * @param text    the line
     * @param pattern the first failure pattern it matched
     */
    record Match(int number, String text, Pattern pattern) {
    }

    LogScan {
        patterns = List.copyOf(patterns);
        allow = List.copyOf(allow);
    }

    List<Match> scan(List<String> lines) {
        List<Match> matches = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Optional<Pattern> failure = patterns.stream().filter(p -> p.matcher(line).find()).findFirst();
            if (failure.isPresent() && allow.stream().noneMatch(p -> p.matcher(line).find())) {
                matches.add(new Match(i + 1, line, failure.get()));
            }
        }
        return matches;
    }

    /**
     * The matching lines with {@code context} lines around each, numbered, with {@code >} marking the
     * matches and {@code ...} the gaps: what a reader needs to see why a line failed the check.
     */
    static String excerpt(List<String> lines, List<Match> matches, int context) {
        TreeSet<Integer> shown = new TreeSet<>();
        TreeSet<Integer> marked = new TreeSet<>();
        for (Match match : matches) {
            marked.add(match.number());
            for (int n = Math.max(1, match.number() - context); n <= Math.min(lines.size(), match.number() + context); n++) {
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
