package dev.synod.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The protocols of a decide ({@code leader}, {@code vote}, {@code ben_or}; LANGUAGE.md §5,
 * ARCHITECTURE.md §7) as a table, like {@link AttemptLifecycle}: {@link Phase phases} and
 * {@link Trigger triggers} are enums, the transitions are data in {@link #TABLE}, and
 * {@link #next} moves a decide only through them. Pure: no I/O, no clock and no randomness of
 * its own; a {@code ben_or} coin is the {@link Coin} input. The interpreter drives it from the
 * journal; the simulation lab drives the very same code with simulated voters: the sequencing of a
 * decide (what follows its start, each closed round and its leader's answer) lives in {@link Cursor},
 * which {@link #next} walks while it reads the progress and the lab walks allocation-free, and the
 * counting rules live in {@link VoteKernel}.
 *
 * <p>What happened so far is given as {@link Progress}: the closed rounds, the answers of the
 * round being asked, and the leader's or fallback's answer. {@link #next} says what to do now as a
 * {@link Move}, with the transitions it took to get there.
 *
 * <ul>
 *   <li>{@code leader}: one role answers every question; a failure fails the decide.</li>
 *   <li>{@code vote}: each round asks every voter the questions still open; an option with at least
 *       {@code quorum} ballots settles its question. While rounds remain, the next round asks every
 *       voter again, with the previous round's anonymous tally and rationales (deliberation).</li>
 *   <li>{@code ben_or}: voters are asked in round 1 only. In every later round each voter that
 *       answered in round 1 is given, per open question, the option with a strict majority of the
 *       previous round's ballots if there is one, else its own coin among the options that got a
 *       ballot in round 1. When round 1 has fewer ballots than the quorum, no later round can
 *       reach it.</li>
 * </ul>
 * After the last round (or an unreachable quorum) {@code fallback} answers the open questions as a
 * leader would, or the decide fails naming the tally.
 */
public final class DecideProtocol {

    /** Where a decide stands. */
    public enum Phase {
        /** Nothing asked yet. */
        OPEN,
        /** The voters of a round are asked; some have not answered. */
        ASKING,
        /** The round's ballots are in (or given by the runtime): its tally is to be journaled. */
        TALLYING,
        /** A round closed without settling every question. */
        TALLIED,
        /** The leader, or the fallback after the rounds, is asked. */
        LEADING,
        /** Every question is settled. */
        DECIDED,
        /** The decide cannot settle its questions: the run fails. */
        FAILED
    }

    /** What moves a decide. */
    public enum Trigger {
        /** A {@code vote} or {@code ben_or} decide asks its voters round 1. */
        ASK_VOTERS,
        /** A {@code leader} decide asks its leader. */
        ASK_LEADER,
        /** Every voter of the round answered, failed or timed out. */
        BALLOTS_IN,
        /** The round's tally was journaled. */
        ROUND_CLOSED,
        /** Every question has an option with the quorum. */
        QUORUM,
        /** {@code vote}: rounds remain; every voter is asked again, shown the previous round. */
        DELIBERATE,
        /** {@code ben_or}: rounds remain; the runtime gives each voter the majority or its coin. */
        ADOPT_OR_COIN,
        /** The last round found no quorum on some question: the fallback answers. */
        ROUNDS_SPENT,
        /** {@code ben_or}: round 1 has fewer ballots than the quorum, which no later round can change. */
        UNREACHABLE,
        /** No quorum and no fallback to ask. */
        NO_FALLBACK,
        /** The leader or fallback answered every question it was asked. */
        LEADER_ANSWERED,
        /** The leader or fallback crashed, timed out or answered what cannot settle the questions. */
        LEADER_FAILED
    }

    /** One row of the table: in phase {@code from}, {@code on} moves the decide to {@code to}. */
    public record Transition(Phase from, Trigger on, Phase to) {
    }

    /** Every transition a decide may take; any other is a bug of the caller. */
    public static final List<Transition> TABLE = List.of(
            new Transition(Phase.OPEN, Trigger.ASK_VOTERS, Phase.ASKING),
            new Transition(Phase.OPEN, Trigger.ASK_LEADER, Phase.LEADING),
            new Transition(Phase.ASKING, Trigger.BALLOTS_IN, Phase.TALLYING),
            new Transition(Phase.TALLYING, Trigger.ROUND_CLOSED, Phase.TALLIED),
            new Transition(Phase.TALLIED, Trigger.QUORUM, Phase.DECIDED),
            new Transition(Phase.TALLIED, Trigger.DELIBERATE, Phase.ASKING),
            new Transition(Phase.TALLIED, Trigger.ADOPT_OR_COIN, Phase.TALLYING),
            new Transition(Phase.TALLIED, Trigger.ROUNDS_SPENT, Phase.LEADING),
            new Transition(Phase.TALLIED, Trigger.UNREACHABLE, Phase.LEADING),
            new Transition(Phase.TALLIED, Trigger.NO_FALLBACK, Phase.FAILED),
            new Transition(Phase.LEADING, Trigger.LEADER_ANSWERED, Phase.DECIDED),
            new Transition(Phase.LEADING, Trigger.LEADER_FAILED, Phase.FAILED));

    /** {@link #TABLE} indexed by phase and trigger ordinals, so that a step is two array reads and allocates nothing. */
    private static final Transition[][] STEPS = index();

    private DecideProtocol() {
    }

    private static Transition[][] index() {
        Transition[][] out = new Transition[Phase.values().length][Trigger.values().length];
        for (Transition t : TABLE) {
            Transition twin = out[t.from().ordinal()][t.on().ordinal()];
            if (twin != null) {
                throw new IllegalStateException("the decide protocol has two transitions from " + t.from() + " on "
                        + t.on() + ": to " + twin.to() + " and to " + t.to());
            }
            out[t.from().ordinal()][t.on().ordinal()] = t;
        }
        return out;
    }

    /**
     * The transition {@code on} takes from {@code from}.
     *
     * @throws IllegalStateException when the table has none
     */
    public static Transition step(Phase from, Trigger on) {
        Transition t = STEPS[from.ordinal()][on.ordinal()];
        if (t == null) {
            String allowed = Arrays.stream(STEPS[from.ordinal()]).filter(Objects::nonNull).map(x -> x.on().name())
                    .collect(Collectors.joining(", "));
            throw new IllegalStateException("a decide in phase " + from + " cannot take " + on + "; expected one of: "
                    + (allowed.isEmpty() ? "none, it is over" : allowed));
        }
        return t;
    }

    /** Told each transition a {@link Cursor} takes, in order. */
    @FunctionalInterface
    public interface Listener {
        void took(Transition t);
    }

    /**
     * Where one decide stands in {@link #TABLE}, and the one place that says what follows its start,
     * each closed round and its leader's or fallback's answer: the sequencing of rounds (quorum,
     * deliberate, adopt-or-coin, rounds spent, unreachable, no fallback) over primitives. {@link #next}
     * walks a decide with a cursor while it reads the journal; the simulation lab walks millions of
     * simulated decides with one, {@link #reset} between them, and allocates nothing (with no
     * {@link Listener}). A cursor knows nothing of questions, options or ballots: its caller counts
     * them and tells it whether a round settled every open question.
     *
     * <p>Not thread-safe: one cursor per decide being walked.
     */
    public static final class Cursor {
        private final Listener listener;
        private Plan.Protocol protocol;
        private int quorum;
        private int rounds;
        private boolean fallback;
        private Phase phase = Phase.OPEN;
        private int round;
        private boolean unreachable;

        /** A cursor that records nothing; {@link #reset} it before each decide. */
        public Cursor() {
            this(null);
        }

        /** A cursor that tells {@code listener} (null for none) each transition it takes. */
        public Cursor(Listener listener) {
            this.listener = listener;
        }

        /** A cursor at the start of decide {@code d}. */
        public static Cursor of(Plan.Decide d, Listener listener) {
            return new Cursor(listener).reset(d.protocol(), d.quorum(), d.rounds(), d.fallback() != null);
        }

        /**
         * Puts the cursor at the start ({@link Phase#OPEN}) of a decide by {@code protocol} that
         * settles a question at {@code quorum} ballots, asks at most {@code rounds} rounds and has a
         * fallback or not; returns this cursor.
         */
        public Cursor reset(Plan.Protocol protocol, int quorum, int rounds, boolean hasFallback) {
            this.protocol = protocol;
            this.quorum = quorum;
            this.rounds = rounds;
            this.fallback = hasFallback;
            this.phase = Phase.OPEN;
            this.round = 0;
            this.unreachable = false;
            return this;
        }

        /** Starts the decide: {@link Trigger#ASK_LEADER} for a leader, else {@link Trigger#ASK_VOTERS} (round 1). */
        public Trigger open() {
            if (protocol == Plan.Protocol.LEADER) {
                return fire(Trigger.ASK_LEADER);
            }
            round = 1;
            return fire(Trigger.ASK_VOTERS);
        }

        /** Every voter asked in the current round answered, failed or timed out. */
        public void ballotsIn() {
            fire(Trigger.BALLOTS_IN);
        }

        /**
         * Closes the current round and takes what follows it: {@link Trigger#QUORUM} when it
         * {@code settled} every open question; else, when rounds are spent or (for {@code ben_or})
         * round 1's {@code firstRoundBallots} are fewer than the quorum, {@link Trigger#ROUNDS_SPENT}
         * or {@link Trigger#UNREACHABLE} to the fallback, or {@link Trigger#NO_FALLBACK}; else the
         * next round, {@link Trigger#DELIBERATE} for {@code vote} and {@link Trigger#ADOPT_OR_COIN}
         * for {@code ben_or}, after which {@link #round} is the new round's number.
         *
         * @return the trigger taken after {@link Trigger#ROUND_CLOSED}
         */
        public Trigger closeRound(boolean settled, int firstRoundBallots) {
            fire(Trigger.ROUND_CLOSED);
            if (settled) {
                return fire(Trigger.QUORUM);
            }
            unreachable = protocol == Plan.Protocol.BEN_OR && firstRoundBallots < quorum;
            if (unreachable || round >= rounds) {
                return fire(!fallback ? Trigger.NO_FALLBACK : unreachable ? Trigger.UNREACHABLE : Trigger.ROUNDS_SPENT);
            }
            round++;
            return fire(protocol == Plan.Protocol.VOTE ? Trigger.DELIBERATE : Trigger.ADOPT_OR_COIN);
        }

        /** The leader or fallback {@code answered} every question it was asked, or failed. */
        public Trigger led(boolean answered) {
            return fire(answered ? Trigger.LEADER_ANSWERED : Trigger.LEADER_FAILED);
        }

        /** Where the decide stands. */
        public Phase phase() {
            return phase;
        }

        /** The round being asked or tallied, or the last one closed once the decide left the rounds; 0 for a leader. */
        public int round() {
            return round;
        }

        /** Whether the last closed round left the quorum out of reach ({@code ben_or}, round 1 too short). */
        public boolean unreachable() {
            return unreachable;
        }

        private Trigger fire(Trigger trigger) {
            Transition t = step(phase, trigger);
            phase = t.to();
            if (listener != null) {
                listener.took(t);
            }
            return trigger;
        }
    }

    /** Draws a {@code ben_or} voter's coin: an index below {@code bound}, the same for the same arguments. */
    @FunctionalInterface
    public interface Coin {
        int draw(String question, int round, String voter, int bound);
    }

    /**
     * What a voter, the leader or the fallback answered when asked: an option per question and a
     * rationale, or why there is no answer ({@code failure}: a crash, a timeout, a malformed answer).
     */
    public record Answer(Map<String, String> answers, String rationale, String failure) {
        public Answer {
            answers = Maps.ordered(answers);
        }

        public static Answer of(Map<String, String> answers, String rationale) {
            return new Answer(answers, rationale, null);
        }

        public static Answer failed(String why) {
            return new Answer(Map.of(), null, why);
        }

        public boolean answered() {
            return failure == null;
        }
    }

    /**
     * What happened in a decide so far.
     *
     * @param rounds  the closed rounds, in order
     * @param current the answers of the round after the last closed one, by voter, as they came
     * @param lead    the leader's or the fallback's answer, once given
     */
    public record Progress(List<Voting.Round> rounds, Map<String, Answer> current, Answer lead) {
        public Progress {
            rounds = List.copyOf(rounds);
            current = Maps.ordered(current);
        }

        public static final Progress NONE = new Progress(List.of(), Map.of(), null);
    }

    /** What to do now. */
    public sealed interface Move {
        /** Ask the voters of round {@code round} (those not asked yet) the {@code open} questions. */
        record Ask(int round, List<String> open, Voting.Deliberation deliberation) implements Move {
            public Ask {
                open = List.copyOf(open);
            }
        }

        /** Journal round {@code round}: its ballots are in, or the runtime gave them. */
        record Tally(Voting.Round round) implements Move {
        }

        /**
         * Ask {@code role} (the leader, or the fallback) to answer {@code questions} alone.
         *
         * @param fallback whether it is the fallback after rounds without a quorum
         * @param context  for a fallback, the rounds that found none, one line each
         */
        record Lead(String role, List<String> questions, boolean fallback, List<String> context) implements Move {
            public Lead {
                questions = List.copyOf(questions);
                context = List.copyOf(context);
            }
        }

        /** Every question is settled. */
        record Decided(List<Voting.Settlement> outcome) implements Move {
            public Decided {
                outcome = List.copyOf(outcome);
            }

            /** Question to option, in the decide's order. */
            public Map<String, String> answers() {
                Map<String, String> out = new LinkedHashMap<>();
                outcome.forEach(s -> out.put(s.question(), s.option()));
                return out;
            }
        }

        /** The decide fails the run, saying why. */
        record Fail(String reason) implements Move {
        }
    }

    /** A move and the transitions taken to reach it, from {@link Phase#OPEN}. */
    public record Result(Move move, List<Transition> path) {
        public Result {
            path = List.copyOf(path);
        }

        public Phase phase() {
            return path.isEmpty() ? Phase.OPEN : path.get(path.size() - 1).to();
        }
    }

    /**
     * What decide {@code d} does now, given what happened so far.
     *
     * @param options the options of each of its questions (empty for an open question)
     */
    public static Result next(Plan.Decide d, Map<String, List<String>> options, Progress progress, Coin coin) {
        Walk walk = new Walk(d);
        Cursor cursor = walk.cursor;
        if (cursor.open() == Trigger.ASK_LEADER) {
            return walk.lead(d, d.leader(), d.questions(), false, List.of(), List.of(), progress, options);
        }
        List<Voting.Settlement> settled = new ArrayList<>();
        List<String> open = new ArrayList<>(d.questions());
        Voting.Deliberation deliberation = null;
        while (true) {
            int round = cursor.round();
            if (round <= progress.rounds().size()) {
                Voting.Round closed = progress.rounds().get(round - 1);
                if (cursor.phase() == Phase.ASKING) {
                    cursor.ballotsIn();
                }
                closed.winners().forEach((q, option) -> {
                    if (open.remove(q)) {
                        settled.add(new Voting.Settlement(q, option, Voting.How.QUORUM, closed.number(), null));
                    }
                });
                Trigger after = cursor.closeRound(open.isEmpty(), progress.rounds().get(0).ballots().size());
                List<Voting.Round> closedSoFar = progress.rounds().subList(0, round);
                switch (after) {
                    case QUORUM -> {
                        return walk.done(new Move.Decided(inOrder(d, settled)));
                    }
                    case NO_FALLBACK -> {
                        return walk.done(new Move.Fail(failure(d, closedSoFar, cursor.unreachable())));
                    }
                    case ROUNDS_SPENT, UNREACHABLE -> {
                        return walk.lead(d, d.fallback(), open, true, context(d, closedSoFar, cursor.unreachable()),
                                settled, progress, options);
                    }
                    case DELIBERATE -> deliberation = Voting.Deliberation.of(closed, open);
                    case ADOPT_OR_COIN -> {
                        // The runtime gives the next round's ballots: nothing to ask.
                    }
                    default -> throw new IllegalStateException("unreachable: a closed round took " + after);
                }
                continue;
            }
            // Round `round` is not closed yet.
            if (cursor.phase() == Phase.TALLYING) {
                // ben_or after round 1: the runtime gives every ballot.
                return walk.done(new Move.Tally(adoptOrCoin(d, progress.rounds(), open, round, coin)));
            }
            if (!d.voters().stream().allMatch(progress.current()::containsKey)) {
                return walk.done(new Move.Ask(round, open, deliberation));
            }
            cursor.ballotsIn();
            return walk.done(new Move.Tally(asked(d, options, progress.current(), open, round)));
        }
    }

    /** The decide's settlements in the order of its questions. */
    private static List<Voting.Settlement> inOrder(Plan.Decide d, List<Voting.Settlement> settled) {
        List<Voting.Settlement> out = new ArrayList<>();
        for (String q : d.questions()) {
            settled.stream().filter(s -> s.question().equals(q)).findFirst().ifPresent(out::add);
        }
        return out;
    }

    /** A round of answers the voters gave: a malformed one counts as no ballot, with why. */
    static Voting.Round asked(Plan.Decide d, Map<String, List<String>> options, Map<String, Answer> answers,
                              List<String> open, int round) {
        List<Voting.Ballot> ballots = new ArrayList<>();
        Map<String, String> absent = new LinkedHashMap<>();
        for (String voter : d.voters()) {
            Answer a = answers.get(voter);
            String problem = a.answered() ? invalid(options, open, a.answers()) : a.failure();
            if (problem != null) {
                absent.put(voter, problem);
            } else {
                Map<String, String> mine = new LinkedHashMap<>();
                open.forEach(q -> mine.put(q, a.answers().get(q)));
                ballots.add(Voting.Ballot.cast(voter, mine, a.rationale()));
            }
        }
        return closed(d, round, open, ballots, absent);
    }

    /** Ben-Or's later round: the previous round's strict majority, or each voter's coin. */
    static Voting.Round adoptOrCoin(Plan.Decide d, List<Voting.Round> rounds, List<String> open, int round, Coin coin) {
        Voting.Round first = rounds.get(0);
        Voting.Round previous = rounds.get(rounds.size() - 1);
        List<Voting.Ballot> ballots = new ArrayList<>();
        Map<String, String> absent = new LinkedHashMap<>();
        for (String voter : d.voters()) {
            if (first.ballots().stream().noneMatch(b -> b.voter().equals(voter))) {
                absent.put(voter, "no ballot in round 1");
                continue;
            }
            Map<String, String> answers = new LinkedHashMap<>();
            List<String> coins = new ArrayList<>();
            for (String q : open) {
                String majority = previous.strictMajority(q);
                if (majority != null) {
                    answers.put(q, majority);
                } else {
                    List<String> proposed = List.copyOf(first.tally(q).keySet());
                    answers.put(q, proposed.get(coin.draw(q, round, voter, proposed.size())));
                    coins.add(q);
                }
            }
            ballots.add(new Voting.Ballot(voter, answers, null, false, coins));
        }
        return closed(d, round, open, ballots, absent);
    }

    private static Voting.Round closed(Plan.Decide d, int round, List<String> open, List<Voting.Ballot> ballots,
                                       Map<String, String> absent) {
        Voting.Round tallied = new Voting.Round(round, open, ballots, absent, Map.of());
        Map<String, String> winners = new LinkedHashMap<>();
        for (String q : open) {
            tallied.tally(q).entrySet().stream().filter(e -> VoteKernel.reaches(e.getValue(), d.quorum())).findFirst()
                    .ifPresent(e -> winners.put(q, e.getKey()));
        }
        return new Voting.Round(round, open, ballots, absent, winners);
    }

    /**
     * Why an answer does not settle the {@code open} questions (so is no ballot, or no leader's
     * decision), or null when it does.
     */
    public static String invalid(Map<String, List<String>> options, List<String> open, Map<String, String> answers) {
        for (String q : open) {
            String answer = answers.get(q);
            if (answer == null || answer.isBlank()) {
                return "no answer for question " + q;
            }
            List<String> allowed = options.getOrDefault(q, List.of());
            if (!allowed.isEmpty() && !allowed.contains(answer)) {
                return "answered '" + answer + "' for " + q + ", expected one of " + String.join(", ", allowed);
            }
        }
        return null;
    }

    /** For the fallback: why it is asked, one line per round. */
    private static List<String> context(Plan.Decide d, List<Voting.Round> rounds, boolean unreachable) {
        List<String> out = new ArrayList<>();
        for (Voting.Round r : rounds) {
            out.add("round " + r.number() + " (" + r.ballots().size() + " of " + d.voters().size() + " ballots, quorum "
                    + d.quorum() + "): " + String.join("; ", r.describe()));
        }
        if (unreachable) {
            out.add("round 1 had " + rounds.get(0).ballots().size() + " ballots, fewer than the quorum of " + d.quorum()
                    + ", so no later round could reach it");
        }
        return out;
    }

    private static String failure(Plan.Decide d, List<Voting.Round> rounds, boolean unreachable) {
        Voting.Round last = rounds.get(rounds.size() - 1);
        String tolerated = d.tolerate() > 0 ? ", tolerating " + d.tolerate() + " " + d.fault().keyword() : "";
        String why = unreachable
                ? "only " + rounds.get(0).ballots().size() + " of " + d.voters().size() + " voters answered in round 1"
                + tolerated + ", fewer than the quorum of " + d.quorum()
                : "no option reached the quorum of " + d.quorum() + " in " + rounds.size() + " round"
                + (rounds.size() == 1 ? "" : "s") + tolerated + "; in round " + last.number() + " " + last.ballots().size()
                + " of " + d.voters().size() + " voters answered (" + String.join("; ", last.describe()) + ")";
        return "decide " + String.join(", ", d.questions()) + " by " + d.protocol().keyword() + " failed: " + why
                + ", and it has no fallback";
    }

    /** The cursor of one call of {@link #next}, the transitions it took, and the move they lead to. */
    private static final class Walk {
        final List<Transition> path = new ArrayList<>();
        final Cursor cursor;

        Walk(Plan.Decide d) {
            cursor = Cursor.of(d, path::add);
        }

        Result done(Move move) {
            return new Result(move, path);
        }

        /** Asks {@code role}, or takes its answer: every question it was asked settles or the decide fails. */
        Result lead(Plan.Decide d, String role, List<String> questions, boolean fallback, List<String> context,
                    List<Voting.Settlement> settled, Progress progress, Map<String, List<String>> options) {
            if (progress.lead() == null) {
                return done(new Move.Lead(role, questions, fallback, context));
            }
            Answer a = progress.lead();
            String problem = a.answered() ? invalid(options, questions, a.answers()) : a.failure();
            cursor.led(problem == null);
            if (problem != null) {
                return done(new Move.Fail((fallback ? "fallback " : "leader ") + role + " did not decide "
                        + String.join(", ", questions) + ": " + problem));
            }
            List<Voting.Settlement> out = new ArrayList<>(settled);
            int rounds = progress.rounds().size();
            for (String q : questions) {
                out.add(fallback ? new Voting.Settlement(q, a.answers().get(q), Voting.How.FALLBACK, rounds, role)
                        : new Voting.Settlement(q, a.answers().get(q), Voting.How.LEADER, 1, role));
            }
            return done(new Move.Decided(inOrder(d, out)));
        }
    }
}
