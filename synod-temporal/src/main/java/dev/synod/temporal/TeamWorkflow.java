package dev.synod.temporal;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One run of a team as a Temporal workflow. Its code is synod-core's interpreter, as in the
 * embedded engine: it folds the run's events into a state, derives the commands, and carries out
 * each as an activity, whose result event it folds in turn. Workflow id = run id.
 */
@WorkflowInterface
public interface TeamWorkflow {

    /** Drives the run until it finishes; people answer meanwhile through {@link #answer}. */
    @WorkflowMethod
    TeamOutcome run(TeamStart start);

    /** What runs and who is awaited now. */
    @QueryMethod
    TeamStatus status();

    /** The run's events so far, in the order the interpreter saw them: the journal of this engine. */
    @QueryMethod
    TeamEvents events();

    /**
     * A person's answer to a waiting command; returns the command's id. Refused, before it reaches
     * the history, when no such command waits.
     */
    @UpdateMethod
    String answer(PersonAnswer answer);

    @UpdateValidatorMethod(updateName = "answer")
    void validateAnswer(PersonAnswer answer);
}
