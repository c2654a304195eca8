package dev.synod.runtime.engine;

import dev.synod.core.Agent;
import dev.synod.core.Command;
import dev.synod.core.Workspace;
import java.util.List;
import java.util.Map;

/**
 * What an effect needs from the run's state, computed by the engine loop before the effect
 * starts so that effects never read the state concurrently.
 *
 * @param layers    the accepted artifacts and decisions the attempt starts from, in order
 * @param parents   the commits the attempt's commit descends from
 * @param decisions the questions settled so far, question to answer
 * @param turns     the model turns the command journaled before the run stopped
 * @param merges    for a merging hand-off, the accepted artifacts it merges, name to commit, in order
 * @param frozen    the accepted frozen artifacts the attempt must not change, name to globs
 */
record Context(Command command, String run, String base, List<Workspace.Layer> layers, List<String> parents,
               Map<String, String> decisions, List<Agent.Turn> turns, Map<String, String> merges,
               Map<String, List<String>> frozen) {
}
