package dev.tollgate.model;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** Finds the valid word a typo most likely meant, so error messages can say "did you mean". */
@org.apiguardian.api.API(status = org.apiguardian.api.API.Status.INTERNAL, since = "0.1")
public final class Suggestions {

    private Suggestions() {
    }

    /** {@code ; did you mean 'x'?}, or a full stop when nothing is close enough to be a typo. */
    public static String didYouMean(String typed, Collection<String> valid) {
        return nearest(typed, valid).map(near -> "; did you mean '" + near + "'?").orElse(".");
    }

    /** The closest candidate within a distance that still reads as a typo, if any. */
    /** The valid word closest to {@code typed}, if one is close enough to be what was meant. */
    public static Optional<String> nearest(String typed, Collection<String> candidates) {
        int budget = Math.max(2, typed.length() / 3);
        return candidates.stream()
                .filter(candidate -> distance(typed.toLowerCase(), candidate.toLowerCase()) <= budget)
                .min(Comparator.comparingInt(candidate -> distance(typed.toLowerCase(), candidate.toLowerCase())));
    }

    // Levenshtein distance, two rows.
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
