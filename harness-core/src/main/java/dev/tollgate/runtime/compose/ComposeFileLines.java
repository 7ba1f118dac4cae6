package dev.tollgate.runtime.compose;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds lines of a compose file as its author wrote it, for messages that point at them: the
 * {@code image:} line of a service, also where the service takes it from an anchor
 * ({@code app-1: *app}, {@code <<: *app}). Compose's {@code config} output has no line numbers.
 */
final class ComposeFileLines {

    private static final Pattern KEY = Pattern.compile("^(\\s*)([A-Za-z0-9_.-]+|<<|\"[^\"]+\"|'[^']+'):(.*)$");

    /** A line of the file: its number (from 1) and text. */
    record Line(int number, String text) {
    }

    private ComposeFileLines() {
    }

    static Optional<Line> imageLine(Path file, String service) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            return Optional.empty();
        }
        int services = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).matches("^services:\\s*(#.*)?$")) {
                services = i;
                break;
            }
        }
        if (services < 0) {
            return Optional.empty();
        }
        for (int i = services + 1; i < lines.size(); i++) {
            Matcher key = KEY.matcher(lines.get(i));
            if (key.matches() && key.group(1).isEmpty()) {
                break; // the next top-level key: the service was not found
            }
            if (key.matches() && unquote(key.group(2)).equals(service)) {
                return inBlock(lines, i, 0);
            }
        }
        return Optional.empty();
    }

    /** The image: line of the mapping that starts at {@code start}, following anchors it refers to. */
    private static Optional<Line> inBlock(List<String> lines, int start, int depth) {
        if (depth > 5) {
            return Optional.empty();
        }
        Matcher head = KEY.matcher(lines.get(start));
        if (!head.matches()) {
            return Optional.empty();
        }
        int indent = head.group(1).length();
        String inline = head.group(3).strip();
        if (inline.startsWith("*")) {
            return anchor(lines, inline.substring(1).strip(), depth);
        }
        String merged = null;
        int childIndent = -1;
        for (int i = start + 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.strip().startsWith("#")) {
                continue;
            }
            Matcher key = KEY.matcher(line);
            int lineIndent = line.length() - line.stripLeading().length();
            if (lineIndent <= indent) {
                break;
            }
            childIndent = childIndent < 0 ? lineIndent : childIndent;
            if (lineIndent != childIndent) {
                continue; // inside a nested mapping (environment: <<: *env): not the service's own keys
            }
            if (key.matches() && key.group(2).equals("image")) {
                return Optional.of(new Line(i + 1, line));
            }
            if (key.matches() && key.group(2).equals("<<") && key.group(3).strip().startsWith("*")) {
                merged = key.group(3).strip().substring(1).strip();
            }
        }
        return merged == null ? Optional.empty() : anchor(lines, merged, depth);
    }

    private static Optional<Line> anchor(List<String> lines, String name, int depth) {
        Pattern defined = Pattern.compile("^\\s*[^#]*:\\s*&" + Pattern.quote(name) + "\\s*(#.*)?$");
        for (int i = 0; i < lines.size(); i++) {
            if (defined.matcher(lines.get(i)).matches()) {
                return inBlock(lines, i, depth + 1);
            }
        }
        return Optional.empty();
    }

    private static String unquote(String key) {
        return key.length() > 1 && (key.startsWith("\"") || key.startsWith("'")) ? key.substring(1, key.length() - 1) : key;
    }
}
