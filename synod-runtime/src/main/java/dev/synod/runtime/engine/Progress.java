package dev.synod.runtime.engine;

import dev.synod.core.Event;
import dev.synod.core.State;
import java.util.function.Consumer;

/**
 * What the engine tells whoever watches a run as it goes: every event once it is durable, the
 * notices that are not events (a step that waits for a person, an effect resumed after a stop),
 * and the transient notices of a running command (a model provider's HTTP retry while it waits).
 *
 * <p>The engine calls {@link #event} and {@link #notice} on its loop thread, with the loop's own
 * {@link State}: a listener reads what it needs during the call and keeps no reference to it.
 * {@link #waiting} comes from the command's own thread, at once, before anything is journaled.
 */
public interface Progress {

    /** A listener that hears nothing. */
    Progress NONE = lines(line -> { });

    /** {@code event} is journaled; {@code state} is the run's state with it (and the rest of its commit) folded in. */
    void event(Event event, State state);

    /**
     * A drive goes on from {@code state}, folded from the journal: a resumed run's commands in flight
     * run again from here, before any new event arrives. Called on the loop thread, like {@link #event}.
     */
    default void resumed(State state) {
    }

    /** A line worth showing that is no event: a step waiting for a person, an in-flight effect resumed, a warning. */
    void notice(String text);

    /**
     * A running command waits for something that is not its own work, such as a provider's HTTP
     * retry ({@code openai: HTTP 503, retry 2 of 5 in 4s}); shown while it waits, never journaled
     * as such (the retry's own event follows through {@link #event}).
     *
     * @param command the id of the waiting command, as in {@code agent:notes#1}
     */
    default void waiting(String command, String text) {
    }

    /** Each event as its {@link Timeline#describe} line and each notice as it is, to {@code lines}; waits are not shown. */
    static Progress lines(Consumer<String> lines) {
        return new Progress() {
            @Override
            public void event(Event event, State state) {
                String line = Timeline.describe(event, state.plan());
                if (line != null) {
                    lines.accept(line);
                }
            }

            @Override
            public void notice(String text) {
                lines.accept(text);
            }
        };
    }
}
