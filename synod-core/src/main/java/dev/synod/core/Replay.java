package dev.synod.core;

import java.util.List;
import java.util.Optional;

/**
 * Re-derives every command of a journal: each {@link Event.Started} must name a command that
 * {@link Interpreter#next} gives for the events before it. The first difference is reported,
 * so a journal written by another version of the interpreter, or edited, fails loudly.
 */
public final class Replay {
    private Replay() {
    }

    /** Where a journal and the interpreter part ways. */
    public record Mismatch(int index, String journaled, List<String> derived) {
        public String describe() {
            return "event " + (index + 1) + " starts " + journaled + ", but the interpreter derives "
                    + (derived.isEmpty() ? "no command" : String.join(", ", derived)) + " at that point";
        }
    }

    /** The first difference, or empty when the journal replays exactly. */
    public static Optional<Mismatch> check(Plan plan, Budget budget, List<Event> events) {
        State state = new State(plan, budget);
        for (int i = 0; i < events.size(); i++) {
            Event event = events.get(i);
            if (i == 0 && !(event instanceof Event.RunStarted)) {
                return Optional.of(new Mismatch(0, describe(event), List.of("run-started")));
            }
            if (event instanceof Event.Started started) {
                List<Command> derived = Interpreter.next(state);
                if (!derived.contains(started.command())) {
                    return Optional.of(new Mismatch(i, started.command().toString(),
                            derived.stream().map(Command::toString).toList()));
                }
            }
            state.apply(event);
        }
        return Optional.empty();
    }

    private static String describe(Event event) {
        return event.getClass().getSimpleName();
    }
}
