package dev.synod.sim;

import static dev.synod.core.VoteKernel.NO_BALLOT;

import dev.synod.core.DecideProtocol;
import dev.synod.core.DecideProtocol.Trigger;
import dev.synod.core.Plan;
import dev.synod.core.VoteKernel;

/**
 * The Monte Carlo of a {@link Model}. A {@code leader}, {@code vote} or {@code ben_or} decide is run
 * by synod-core's protocol classes with simulated voters: a {@link DecideProtocol.Cursor} steps it
 * through the phases of {@link DecideProtocol#TABLE} and says, after the leader and after each round,
 * what follows (quorum, deliberate, adopt-or-coin, rounds spent, unreachable), the very code
 * {@link DecideProtocol#next} runs for the interpreter; {@link VoteKernel} counts the ballots
 * (quorum, strict majority, ben_or's adopt-or-coin) as {@code DecideProtocol} does, and a ben_or
 * coin is a {@link DecideProtocol.Coin}. The lab's own code only draws the voters' ballots. All of
 * it works on int ballots in scratch arrays and a reused cursor: a trial allocates nothing, so the
 * hot path runs at tens of millions of ballots a second (docs/benchmarks.md). {@code
 * LabProtocolTest} drives {@code DecideProtocol.next} with the lab's own ballots and checks that
 * both take the same transitions, give the same ben_or ballots and settle the same way.
 *
 * <p>A decide whose rounds find no quorum (or, for {@code ben_or}, whose round 1 leaves it out of
 * reach) asks its fallback when the model has one ({@link Model#fallback}), an agent of its own
 * accuracy, independent of the voters; else it fails. {@code diverse} is not a protocol of
 * synod-core; it settles by its own rule (a majority in every family) and is sequenced by the cursor
 * as a {@code vote}.
 *
 * <p>Not thread-safe: one lab per thread.
 */
public final class Lab {
    private final Model m;
    private final Rng rng;
    private final int n;
    private final int k;
    private final int quorum;
    private final double a;
    private final double b;
    private final int[] ballots;
    private final int[] previous;
    private final int[] first;
    private final int[] counts;
    private final int[] proposed;
    private final boolean[] seen;
    private final double[] theta;
    private final int[] familyBallots;
    private final DecideProtocol.Cursor cursor;
    private final DecideProtocol.Coin coin;
    private final String[] voterNames;
    private final Trace trace;

    // The outcome of the last decide: its option (or NO_BALLOT), rounds, calls and whether a quorum settled it.
    private int rounds;
    private int calls;
    private boolean byQuorum;

    /** What a test sees of a trial: each transition, each round's ballots and the leader's answer. */
    interface Trace extends DecideProtocol.Listener {
        /** Round {@code round}'s ballots, voter by voter ({@link VoteKernel#NO_BALLOT} for none). */
        void round(int round, int[] ballots, int n);

        /** The leader's answer, or {@link VoteKernel#NO_BALLOT} when it crashed. */
        void leader(int answer);
    }

    /** The name of the lab's question, as a {@link DecideProtocol.Coin} is told it. */
    static final String QUESTION = "q";

    /** A lab whose ben_or coins come from its own random stream. */
    public Lab(Model model, long seed) {
        this(model, seed, null, null);
    }

    /**
     * A lab whose ben_or coins are drawn by {@code coin} (null: from the lab's own stream), told the
     * question {@link #QUESTION}, the round and the voter's name ({@link #voter}); {@code trace}
     * (null for none) sees every trial.
     */
    Lab(Model model, long seed, DecideProtocol.Coin coin, Trace trace) {
        this.m = model;
        this.rng = new Rng(seed);
        this.n = model.voters();
        this.k = model.options();
        this.quorum = model.effectiveQuorum();
        this.a = model.correlation() == 0 ? 0 : ClosedForms.alpha(model.accuracy(), model.correlation());
        this.b = model.correlation() == 0 ? 0 : ClosedForms.beta(model.accuracy(), model.correlation());
        this.ballots = new int[n];
        this.previous = new int[n];
        this.first = new int[n];
        this.counts = new int[k];
        this.proposed = new int[k];
        this.seen = new boolean[k];
        this.theta = new double[model.families()];
        this.familyBallots = new int[n];
        this.trace = trace;
        this.cursor = new DecideProtocol.Cursor(trace);
        this.coin = coin != null ? coin : (question, round, voter, bound) -> rng.nextInt(bound);
        this.voterNames = new String[n];
        for (int i = 0; i < n; i++) {
            voterNames[i] = voter(i);
        }
    }

