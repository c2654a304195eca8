package dev.synod.runtime.engine;

import dev.synod.core.Agent;
import dev.synod.core.Command;
import dev.synod.core.StartingPoint;
import dev.synod.core.Workspace;
import java.util.List;
import java.util.Map;

/**
 * What an effect needs from the run's state, computed by the engine loop before the effect
 * starts so that effects never read the state concurrently. What it starts from is
 * {@link StartingPoint}, derived in synod-core so that every engine derives it alike.
 *
 * @param start what the effect starts from
 * @param turns the model turns the command journaled before the run stopped
 */
record Context(Command command, String run, StartingPoint start, List<Agent.Turn> turns) {

    String base() {
        return start.base();
    }

    List<Workspace.Layer> layers() {
        return start.layers();
    }

    List<String> parents() {
        return start.parents();
    }

    Map<String, String> decisions() {
        return start.decisions();
    }

    Map<String, String> merges() {
        return start.merges();
    }

    Map<String, List<String>> frozen() {
        return start.frozen();
    }
}
