package dev.tollgate.load;

import java.util.Collection;
import java.util.stream.Collectors;

import org.yaml.snakeyaml.nodes.Node;

import dev.tollgate.model.Suggestions;

/** The phrasing every load message shares: what was found, and what would be valid. */
final class Messages {

    private Messages() {
    }

    /** {@code unknown key 'tgas'; did you mean 'tags'? Valid keys here: a, b.} */
    static String unknownKey(String key, String where, Collection<String> valid) {
        return "unknown key '" + key + "'" + where + didYouMean(key, valid) + " Valid keys here: " + list(valid) + ".";
    }

    /** {@code ; did you mean 'x'?}, or a full stop when nothing is close enough to be a typo. */
    static String didYouMean(String typed, Collection<String> valid) {
        return Suggestions.didYouMean(typed, valid);
    }

    /** {@code 'tags': expected a list of strings, found a string 'upgrade'}. */
    static String expected(String what, String expected, Node found) {
        return "'" + what + "': expected " + expected + ", found " + YamlValues.found(found);
    }

    /** Sorted and comma-separated, or {@code (none)}. */
    static String list(Collection<String> items) {
        return items.isEmpty() ? "(none)" : items.stream().sorted().distinct().collect(Collectors.joining(", "));
    }
}
