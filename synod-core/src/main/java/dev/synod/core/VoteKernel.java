package dev.synod.core;

/**
 * The counting rules of a decide (ARCHITECTURE.md §7) over option indices, without allocation:
 * a ballot is an {@code int} (the index of its option, or {@link #NO_BALLOT}), a tally is an
 * {@code int[]} of counts the caller owns and reuses. {@link DecideProtocol} and {@link Voting}
 * decide quorum and strict majority by these methods, and the simulation lab (synod-sim) drives
 * the same methods on its hot path, with {@link DecideProtocol.Cursor} sequencing its rounds, so the
 * runtime and the lab share one implementation of the rules instead of two that could drift apart.
 */
public final class VoteKernel {
    /** The ballot of a voter that gave none (crashed, timed out, malformed, or absent since round 1). */
    public static final int NO_BALLOT = -1;

    private VoteKernel() {
    }

    /** Whether {@code count} ballots for one option settle its question under {@code quorum}. */
    public static boolean reaches(int count, int quorum) {
        return count >= quorum;
    }

    /** Whether {@code count} of {@code counted} ballots are more than half of them. */
    public static boolean isStrictMajority(int count, int counted) {
        return 2 * count > counted;
    }

    /**
     * Counts the first {@code n} {@code ballots} into {@code counts} (cleared first, at least as long as
     * the number of options) and returns how many ballots were cast.
     */
    public static int tally(int[] ballots, int n, int[] counts) {
        java.util.Arrays.fill(counts, 0);
        int cast = 0;
        for (int i = 0; i < n; i++) {
            int b = ballots[i];
            if (b != NO_BALLOT) {
                counts[b]++;
                cast++;
            }
        }
        return cast;
    }

    /**
     * The option that settles the question: among the options in the order first chosen by the
     * ballots, the first whose count {@link #reaches} the quorum; {@link #NO_BALLOT} when none does.
     * {@code counts} is the tally of the same ballots.
     */
    public static int quorumWinner(int[] ballots, int n, int[] counts, int quorum) {
        for (int i = 0; i < n; i++) {
            int b = ballots[i];
            if (b != NO_BALLOT && reaches(counts[b], quorum)) {
                return b;
            }
        }
        return NO_BALLOT;
    }

    /** The option with a strict majority of the {@code cast} ballots tallied in {@code counts}, or {@link #NO_BALLOT}. */
    public static int strictMajority(int[] counts, int options, int cast) {
        for (int o = 0; o < options; o++) {
            if (isStrictMajority(counts[o], cast)) {
                return o;
            }
        }
        return NO_BALLOT;
    }

    /**
     * The plurality of a tally: the option with the most ballots, the lowest index on a tie;
     * {@link #NO_BALLOT} when no ballot was cast. Used by the lab's deliberation model of {@code vote}.
     */
    public static int plurality(int[] counts, int options) {
        int best = NO_BALLOT;
        int most = 0;
        for (int o = 0; o < options; o++) {
            if (counts[o] > most) {
                most = counts[o];
                best = o;
            }
        }
        return best;
    }

    /**
     * A {@code ben_or} ballot after round 1: the previous round's strict majority if there is one
     * ({@code majority} is not {@link #NO_BALLOT}), else the option the voter's coin lands on, the
     * {@code coin}-th of the {@code proposed} options (those with a ballot in round 1, in the order
     * first chosen).
     */
    public static int adoptOrCoin(int majority, int[] proposed, int coin) {
        return majority != NO_BALLOT ? majority : proposed[coin];
    }

    /**
     * Writes into {@code proposed} the options with a ballot among the first {@code n} {@code ballots},
     * in the order first chosen, and returns how many there are. {@code seen} is scratch, at least as
     * long as the number of options.
     */
    public static int proposed(int[] ballots, int n, boolean[] seen, int[] proposed) {
        java.util.Arrays.fill(seen, false);
        int count = 0;
        for (int i = 0; i < n; i++) {
            int b = ballots[i];
            if (b != NO_BALLOT && !seen[b]) {
                seen[b] = true;
                proposed[count++] = b;
            }
        }
        return count;
    }
}
