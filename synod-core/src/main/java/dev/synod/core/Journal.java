package dev.synod.core;

import java.util.List;
import java.util.Optional;

/**
 * Where a run's events are kept. {@link #append} returns only when the events are durable;
 * {@link #read} gives them back in order or fails loudly: a journal that cannot be trusted is
 * reported ({@link SynodException.Corrupted}), never silently rewritten. Implementations must
 * be safe to call from several threads at once.
 */
public interface Journal extends AutoCloseable {

    /** Registers a new run; its first event is appended separately. */
    void create(RunInfo run);

    /**
     * Appends events to a run, durably, after the events already there.
     *
     * @return the sequence number (1-based) of the last event appended
     * @throws SynodException.InvalidInput when the run does not exist
     */
    long append(String run, List<Event> events);

    /** Every event of a run, in order. */
    List<Event> read(String run);

    /** The runs, oldest first. */
    List<RunInfo> runs();

    default Optional<RunInfo> run(String id) {
        return runs().stream().filter(r -> r.id().equals(id)).findFirst();
    }

    @Override
    void close();
}
