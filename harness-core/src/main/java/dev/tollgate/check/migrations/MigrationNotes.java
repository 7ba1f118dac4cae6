package dev.tollgate.check.migrations;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.tollgate.db.AppliedMigration;

/**
 * The release notes an operator reads before upgrading, held against the migrations the upgrade
 * applied: each one must be named there (by its version, {@code 5}, {@code V5} or {@code V5__…}), and,
 * where {@code sections} are asked for, have a Markdown heading of its own whose text says each of
 * them (the guide's "each migration documents purpose, tables, rollback, compatibility").
 *
 * @param file     the notes, as the suite named them (for messages)
 * @param resolved where that is
 * @param text     their content, or null when there is no such file
 * @param sections words each migration's section must contain, case-insensitive; empty: being named is enough
 */
record MigrationNotes(Path file, Path resolved, String text, List<String> sections) {

    private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s");

    MigrationNotes {
        sections = List.copyOf(sections);
    }

    /** One line per migration the notes do not account for; empty when they account for every one. */
    List<String> problems(List<AppliedMigration> applied) {
        if (text == null) {
            return List.of("the release notes " + file + " are not there (" + resolved + "); write them, or correct documentedIn:"
                    + " (relative to the suite's directory)");
        }
        List<String> problems = new ArrayList<>();
        String[] lines = text.split("\\R", -1);
        for (AppliedMigration migration : applied) {
            if (migration.version() == null) {
                continue;  // a repeatable migration has no version to name; its description changes with it
            }
            Pattern named = named(migration.version());
            if (sections.isEmpty()) {
                if (!named.matcher(text).find()) {
                    problems.add(HistoryComparison.name(migration) + " is not named in " + file);
                }
                continue;
            }
            int heading = heading(lines, named);
            if (heading < 0) {
                problems.add(HistoryComparison.name(migration) + " has no section (a heading naming " + migration.version()
                        + ") in " + file);
                continue;
            }
            String section = section(lines, heading).toLowerCase(Locale.ROOT);
            List<String> missing = sections.stream().filter(word -> !section.contains(word.toLowerCase(Locale.ROOT))).toList();
            if (!missing.isEmpty()) {
                problems.add("the section of " + HistoryComparison.name(migration) + " in " + file + " (line " + (heading + 1)
                        + ") does not say " + String.join(", ", missing));
            }
        }
        return problems;
    }

    java.util.Optional<String> textIfRead() {
        return java.util.Optional.ofNullable(text);
    }

    // The version as a token of its own: "5" in "V5", "V5__add.sql" or "migration 5", not in "15" or "1.5".
    private static Pattern named(String version) {
        return Pattern.compile("(?<![0-9A-Za-z.])[vV]?" + Pattern.quote(version) + "(?![0-9A-Za-z]|\\.[0-9])");
    }

    private static int heading(String[] lines, Pattern named) {
        for (int i = 0; i < lines.length; i++) {
            if (HEADING.matcher(lines[i]).find() && named.matcher(lines[i]).find()) {
                return i;
            }
        }
        return -1;
    }

    // From the heading to the next heading of the same or a higher level.
    private static String section(String[] lines, int heading) {
        Matcher own = HEADING.matcher(lines[heading]);
        int level = own.find() ? own.group(1).length() : 1;
        StringBuilder section = new StringBuilder(lines[heading]);
        for (int i = heading + 1; i < lines.length; i++) {
            Matcher next = HEADING.matcher(lines[i]);
            if (next.find() && next.group(1).length() <= level) {
                break;
            }
            section.append('\n').append(lines[i]);
        }
        return section.toString();
    }
}
