package dev.synod.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the journal records. Time and random values enter the interpreter only as fields of
 * events; results refer to the {@link Command#id()} of the command they answer.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Event.RunStarted.class, name = "run-started"),
        @JsonSubTypes.Type(value = Event.Started.class, name = "started"),
        @JsonSubTypes.Type(value = Event.AgentFinished.class, name = "agent-finished"),
        @JsonSubTypes.Type(value = Event.TurnRecorded.class, name = "turn-recorded"),
        @JsonSubTypes.Type(value = Event.LateAnswer.class, name = "late-answer"),
        @JsonSubTypes.Type(value = Event.ProviderRetried.class, name = "provider-retried"),
        @JsonSubTypes.Type(value = Event.GateFinished.class, name = "gate-finished"),
        @JsonSubTypes.Type(value = Event.ReviewFinished.class, name = "review-finished"),
        @JsonSubTypes.Type(value = Event.HumanAnswered.class, name = "human-answered"),
        @JsonSubTypes.Type(value = Event.LeaderAnswered.class, name = "leader-answered"),
        @JsonSubTypes.Type(value = Event.BallotCast.class, name = "ballot-cast"),
        @JsonSubTypes.Type(value = Event.RoundTallied.class, name = "round-tallied"),
        @JsonSubTypes.Type(value = Event.DecisionRecorded.class, name = "decision-recorded"),
        @JsonSubTypes.Type(value = Event.DeadlinePassed.class, name = "deadline-passed"),
        @JsonSubTypes.Type(value = Event.RunFinished.class, name = "run-finished"),
})
public sealed interface Event {
    Instant at();

    /** The first event of a run: the seed for every journaled coin, and the plan's digest. */
    /**
     * The first event of a run.
     *
     * @param plan   the blob of the {@code team.synod} the run executes, so a resumed or replayed
     *               run compiles the same plan even if the file changed since
     * @param config the blob of the run's {@code synod.yaml}, or null when it had none
     * @param base   the commit the run starts from
     * @param seed   the seed of every journaled coin
     */
    record RunStarted(String run, String team, String plan, String config, String base, long seed, Instant at)
            implements Event {
    }

    /** The intent of an effect, journaled before it starts. */
    record Started(Command command, Instant at) implements Event {
    }

    /** Tokens and money one model call or agent turn used. */
    record Usage(long inputTokens, long outputTokens, double usd) {
        public static final Usage NONE = new Usage(0, 0, 0);

        public Usage plus(Usage other) {
            return new Usage(inputTokens + other.inputTokens, outputTokens + other.outputTokens, usd + other.usd);
        }

        public long tokens() {
            return inputTokens + outputTokens;
        }
    }

    /** How an agent's attempt ended. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = Outcome.Produced.class, name = "produced"),
            @JsonSubTypes.Type(value = Outcome.Crashed.class, name = "crashed"),
            @JsonSubTypes.Type(value = Outcome.TimedOut.class, name = "timed-out"),
            @JsonSubTypes.Type(value = Outcome.Rejected.class, name = "rejected"),
            @JsonSubTypes.Type(value = Outcome.Misconfigured.class, name = "misconfigured"),
    })
    sealed interface Outcome {
        /**
         * The agent finished; its work is the commit {@code commit}.
         *
         * @param dropped the paths its commit left out, each as {@code path: why} (a symbolic link,
         *                a FIFO, a {@code .git} directory); empty in journals written before it was kept,
         *                and left out of the JSON when empty, so those journals keep their bytes
         */
        record Produced(String commit, String summary,
                        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> dropped) implements Outcome {
            public Produced {
                dropped = dropped == null ? List.of() : List.copyOf(dropped);
            }

            /** A commit that left nothing out. */
            public Produced(String commit, String summary) {
                this(commit, summary, List.of());
            }
        }

        /** The agent or its provider failed. */
        record Crashed(String reason) implements Outcome {
        }

        /**
         * The agent cannot work as configured (a provider answering 401, 403 or 404, a CLI program
         * that cannot start): no further attempt could do better, so the hand-off fails at once.
         */
        record Misconfigured(String reason) implements Outcome {
        }

        /**
         * The failure detector stopped the agent after {@code afterMillis}, the real time it ran.
         *
         * @param timeoutMillis the timeout it ran under (0 in journals written before it was kept)
         * @param bound         whether the heartbeat bound stopped it ({@link FailureDetector#HEARTBEAT_BOUND}
         *                      times its timeout) while it kept showing signs of life, rather than silence
         */
        record TimedOut(long afterMillis, @JsonInclude(JsonInclude.Include.NON_DEFAULT) Long timeoutMillis,
                        @JsonInclude(JsonInclude.Include.NON_DEFAULT) Boolean bound) implements Outcome {
            // Boxed so that journals written before these fields existed read (as 0 and false), and
            // left out of the JSON at those values so that such journals keep their bytes.
            public TimedOut {
                timeoutMillis = timeoutMillis == null ? 0L : timeoutMillis;
                bound = bound != null && bound;
            }

            /** An agent that fell silent for its whole timeout of {@code afterMillis}. */
            public TimedOut(long afterMillis) {
                this(afterMillis, (Long) afterMillis, Boolean.FALSE);
            }
        }

