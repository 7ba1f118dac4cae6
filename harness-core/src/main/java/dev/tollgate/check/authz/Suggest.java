package dev.tollgate.check.authz;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;

/** "did you mean" for a mistyped key or subject name. */
final class Suggest {

    private Suggest() {
    }

    /** {@code "; did you mean 'x'?"}, or {@code "."} when nothing is close. */
    static String didYouMean(String typed, Collection<String> candidates) {
        int budget = Math.max(2, typed.length() / 3);
        String lower = typed.toLowerCase(Locale.ROOT);
        return candidates.stream()
                .filter(candidate -> distance(lower, candidate.toLowerCase(Locale.ROOT)) <= budget)
                .min(Comparator.comparingInt(candidate -> distance(lower, candidate.toLowerCase(Locale.ROOT))))
                .map(nearest -> "; did you mean '" + nearest + "'?").orElse(".");
    }

    private static int distance(String a, String b) {
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
