package dev.synod.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.Map;

/**
 * An effect the interpreter asks the engine to carry out. Its {@link #id()} is derived from the
 * plan and the journal alone, so the same journal always yields the same commands; the engine
 * journals {@link Event.Started} with the command before it runs it.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Command.RunAgent.class, name = "run-agent"),
        @JsonSubTypes.Type(value = Command.RunGate.class, name = "run-gate"),
        @JsonSubTypes.Type(value = Command.RunReview.class, name = "run-review"),
        @JsonSubTypes.Type(value = Command.AskHuman.class, name = "ask-human"),
        @JsonSubTypes.Type(value = Command.AskLeader.class, name = "ask-leader"),
        @JsonSubTypes.Type(value = Command.AskVoter.class, name = "ask-voter"),
        @JsonSubTypes.Type(value = Command.TallyRound.class, name = "tally-round"),
        @JsonSubTypes.Type(value = Command.RecordDecision.class, name = "record-decision"),
        @JsonSubTypes.Type(value = Command.Finish.class, name = "finish"),
})
public sealed interface Command {
    String id();

    /** The step the command belongs to, or "" for the run as a whole. */
    String step();

    /**
     * Attempt {@code attempt} (1-based) of a hand-off, by {@code role}, bounded by
     * {@code timeoutMillis}, given the previous attempt's diagnostics.
     */
    record RunAgent(String id, String step, int attempt, String role, long timeoutMillis, List<String> diagnostics)
            implements Command {
        public RunAgent {
            diagnostics = List.copyOf(diagnostics);
        }
    }

    /** Gate {@code index} (0-based, in declared order) of an attempt, on the attempt's commit. */
    record RunGate(String id, String step, int attempt, int index, Plan.GateSpec gate, String commit)
            implements Command {
    }

    /** An agentic review of an attempt's commit by {@code reviewer}. */
    record RunReview(String id, String step, int attempt, String reviewer, String commit, long timeoutMillis)
            implements Command {
    }

    /** A question to a person: approve an attempt's commit (a {@code human} review). */
    record AskHuman(String id, String step, int attempt, String commit, String question) implements Command {
    }

    /**
     * A decide's leader, or its fallback after rounds without a quorum, answers alone.
     *
     * @param questions the questions it answers; empty for a {@code leader} decide, which answers
     *                  all of them (left out of the JSON when empty, so earlier journals keep their bytes)
     * @param context   for a fallback, the rounds that found no quorum, one line each
     */
    record AskLeader(String id, String step, String role, long timeoutMillis,
                     @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> questions,
                     @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> context) implements Command {
        public AskLeader {
            questions = questions == null ? List.of() : List.copyOf(questions);
            context = context == null ? List.of() : List.copyOf(context);
        }

        /** The questions it answers: those given, or for a {@code leader} decide all of {@code decide}'s. */
        public List<String> asked(Plan.Decide decide) {
            return questions.isEmpty() ? decide.questions() : questions;
        }

        /** The leader of a {@code leader} decide, asked every question. */
        public AskLeader(String id, String step, String role, long timeoutMillis) {
            this(id, step, role, timeoutMillis, List.of(), List.of());
        }
    }

    /**
     * One voter's ballot in round {@code round} of a {@code vote} or {@code ben_or} decide, on the
     * questions still open.
     *
     * @param deliberation for a {@code vote} round after the first, what the previous round found; null otherwise
     */
    record AskVoter(String id, String step, int round, String role, long timeoutMillis, List<String> questions,
                    @JsonInclude(JsonInclude.Include.NON_NULL) Voting.Deliberation deliberation) implements Command {
        public AskVoter {
            questions = List.copyOf(questions);
        }
    }

    /**
     * Journals a closed round of a decide: its ballots (the voters' own, or for a {@code ben_or}
     * round after the first the adopted majorities and coins the interpreter derived), who gave
     * none, and what reached the quorum. Being a command, a replay re-derives it and so re-draws
     * every coin from the run's seed.
     */
    record TallyRound(String id, String step, Voting.Round round) implements Command {
    }

    /**
     * Commit the decision records of a settled decide to the repository.
     *
     * @param how     how it was settled, in words
     * @param outcome for a {@code vote} or {@code ben_or} decide, how each question was settled
     *                (empty for a {@code leader} decide, and then left out of the JSON)
     * @param rounds  the decide's rounds, every ballot with its rationale
     */
    record RecordDecision(String id, String step, Map<String, String> answers, String rationale, String how,
                          @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Voting.Settlement> outcome,
                          @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Voting.Round> rounds)
            implements Command {
        public RecordDecision {
            answers = Maps.ordered(answers);
            outcome = outcome == null ? List.of() : List.copyOf(outcome);
            rounds = rounds == null ? List.of() : List.copyOf(rounds);
        }

        /** The record of a {@code leader} decide. */
        public RecordDecision(String id, String step, Map<String, String> answers, String rationale, String how) {
            this(id, step, answers, rationale, how, List.of(), List.of());
        }
    }

    /** End the run: on success the release branch holds every accepted artifact. */
    record Finish(String id, String step, boolean succeeded, String reason, Map<String, String> accepted)
            implements Command {
        public Finish {
            accepted = Maps.ordered(accepted);
        }
    }
}