    /** The name of voter {@code i}, as a {@link DecideProtocol.Coin} is told it. */
    static String voter(int i) {
        return "v" + i;
    }

    /** Runs {@code trials} trials of {@code model} from {@code seed}. */
    public static Estimate estimate(Model model, long trials, long seed) {
        if (trials < 1) {
            throw new IllegalArgumentException("expected at least 1 trial, found " + trials);
        }
        Lab lab = new Lab(model, seed);
        long correct = 0;
        long consistent = 0;
        long quorum = 0;
        long rounds = 0;
        long calls = 0;
        long wasted = 0;
        for (long t = 0; t < trials; t++) {
            long outcome = lab.trial();
            int flags = (int) (outcome & 0xff);
            correct += flags & 1;
            consistent += (flags >> 1) & 1;
            quorum += (flags >> 2) & 1;
            rounds += (outcome >>> 8) & 0xffff;
            calls += (outcome >>> 24) & 0xffffff;
            wasted += outcome >>> 48;
        }
        double p = (double) correct / trials;
        return new Estimate(p, Math.sqrt(p * (1 - p) / trials), closedForm(model), (double) consistent / trials,
                (double) quorum / trials, (double) rounds / trials, (double) calls / trials, (double) wasted / trials,
                trials, seed);
    }

    /**
     * The exact P(correct) of {@code model} where one is known, else null: a leader is right with p;
     * a one-round {@code vote} or {@code ben_or} with a quorum above half the voters, one family and
     * no faults and no fallback is right when the right voters reach the quorum (binomial, or beta-binomial when
     * ρ > 0); {@code none} without gate is right when every agent is (E[θ^n]).
     */
    public static Double closedForm(Model model) {
        boolean clean = model.crash() == 0 && model.byzantine() == 0 && model.families() == 1 && !model.hasFallback();
        if (!clean) {
            return null;
        }
        int n = model.voters();
        return switch (model.protocol()) {
            case LEADER -> model.accuracy();
            case NONE -> model.gate() == 0 ? ClosedForms.allRight(n, model.accuracy(), model.correlation()) : null;
            case VOTE, BEN_OR -> model.rounds() == 1 && 2 * model.effectiveQuorum() > n
                    ? ClosedForms.betaBinomialAtLeast(n, model.accuracy(), model.correlation(), model.effectiveQuorum())
                    : null;
            default -> null;
        };
    }

    /**
     * One trial, packed so that it allocates nothing: bit 0 correct, bit 1 consistent, bit 2 settled
     * by quorum, bits 8–23 rounds, bits 24–47 calls, bits 48–63 wasted calls.
     */
    public long trial() {
        drawTheta();
        int option;
        boolean consistent;
        int wasted = 0;
        int totalCalls;
        int totalRounds;
        boolean quorumHit;
        switch (m.protocol()) {
            case NONE -> {
                totalCalls = 0;
                boolean allRight = true;
                int common = Integer.MIN_VALUE;
                consistent = true;
                for (int i = 0; i < n; i++) {
                    int mine = answer(i);
                    totalCalls++;
                    for (int attempt = 0; attempt < m.retry() && mine != 0 && rng.nextDouble() < m.gate(); attempt++) {
                        wasted++;
                        mine = answer(i);
                        totalCalls++;
                    }
                    allRight &= mine == 0;
                    if (mine == NO_BALLOT || common != Integer.MIN_VALUE && common != mine) {
                        consistent = false;
                    }
                    common = mine;
                }
                return pack(allRight, consistent, false, 1, totalCalls, wasted);
            }
            case SYNOD -> {
                option = benOr();
                totalCalls = calls;
                totalRounds = rounds;
                quorumHit = byQuorum;
                for (int attempt = 0; attempt < m.retry() && option > 0 && rng.nextDouble() < m.gate(); attempt++) {
                    wasted += calls;
                    option = benOr();
                    totalCalls += calls;
                    totalRounds += rounds;
                    quorumHit = byQuorum;
                }
            }
            default -> {
                option = switch (m.protocol()) {
                    case LEADER -> leader();
                    case VOTE -> vote();
                    case BEN_OR -> benOr();
                    case DIVERSE -> diverse();
                    default -> throw new IllegalStateException("unreachable: " + m.protocol());
                };
                totalCalls = calls;
                totalRounds = rounds;
                quorumHit = byQuorum;
            }
        }
        // A decided option is frozen: every agent builds on it, so they are consistent by construction.
        consistent = option != NO_BALLOT;
        return pack(option == 0, consistent, quorumHit, totalRounds, totalCalls, wasted);
    }

