package dev.synod.temporal;

import dev.synod.core.Event;
import java.util.List;

/**
 * A run's events, in the order the interpreter saw them: the journal of a run on Temporal. A
 * record rather than a bare list, so that each event is written with its type, as a journal holds it.
 */
public record TeamEvents(List<Event> events) {
    public TeamEvents {
        events = List.copyOf(events);
    }
}
