package dev.synod.core;

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

    /** A {@code leader} decide: {@code role} answers every question alone. */
    record AskLeader(String id, String step, String role, long timeoutMillis) implements Command {
    }

    /** Commit the decision record of a settled decide to the repository. */
    record RecordDecision(String id, String step, Map<String, String> answers, String rationale, String how)
            implements Command {
        public RecordDecision {
            answers = Maps.ordered(answers);
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
