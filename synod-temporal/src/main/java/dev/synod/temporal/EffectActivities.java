package dev.synod.temporal;

import dev.synod.core.Agent;
import dev.synod.core.Command;
import dev.synod.core.Event;
import dev.synod.core.StartingPoint;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;
import java.util.Map;

/**
 * The activity that carries out one command of a run. Its input and result hold ids, commits and
 * blob hashes, never a transcript or a blob, so the workflow's history stays small.
 */
@ActivityInterface
public interface EffectActivities {

    /**
     * What a command needs: the workflow derives all of it from the run's state.
     *
     * @param start       what it starts from ({@link StartingPoint#of})
     * @param turns       the model turns it made before
     * @param spent       what the run used so far, for the budget
     * @param spentByRole what each participant used so far
     */
    record Request(String run, Command command, StartingPoint start, List<Agent.Turn> turns, Event.Usage spent,
                   Map<String, Event.Usage> spentByRole) {
        public Request {
            turns = List.copyOf(turns);
            spentByRole = Map.copyOf(spentByRole);
        }
    }

    /**
     * What the command did.
     *
     * @param during the events it made while it ran (model turns, provider retries)
     * @param result its result event
     */
    record Result(List<Event> during, Event result) {
        public Result {
            during = List.copyOf(during);
        }
    }

    /**
     * Carries out the command. A rejected or crashed attempt is a result; only a failure of the
     * worker itself is thrown, and Temporal retries it, on this worker or another.
     */
    @ActivityMethod(name = "perform")
    Result perform(Request request);
}
