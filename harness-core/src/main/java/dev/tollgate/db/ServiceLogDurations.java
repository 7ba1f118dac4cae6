package dev.tollgate.db;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a migration ran, read off the service's log where its tool keeps no time: from the first
 * line that names the migration to the last that does, or, where only one line names it, to the next
 * line (the tool moving on to the next migration, or saying it is done); lines count that have a
 * timestamp at the start ({@code 2026-12-06T21:14:10.123Z},
 * {@code 2026-12-06 21:14:10,123}). A line names a migration by its description where the tool records
 * one (Flyway prints {@code to version "7 - add mission reviewed at"}), else by its id as a word of its own.
 */
final class ServiceLogDurations {

    private static final Pattern STAMP = Pattern.compile(
            "^\\W{0,2}(\\d{4}-\\d{2}-\\d{2})[T ](\\d{2}:\\d{2}:\\d{2})(?:[.,](\\d{1,9}))?");

    /** The log's lines that have a timestamp, each parsed once; the others never count. */
    private final List<StampedLine> lines;

    ServiceLogDurations(List<String> lines) {
        this.lines = lines.stream()
                .flatMap(line -> stamp(line).map(time -> new StampedLine(time, line)).stream())
                .toList();
    }

    private record StampedLine(LocalDateTime time, String text) {
    }

    /** The migration's duration in milliseconds, when the log names it and time-stamps where it ended. */
    Optional<Long> of(String id, String description) {
        Pattern names = description != null && description.strip().length() >= 3
                ? Pattern.compile(Pattern.quote(description.strip()))
                : Pattern.compile("(?<![\\w.])" + Pattern.quote(id) + "(?![\\w.])");
        LocalDateTime first = null;
        LocalDateTime last = null;
        LocalDateTime next = null;
        for (StampedLine line : lines) {
            if (names.matcher(line.text()).find()) {
                first = first == null ? line.time() : first;
                last = line.time();
            } else if (first != null && first.equals(last) && next == null) {
                next = line.time();
            }
        }
        if (first == null) {
            return Optional.empty();
        }
        // Named more than once: it started and ended on the lines naming it (Rails' "migrating" and
        // "migrated"). Named once (Flyway's "Migrating schema … to version"): it ran until the tool's next line.
        LocalDateTime end = last.isAfter(first) ? last : next;
        return end == null ? Optional.empty() : Optional.of(Math.max(0, Duration.between(first, end).toMillis()));
    }

    static Optional<LocalDateTime> stamp(String line) {
        Matcher matcher = STAMP.matcher(line);
        if (!matcher.find()) {
            return Optional.empty();
        }
        String fraction = matcher.group(3) == null ? "0" : matcher.group(3);
        try {
            return Optional.of(LocalDateTime.parse(matcher.group(1) + "T" + matcher.group(2))
                    .plusNanos(Long.parseLong((fraction + "000000000").substring(0, 9))));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
