package dev.synod.bench;

import dev.synod.core.Budget;
import dev.synod.core.Clock;
import dev.synod.core.Command;
import dev.synod.core.Event;
import dev.synod.core.Interpreter;
import dev.synod.core.Journal;
import dev.synod.core.Plan;
import dev.synod.core.RunInfo;
import dev.synod.core.State;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Drives a run through the pure interpreter exactly as the embedded engine's loop does, but with
 * every effect answered at once by a {@link Script}: no agents, no gates, no git. Each turn
 * journals the results that arrived together with the intents they lead to, in one
 * {@link Journal#append}, as {@code Engine.drive} does, gates answering within the turn as the
 * engine's quick gates do; so the journal receives the same events in
 * the same batches as under the engine, which is what the journal-only measurements and the
 * replay benchmark need.
 */
public final class ScriptedRun {
    /** The commit the scripted runs start from. */
    public static final String BASE = "0".repeat(40);

    /** What the effects answer: the result event of a command. */
    @FunctionalInterface
    public interface Script {
        /** The result of {@code command}, as its effect would report it at {@code at}. */
        Event answer(Command command, Instant at);
    }

    private ScriptedRun() {
    }

    /**
     * Registers run {@code run} in {@code journal} and drives it to its end.
     *
     * @return how many events the run journaled
     */
    public static int drive(Plan plan, Journal journal, String run, Script script, Clock clock) {
        journal.create(new RunInfo(run, plan.team(), "/bench", clock.now()));
        journal.append(run, List.of(new Event.RunStarted(run, plan.team(), "plan", null, BASE, 7, clock.now())));
        // The engine folds what the journal holds before its first turn; so does this.
        State state = Interpreter.fold(plan, Budget.UNLIMITED, journal.read(run));
        int events = 1;
        List<Event> arrived = new ArrayList<>();
        while (true) {
            arrived.forEach(e -> Interpreter.apply(state, e));
            List<Event> all = new ArrayList<>(arrived);
            // As the engine does: gates answer within the turn, and what they lead to is derived in it.
            List<Command> costly = new ArrayList<>();
            while (state.finished().isEmpty()) {
                List<Command> next = Interpreter.next(state);
                Instant now = clock.now();
                List<Event> verdicts = new ArrayList<>();
                for (Command c : next) {
                    Event intent = new Event.Started(c, now);
                    Interpreter.apply(state, intent);
                    all.add(intent);
                    if (c instanceof Command.RunGate) {
                        verdicts.add(script.answer(c, clock.now()));
                    } else {
                        costly.add(c);
                    }
                }
                if (verdicts.isEmpty()) {
                    break;
                }
                verdicts.forEach(e -> Interpreter.apply(state, e));
                all.addAll(verdicts);
            }
            if (all.isEmpty()) {
                throw new IllegalStateException("run " + run + " can make no progress: no result arrived and the "
                        + "interpreter derives no command");
            }
            journal.append(run, all);
            events += all.size();
            if (state.finished().isPresent()) {
                return events;
            }
            // The intents are durable: the effects "run" now, and their results arrive for the next turn.
            arrived = new ArrayList<>(costly.size());
            for (Command c : costly) {
                arrived.add(script.answer(c, clock.now()));
            }
        }
    }
}
