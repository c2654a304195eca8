package dev.synod.runtime.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** The closest known word to a misspelt one, by edit distance, for "did you mean" in messages. */
final class DidYouMean {
    private DidYouMean() {
    }

    /**
     * The known word nearest to {@code found}, when it is near enough to be a likely typo: at most
     * a third of its length away (at least one edit), comparing {@code _} as {@code -} and ignoring case.
     */
    static Optional<String> among(String found, Collection<String> known) {
        String typed = normal(found);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known.stream().sorted().toList()) {
            int d = distance(typed, normal(candidate));
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        int allowed = Math.max(1, Math.min(3, typed.length() / 3));
        return best != null && bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }

    private static String normal(String word) {
        return word.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Levenshtein distance with unit costs, in two rows. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