    private static long pack(boolean correct, boolean consistent, boolean quorum, int rounds, int calls, int wasted) {
        return (correct ? 1L : 0L) | (consistent ? 2L : 0L) | (quorum ? 4L : 0L) | ((long) Math.min(rounds, 0xffff) << 8)
                | ((long) Math.min(calls, 0xffffff) << 24) | ((long) Math.min(wasted, 0xffff) << 48);
    }

    private void drawTheta() {
        for (int f = 0; f < theta.length; f++) {
            theta[f] = m.correlation() == 0 ? m.accuracy() : rng.beta(a, b);
        }
    }

    /** One call of agent {@code i}: its option, or no ballot when it crashes. */
    int answer(int i) {
        return agentAnswer(theta[i % theta.length]);
    }

    /** One call of an agent that is right with probability {@code right}: its option, or no ballot when it crashes. */
    private int agentAnswer(double right) {
        if (m.crash() > 0 && rng.nextDouble() < m.crash()) {
            return NO_BALLOT;
        }
        if (m.byzantine() > 0 && rng.nextDouble() < m.byzantine()) {
            return rng.nextInt(k);
        }
        if (rng.nextDouble() < right) {
            return 0;
        }
        if (k == 2 || rng.nextDouble() < m.attractor()) {
            return 1;
        }
        return 2 + rng.nextInt(k - 2);
    }

    private int leader() {
        calls = 1;
        cursor.reset(Plan.Protocol.LEADER, 1, 1, false).open();
        int answer = answer(0);
        if (trace != null) {
            trace.leader(answer);
        }
        byQuorum = false;
        rounds = 1;
        return cursor.led(answer != NO_BALLOT) == Trigger.LEADER_ANSWERED ? answer : NO_BALLOT;
    }

    /**
     * The runtime's vote: every round asks every voter; in a later round each moves to the previous
     * round's plurality with probability m, or answers afresh.
     */
    private int vote() {
        calls = 0;
        cursor.reset(Plan.Protocol.VOTE, quorum, m.rounds(), m.hasFallback()).open();
        int plurality = NO_BALLOT;
        int firstCast = 0;
        while (true) {
            int r = cursor.round();
            for (int i = 0; i < n; i++) {
                ballots[i] = r > 1 && plurality != NO_BALLOT && rng.nextDouble() < m.move() ? plurality : answer(i);
                if (r > 1 && ballots[i] == plurality && m.crash() > 0 && rng.nextDouble() < m.crash()) {
                    ballots[i] = NO_BALLOT;
                }
            }
            calls += n;
            cursor.ballotsIn();
            int cast = VoteKernel.tally(ballots, n, counts);
            firstCast = r == 1 ? cast : firstCast;
            int winner = VoteKernel.quorumWinner(ballots, n, counts, quorum);
            if (trace != null) {
                trace.round(r, ballots, n);
            }
            Trigger after = cursor.closeRound(winner != NO_BALLOT, firstCast);
            if (after != Trigger.DELIBERATE) {
                return settled(after, winner);
            }
            plurality = VoteKernel.plurality(counts, k);
        }
    }

