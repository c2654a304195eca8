package dev.synod.sim;

import java.util.Locale;

/**
 * One question and the agents that answer it (issue 13, point 1). Option 0 is the intended one and
 * option 1 its "attractor", the wrong option that agents of one model tend to share.
 *
 * @param voters      n, the agents
 * @param accuracy    p, the probability an agent picks the intended option
 * @param correlation ρ, the correlation of correctness among agents of one family (beta-binomial; 0: independent)
 * @param options     k, the options of the question
 * @param attractor   w, the probability a wrong agent picks the attractor rather than another wrong option
 * @param families    model families; agent i belongs to family i mod families; families are independent
 * @param protocol    how the agents settle the question
 * @param quorum      ballots that settle the question; 0 for a strict majority of the voters
 * @param rounds      rounds of a {@code vote}, {@code ben_or} or {@code diverse} decide
 * @param move        m, the probability a re-asked {@code vote} voter moves to the previous round's plurality
 * @param crash       c, the probability a call gives no ballot
 * @param byzantine   f, the probability a call gives a uniformly random ballot
 * @param gate        g, the probability a gate catches work built on a wrong interpretation
 * @param retry       r, how often a caught step is retried
 * @param fallback    the accuracy of the fallback a {@code vote}, {@code ben_or} or {@code synod} decide
 *                    asks when its rounds find no quorum (an agent independent of the voters, who
 *                    crashes or is byzantine like them); 0 for a decide without fallback, which fails
 */
public record Model(int voters, double accuracy, double correlation, int options, double attractor, int families,
                    Protocol protocol, int quorum, int rounds, double move, double crash, double byzantine,
                    double gate, int retry, double fallback) {

    /** The coordination protocols the lab compares. */
    public enum Protocol {
        NONE, LEADER, VOTE, BEN_OR, DIVERSE, SYNOD;

        /** The protocol's name as written on the command line. */
        public String keyword() {
            return name().toLowerCase(Locale.ROOT);
        }

        @Override
        public String toString() {
            return keyword();
        }
    }

    public Model {
        check(voters >= 1, "voters", "at least 1", voters);
        check(accuracy > 0 && accuracy < 1, "accuracy", "strictly between 0 and 1", accuracy);
        check(correlation >= 0 && correlation < 1, "correlation", "in [0, 1)", correlation);
        check(options >= 2, "options", "at least 2", options);
        check(attractor >= 0 && attractor <= 1, "attractor", "in [0, 1]", attractor);
        check(families >= 1 && families <= voters, "families", "between 1 and the number of voters (" + voters + ")", families);
        check(quorum >= 0 && quorum <= voters, "quorum", "between 1 and the number of voters (" + voters + "), or 0 for a majority", quorum);
        check(rounds >= 1, "rounds", "at least 1", rounds);
        check(move >= 0 && move <= 1, "move", "in [0, 1]", move);
        check(crash >= 0 && crash < 1, "crash", "in [0, 1)", crash);
        check(byzantine >= 0 && byzantine <= 1, "byzantine", "in [0, 1]", byzantine);
        check(gate >= 0 && gate <= 1, "gate", "in [0, 1]", gate);
        check(retry >= 0, "retry", "at least 0", retry);
        check(fallback >= 0 && fallback < 1, "fallback", "in [0, 1) (0 for none)", fallback);
    }

    /** A model whose decides have no fallback. */
    public Model(int voters, double accuracy, double correlation, int options, double attractor, int families,
                 Protocol protocol, int quorum, int rounds, double move, double crash, double byzantine, double gate,
                 int retry) {
        this(voters, accuracy, correlation, options, attractor, families, protocol, quorum, rounds, move, crash, byzantine,
                gate, retry, 0);
    }

    /** Whether a decide that finds no quorum asks a fallback. */
    public boolean hasFallback() {
        return fallback > 0;
    }

    /** A model with one family, two options, a majority quorum, one round and no faults or gates. */
    public static Model of(Protocol protocol, int voters, double accuracy, double correlation) {
        return new Model(voters, accuracy, correlation, 2, 1.0, 1, protocol, 0, 1, 0.5, 0, 0, 0, 0);
    }

    /** The quorum in force: the declared one, or a strict majority of the voters. */
    public int effectiveQuorum() {
        return quorum > 0 ? quorum : voters / 2 + 1;
    }

    public Model withProtocol(Protocol p) {
        return new Model(voters, accuracy, correlation, options, attractor, families, p, quorum, rounds, move, crash,
                byzantine, gate, retry, fallback);
    }

    public Model withVoters(int n) {
        return new Model(n, accuracy, correlation, options, attractor, Math.min(families, n), protocol,
                Math.min(quorum, n), rounds, move, crash, byzantine, gate, retry, fallback);
    }

    public Model withFallback(double accuracyOfFallback) {
        return new Model(voters, accuracy, correlation, options, attractor, families, protocol, quorum, rounds, move, crash,
                byzantine, gate, retry, accuracyOfFallback);
    }

    private static void check(boolean ok, String what, String expected, Object found) {
        if (!ok) {
            throw new IllegalArgumentException("expected " + what + " " + expected + ", found " + found);
        }
    }
}
