package dev.synod.core;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A participant of the team: given an assignment, it works in a directory and says how it
 * finished. What it wrote is committed by the engine, which also enforces the write scope.
 * Implementations must stop promptly when their thread is interrupted (the step's timeout).
 */
public interface Agent {

    /** Performs one attempt of a hand-off in {@code workspace}. */
    Outcome perform(Assignment assignment, Path workspace) throws InterruptedException;

    /** Reviews an attempt's files, checked out in {@code workspace}. */
    Review review(Assignment assignment, Path workspace) throws InterruptedException;

    /**
     * Answers the questions of a decide: alone as its leader or fallback, or as one voter when
     * {@link DecisionRequest#ballot()} (the answer is then its ballot).
     */
    Decision decide(DecisionRequest request) throws InterruptedException;

    /**
     * Performs one attempt with the engine's {@link Session}: agents that call a model journal
     * their turns through it and ask it before each call. The engine always calls this form; the
     * default ignores the session, which suits agents that call no model.
     */
    default Outcome perform(Assignment assignment, Path workspace, Session session) throws InterruptedException {
        return perform(assignment, workspace);
    }

    /** {@link #review(Assignment, Path)} with the engine's {@link Session}. */
    default Review review(Assignment assignment, Path workspace, Session session) throws InterruptedException {
        return review(assignment, workspace);
    }

    /** {@link #decide(DecisionRequest)} with the engine's {@link Session}. */
    default Decision decide(DecisionRequest request, Session session) throws InterruptedException {
        return decide(request);
    }

    /**
     * What the engine offers an agent during one call: the journal of its model turns, the
     * budget, and a heartbeat. One session belongs to one command; a resumed command gets the
     * turns journaled before the run stopped.
     */
    interface Session {

        /** The turns of this command journaled before, oldest first; empty on a fresh start. */
        List<Turn> turns();

        /**
         * Journals a completed turn and returns once it is durable. Payloads go to {@link #blobs()}
         * first; the turn refers to them by hash.
         */
        void record(Turn turn) throws InterruptedException;

        /**
         * Why no further model call may start (the run's or the role's budget is spent), or empty
         * while one may. Ask before every call: the engine refuses calls, it does not cut them off.
         */
        java.util.Optional<String> refusal();

        /**
         * A sign of life. The step's timeout counts from the latest one, so an agent that keeps
         * working is not suspected; see the engine for the hard bound.
         */
        void heartbeat();

        /** Where the payloads of turns are stored. */
        BlobStore blobs();

        /**
         * Says that a model call failed with a passing fault and will be tried again after
         * {@code delay}: the engine journals it and shows it as it waits. The default ignores it.
         *
         * @param reason what failed, such as {@code openai: HTTP 503}
         * @param retry  the number of this retry, from 1, of {@code of} allowed
         */
        default void retrying(String reason, int retry, int of, Duration delay) {
        }
    }

    /**
     * A completed model turn.
     *
     * @param number   its number within the command, from 1
     * @param request  the blob of the request as sent (never holding a key)
     * @param response the blob of the answer
     */
    record Turn(int number, String request, String response, Event.Usage usage) {
    }

    /**
     * What the agent is asked to do.
     *
     * @param contract    its role's contract, as {@code synod project} prints it
     * @param writeScope  the globs it may write
     * @param diagnostics what went wrong in the previous attempt (empty on the first)
     * @param decisions   the questions settled so far, question to answer
     * @param conflicts   for a merging hand-off, the files the merge left with conflict markers
     * @param previous    for a retry or an escalation, the earlier attempt whose files the workspace
     *                    holds; null on a first attempt, or when no earlier attempt left a commit
     * @param records     the decision records ({@code docs/decisions/*.md}) the workspace holds, path
     *                    to text, sorted by path; frozen, quoted in the agent's instructions
     */
    record Assignment(String run, String step, int attempt, String role, String contract, List<String> writeScope,
                      List<String> inputs, List<String> diagnostics, Map<String, String> decisions, Duration timeout,
                      List<String> conflicts, Previous previous, Map<String, String> records) {
        public Assignment {
            writeScope = List.copyOf(writeScope);
            inputs = List.copyOf(inputs);
            diagnostics = List.copyOf(diagnostics);
            decisions = Maps.ordered(decisions);
            conflicts = List.copyOf(conflicts);
            records = Maps.ordered(new java.util.TreeMap<>(records));
        }

        /** An assignment whose workspace holds no decision record. */
        public Assignment(String run, String step, int attempt, String role, String contract, List<String> writeScope,
                          List<String> inputs, List<String> diagnostics, Map<String, String> decisions, Duration timeout,
                          List<String> conflicts, Previous previous) {
            this(run, step, attempt, role, contract, writeScope, inputs, diagnostics, decisions, timeout, conflicts, previous,
                    Map.of());
        }

        /** This assignment with the decision records its workspace holds. */
        public Assignment withRecords(Map<String, String> records) {
            return new Assignment(run, step, attempt, role, contract, writeScope, inputs, diagnostics, decisions, timeout,
                    conflicts, previous, records);
        }

        /** An assignment that continues from no earlier attempt. */
        public Assignment(String run, String step, int attempt, String role, String contract, List<String> writeScope,
                          List<String> inputs, List<String> diagnostics, Map<String, String> decisions, Duration timeout,
                          List<String> conflicts) {
            this(run, step, attempt, role, contract, writeScope, inputs, diagnostics, decisions, timeout, conflicts, null);
        }

        /** An assignment without merge conflicts. */
        public Assignment(String run, String step, int attempt, String role, String contract, List<String> writeScope,
                          List<String> inputs, List<String> diagnostics, Map<String, String> decisions, Duration timeout) {
            this(run, step, attempt, role, contract, writeScope, inputs, diagnostics, decisions, timeout, List.of());
        }
    }

    /**
     * The earlier attempt a retry or an escalation starts from: its files within the write scope
     * are in the workspace, and {@link Assignment#diagnostics()} says why it was not accepted.
     * What the agent is told of {@link StartingPoint.Previous}: its commit stays with the engine,
     * which has already put its files in the workspace.
     *
     * @param attempt the earlier attempt's number
     * @param role    who made it
     * @param files   its files within the write scope, as they now are in the workspace, sorted
     */
    record Previous(int attempt, String role, List<String> files) {
        public Previous {
            files = List.copyOf(files);
        }
    }

    /** How an attempt ended, and what it cost. */
    sealed interface Outcome {
        Event.Usage usage();

        record Finished(String summary, Event.Usage usage) implements Outcome {
        }

        record Failed(String reason, Event.Usage usage) implements Outcome {
        }

        /**
         * The agent cannot work as configured (a 401, 403 or 404 from its provider, a program that
         * cannot start): the engine fails the hand-off at once instead of spending every attempt.
         */
        record Misconfigured(String reason, Event.Usage usage) implements Outcome {
        }
    }

    /**
     * A reviewer's verdict.
     *
     * @param misconfigured the reviewer cannot work as configured (a 401, 403 or 404 from its
     *                      provider, a program that cannot start); {@code comment} says why. The
     *                      engine then fails the hand-off at once instead of letting a reviewer
     *                      that cannot run reject every attempt.
     */
    record Review(boolean approved, String comment, Event.Usage usage, boolean misconfigured) {
        public Review {
            if (approved && misconfigured) {
                throw new IllegalArgumentException("a review cannot approve and be misconfigured: " + comment);
            }
        }

        /** A verdict of a reviewer that ran. */
        public Review(boolean approved, String comment, Event.Usage usage) {
            this(approved, comment, usage, false);
        }

        /** The answer of a reviewer that cannot work as configured, saying why. */
        public static Review misconfigured(String reason, Event.Usage usage) {
            return new Review(false, reason, usage, true);
        }
    }

    /**
     * The questions of a decide, with their options (empty for an open question), put to its
     * leader, to one of its voters, or to its fallback.
     *
     * @param ballot       whether the agent votes (one ballot among the decide's voters) rather
     *                     than deciding alone as a leader or a fallback
     * @param round        the round it is asked in, from 1 (1 for a leader)
     * @param deliberation for a {@code vote} round after the first, the previous round's anonymous
     *                     tally and rationales; null otherwise
     * @param inputs       the artifacts the decide {@code reads}, whose files {@code workspace} holds
     * @param workspace    a directory with the decide's inputs checked out, to read and not to
     *                     write (the engine discards it); null when the decide reads nothing
     * @param context      for a fallback, why it is asked: the rounds that found no quorum, one
     *                     line each; empty otherwise
     */
    record DecisionRequest(String run, String step, String role, Map<String, List<String>> questions,
                           Map<String, String> decisions, Duration timeout, boolean ballot, int round,
                           Voting.Deliberation deliberation, List<String> inputs, Path workspace, List<String> context) {
        public DecisionRequest {
            questions = Maps.ordered(questions);
            decisions = Maps.ordered(decisions);
            inputs = List.copyOf(inputs);
            context = List.copyOf(context);
            if (round < 1) {
                throw new IllegalArgumentException("a decide's round counts from 1, found " + round);
            }
        }

        /** The request of a {@code leader} decide that reads nothing. */
        public DecisionRequest(String run, String step, String role, Map<String, List<String>> questions,
                               Map<String, String> decisions, Duration timeout) {
            this(run, step, role, questions, decisions, timeout, false, 1, null, List.of(), null, List.of());
        }
    }

    /** A leader's answers, question to option, with the reason. */
    record Decision(Map<String, String> answers, String rationale, Event.Usage usage) {
        public Decision {
            answers = Maps.ordered(answers);
        }
    }
}