    /** The runtime's ben_or: voters answer round 1; later rounds adopt the strict majority or a coin. */
    private int benOr() {
        calls = n;
        cursor.reset(Plan.Protocol.BEN_OR, quorum, m.rounds(), m.hasFallback()).open();
        for (int i = 0; i < n; i++) {
            first[i] = answer(i);
        }
        cursor.ballotsIn();
        int firstCast = VoteKernel.tally(first, n, counts);
        int winner = VoteKernel.quorumWinner(first, n, counts, quorum);
        if (trace != null) {
            trace.round(1, first, n);
        }
        Trigger after = cursor.closeRound(winner != NO_BALLOT, firstCast);
        if (after != Trigger.ADOPT_OR_COIN) {
            return settled(after, winner);
        }
        int nProposed = VoteKernel.proposed(first, n, seen, proposed);
        System.arraycopy(first, 0, previous, 0, n);
        while (true) {
            int r = cursor.round();
            int prevCast = VoteKernel.tally(previous, n, counts);
            int majority = VoteKernel.strictMajority(counts, k, prevCast);
            for (int i = 0; i < n; i++) {
                ballots[i] = first[i] == NO_BALLOT ? NO_BALLOT : VoteKernel.adoptOrCoin(majority, proposed,
                        majority != NO_BALLOT ? 0 : coin.draw(QUESTION, r, voterNames[i], nProposed));
            }
            VoteKernel.tally(ballots, n, counts);
            winner = VoteKernel.quorumWinner(ballots, n, counts, quorum);
            if (trace != null) {
                trace.round(r, ballots, n);
            }
            after = cursor.closeRound(winner != NO_BALLOT, firstCast);
            if (after != Trigger.ADOPT_OR_COIN) {
                return settled(after, winner);
            }
            System.arraycopy(ballots, 0, previous, 0, n);
        }
    }

    /**
     * A vote that settles only on an option with a strict majority of every family's voters, asked
     * afresh each round; its rounds are sequenced as a {@code vote}'s.
     */
    private int diverse() {
        calls = 0;
        cursor.reset(Plan.Protocol.VOTE, 1, m.rounds(), m.hasFallback()).open();
        int families = theta.length;
        while (true) {
            for (int i = 0; i < n; i++) {
                ballots[i] = answer(i);
            }
            calls += n;
            cursor.ballotsIn();
            int agreed = NO_BALLOT;
            for (int f = 0; f < families; f++) {
                int members = 0;
                for (int i = f; i < n; i += families) {
                    familyBallots[members++] = ballots[i];
                }
                VoteKernel.tally(familyBallots, members, counts);
                int winner = VoteKernel.quorumWinner(familyBallots, members, counts, members / 2 + 1);
                if (winner == NO_BALLOT || f > 0 && winner != agreed) {
                    agreed = NO_BALLOT;
                    break;
                }
                agreed = winner;
            }
            Trigger after = cursor.closeRound(agreed != NO_BALLOT, n);
            if (after != Trigger.DELIBERATE) {
                return settled(after, agreed);
            }
        }
    }

    /**
     * The outcome of a decide whose last round took {@code after}: the round's {@code winner} on a
     * quorum, the fallback's answer when the rounds found none and the model has a fallback, else no
     * option; sets its rounds, calls and whether a quorum settled it.
     */
    private int settled(Trigger after, int winner) {
        rounds = cursor.round();
        byQuorum = after == Trigger.QUORUM;
        if (byQuorum) {
            return winner;
        }
        if (after == Trigger.NO_FALLBACK) {
            return NO_BALLOT;
        }
        if (after != Trigger.ROUNDS_SPENT && after != Trigger.UNREACHABLE) {
            throw new IllegalStateException("unreachable: a closed round ended the decide with " + after);
        }
        int answer = agentAnswer(m.fallback());
        calls++;
        if (trace != null) {
            trace.leader(answer);
        }
        return cursor.led(answer != NO_BALLOT) == Trigger.LEADER_ANSWERED ? answer : NO_BALLOT;
    }

    /**
     * Draws S_n, the number of right agents among all voters, {@code trials} times; returns
     * {mean, variance, standard error of the variance}, to check {@link ClosedForms#variance}.
     */
    public static double[] rightCountMoments(Model model, long trials, long seed) {
        Lab lab = new Lab(model, seed);
        double sum = 0;
        double sum2 = 0;
        double[] s = new double[(int) trials];
        for (int t = 0; t < trials; t++) {
            lab.drawTheta();
            int right = 0;
            for (int i = 0; i < lab.n; i++) {
                right += lab.answer(i) == 0 ? 1 : 0;
            }
            s[t] = right;
            sum += right;
        }
        double mean = sum / trials;
        for (double x : s) {
            sum2 += (x - mean) * (x - mean);
        }
        double var = sum2 / (trials - 1);
        double m4 = 0;
        for (double x : s) {
            double d2 = (x - mean) * (x - mean) - var;
            m4 += d2 * d2;
        }
        return new double[] {mean, var, Math.sqrt(m4 / (trials - 1) / trials)};
    }
}
