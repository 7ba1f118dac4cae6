package dev.tollgate.load;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.tollgate.model.LoadIssue;
import dev.tollgate.model.SourcePosition;

/**
 * Collects the problems of one load. Each structural problem remembers the JSON pointer of the
 * YAML it is about, so the schema's findings on the same spot can be dropped instead of shown
 * twice.
 */
final class Issues {

    private record Entry(LoadIssue issue, String pointer) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final List<Entry> explained = new ArrayList<>();
    // Files in the order they were opened, so a report reads root first, then includes.
    private final Map<Path, Integer> fileOrder = new HashMap<>();

    void opened(Path file) {
        fileOrder.putIfAbsent(file, fileOrder.size());
    }

    /** A problem about the YAML at {@code pointer} (JSON pointer syntax, {@code ""} for the document). */
    void add(SourcePosition position, String pointer, String message) {
        opened(position.file());
        entries.add(new Entry(new LoadIssue(position, message), pointer));
    }

    /**
     * Marks YAML as accounted for by a problem reported elsewhere (a missing {@code scenario:} that
     * is really the typo {@code scenarios:}), so the schema does not report it after all.
     */
    void explained(SourcePosition position, String pointer) {
        opened(position.file());
        explained.add(new Entry(new LoadIssue(position, ""), pointer));
    }

    /** A problem that is not about the shape of the YAML (a reference, a variable, a file). */
    void add(SourcePosition position, String message) {
        add(position, null, message);
    }

    /** Whether a problem was already reported on {@code pointer}, on something inside it, or on what holds it. */
    boolean covers(Path file, String pointer) {
        return Stream.concat(entries.stream(), explained.stream()).anyMatch(entry -> entry.pointer() != null
                && entry.issue().position().file().equals(file)
                && overlap(entry.pointer(), pointer));
    }

    private static boolean overlap(String a, String b) {
        return a.equals(b) || a.startsWith(b + "/") || b.startsWith(a + "/");
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    /** Every issue once, in file, line and column order. */
    List<LoadIssue> sorted() {
        Comparator<LoadIssue> order = Comparator
                .comparingInt((LoadIssue issue) -> fileOrder.getOrDefault(issue.position().file(), Integer.MAX_VALUE))
                .thenComparingInt(issue -> issue.position().line())
                .thenComparingInt(issue -> issue.position().column());
        return List.copyOf(new LinkedHashSet<>(entries.stream().map(Entry::issue).sorted(order).toList()));
    }
}
