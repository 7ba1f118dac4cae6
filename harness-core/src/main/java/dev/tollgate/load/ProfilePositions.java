package dev.tollgate.load;

import java.nio.file.Path;
import java.util.regex.Pattern;

/** Where something is in a profile's text, as {@code file:line:column}, for load messages. */
final class ProfilePositions {

    private ProfilePositions() {
    }

    /** {@code key:} at the start of a line: a top-level key of the profile. */
    static Pattern topLevelKey(String key) {
        return Pattern.compile("(?m)^" + Pattern.quote(key) + "\\s*:");
    }

    /** {@code file:line:column} of the first {@code needle} in {@code text}, else the file alone. */
    static String position(Path file, String text, String needle) {
        int index = text.indexOf(needle);
        if (index < 0) {
            return file.toString();
        }
        return file + ":" + lineAt(text, index) + ":" + (index - text.lastIndexOf('\n', index - 1));
    }

    /** The 1-based line of {@code text} that {@code index} is on. */
    static int lineAt(String text, int index) {
        return (int) text.substring(0, index).chars().filter(c -> c == '\n').count() + 1;
    }
}
