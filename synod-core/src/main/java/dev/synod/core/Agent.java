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

    /** Answers the questions of a {@code leader} decide. */
    Decision decide(DecisionRequest request) throws InterruptedException;

    /**
     * What the agent is asked to do.
     *
     * @param contract    its role's contract, as {@code synod project} prints it
     * @param writeScope  the globs it may write
     * @param diagnostics what went wrong in the previous attempt (empty on the first)
     * @param decisions   the questions settled so far, question to answer
     */
    record Assignment(String run, String step, int attempt, String role, String contract, List<String> writeScope,
                      List<String> inputs, List<String> diagnostics, Map<String, String> decisions, Duration timeout) {
        public Assignment {
            writeScope = List.copyOf(writeScope);
            inputs = List.copyOf(inputs);
            diagnostics = List.copyOf(diagnostics);
            decisions = Maps.ordered(decisions);
        }
    }

    /** How an attempt ended, and what it cost. */
    sealed interface Outcome {
        Event.Usage usage();

        record Finished(String summary, Event.Usage usage) implements Outcome {
        }

        record Failed(String reason, Event.Usage usage) implements Outcome {
        }
    }

    /** A reviewer's verdict. */
    record Review(boolean approved, String comment, Event.Usage usage) {
    }

    /** The questions of a decide, with their options (empty for an open question). */
    record DecisionRequest(String run, String step, String role, Map<String, List<String>> questions,
                           Map<String, String> decisions, Duration timeout) {
        public DecisionRequest {
            questions = Maps.ordered(questions);
            decisions = Maps.ordered(decisions);
        }
    }

    /** A leader's answers, question to option, with the reason. */
    record Decision(Map<String, String> answers, String rationale, Event.Usage usage) {
        public Decision {
            answers = Maps.ordered(answers);
        }
    }
}
