package dev.synod.runtime.engine;

import dev.synod.core.Agent;
import dev.synod.core.Command;
import dev.synod.core.StartingPoint;
import java.util.List;

/**
 * What an effect needs from the run's state, computed by the engine loop before the effect
 * starts so that effects never read the state concurrently. What it starts from is
 * {@link StartingPoint}, derived in synod-core so that every engine derives it alike; effects
 * read it there ({@code ctx.start().base()}) rather than through accessors that forward to it.
 *
 * @param start what the effect starts from
 * @param turns the model turns the command journaled before the run stopped
 */
record Context(Command command, String run, StartingPoint start, List<Agent.Turn> turns) {
}