        /**
         * The agent's output broke a rule before any gate ran (such as its write scope).
         *
         * @param commit what the attempt committed, for the next attempt to start from; null when
         *               nothing could be committed, and in journals written before it was kept
         */
        record Rejected(List<String> diagnostics, @JsonInclude(JsonInclude.Include.NON_NULL) String commit)
                implements Outcome {
            public Rejected {
                diagnostics = List.copyOf(diagnostics);
            }

            /** A rejection that left no commit. */
            public Rejected(List<String> diagnostics) {
                this(diagnostics, null);
            }
        }
    }

    /** The result of a {@link Command.RunAgent}. */
    record AgentFinished(String command, Outcome outcome, Usage usage, Instant at) implements Event {
    }

    /**
     * One completed model turn inside an agent's attempt (ARCHITECTURE.md §3): journaled while the
     * attempt still runs, so a resumed attempt continues after it instead of paying for it again,
     * and so the budget sees the tokens as they are spent. Not a result: the command stays in
     * flight until its own result arrives.
     *
     * @param command  the command of the attempt (a {@code RunAgent}, {@code RunReview} or {@code AskLeader})
     * @param role     the role that made the call, such as {@code dev[2]}
     * @param turn     the turn's number within the attempt, from 1
     * @param request  the blob of what was sent to the model
     * @param response the blob of what the model answered
     */
    record TurnRecorded(String command, String role, int turn, String request, String response, Usage usage,
                        Instant at) implements Event {
    }

    /**
     * A model provider's call failed with a passing fault and is retried within the attempt
     * (ARCHITECTURE.md §4): not the agent's fault, and not a result. Journaled so that
     * {@code synod log} and the run's output show each retry as it waits.
     *
     * @param command     the attempt's command
     * @param role        the role whose call failed
     * @param reason      what failed, such as {@code openai: HTTP 503}
     * @param retry       the number of this retry, from 1
     * @param of          how many retries the policy allows
     * @param delayMillis how long it waits before trying again
     */
    record ProviderRetried(String command, String role, String reason, int retry, int of, long delayMillis, Instant at)
            implements Event {
    }

    /** An agent suspected as timed out answered after all: its role's timeout grows. */
    record LateAnswer(String command, String role, long elapsedMillis, Instant at) implements Event {
    }

    /** A gate's verdict. */
    enum Verdict { PASS, FAIL, ERROR }

    /**
     * The result of a {@link Command.RunGate}; {@code cached} when it came from the verdict cache.
     *
     * @param millis how long the gate's effect took to reach its verdict, measured by the effect on its
     *               clock: the cache lookup for a cached verdict; the lookup, the checkout of the
     *               attempt's commit and the check otherwise. Null when unknown: a journal written
     *               before it existed, or a gate whose effect crashed. Boxed and left out of the JSON
     *               when null so that older journals read and keep their bytes.
     */
    record GateFinished(String command, Verdict verdict, List<String> diagnostics, boolean cached, Instant at,
                        @JsonInclude(JsonInclude.Include.NON_NULL) Long millis) implements Event {
        public GateFinished {
            diagnostics = List.copyOf(diagnostics);
            if (millis != null && millis < 0) {
                throw new IllegalArgumentException("a gate's duration must not be negative: " + millis + " ms for " + command);
            }
        }

        /** A verdict whose duration is not known. */
        public GateFinished(String command, Verdict verdict, List<String> diagnostics, boolean cached, Instant at) {
            this(command, verdict, diagnostics, cached, at, null);
        }
    }

    /**
     * The result of a {@link Command.RunReview}.
     *
     * @param misconfigured the reviewer cannot work as configured ({@code comment} says why): the
     *                      interpreter fails the hand-off at once. Boxed so that journals written
     *                      before it existed read (as false), and left out of the JSON when false so
     *                      that they keep their bytes.
     */
    record ReviewFinished(String command, boolean approved, String comment, Usage usage, Instant at,
                          @JsonInclude(JsonInclude.Include.NON_DEFAULT) Boolean misconfigured) implements Event {
        public ReviewFinished {
            misconfigured = misconfigured != null && misconfigured;
        }

        /** The verdict of a reviewer that ran. */
        public ReviewFinished(String command, boolean approved, String comment, Usage usage, Instant at) {
            this(command, approved, comment, usage, at, Boolean.FALSE);
        }
    }

    /** A person's answer to a {@link Command.AskHuman}. */
    record HumanAnswered(String command, boolean approved, String comment, Instant at) implements Event {
    }

    /**
     * The result of a {@link Command.AskLeader}: the answers per question, or a {@code failure}
     * (crash or timeout) with no answers.
     */
    record LeaderAnswered(String command, Map<String, String> answers, String rationale, String failure, Usage usage,
                          Instant at) implements Event {
        public LeaderAnswered {
            answers = Maps.ordered(answers);
        }
    }

    /**
     * The result of a {@link Command.AskVoter}: the voter's answer per question, or a
     * {@code failure} (a crash, a timeout, an answer that is no ballot) with no answers.
     */
    record BallotCast(String command, Map<String, String> answers, String rationale, String failure, Usage usage,
                      Instant at) implements Event {
        public BallotCast {
            answers = Maps.ordered(answers);
        }
    }

    /** The result of a {@link Command.TallyRound}: the round it carries is journaled. */
    record RoundTallied(String command, Instant at) implements Event {
    }

    /** The decision record was committed. */
    record DecisionRecorded(String command, String commit, String path, Instant at) implements Event {
    }

    /** The run's {@code deadline} passed before it finished. */
    record DeadlinePassed(Instant at) implements Event {
    }

    /** The result of {@link Command.Finish}: the run is over. */
    record RunFinished(String command, boolean succeeded, String branch, Instant at) implements Event {
    }
}
