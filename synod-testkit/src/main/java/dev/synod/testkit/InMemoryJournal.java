package dev.synod.testkit;

import dev.synod.core.Event;
import dev.synod.core.Journal;
import dev.synod.core.Journals;
import dev.synod.core.RunInfo;
import dev.synod.core.SynodException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link Journal} in memory, for engine tests. Events are kept in their JSON form, exactly as a
 * durable journal stores them, so a test fails here too when an event does not survive the
 * round trip. {@link #reopen()} gives a second journal over the same events, as a restarted
 * engine would find them.
 */
public final class InMemoryJournal implements Journal {
    private final Store store;
    private volatile boolean closed;

    /** An empty journal. */
    public InMemoryJournal() {
        this(new Store());
    }

    private InMemoryJournal(Store store) {
        this.store = store;
    }

    /** A new open journal over this one's runs and events, as after a restart. */
    public InMemoryJournal reopen() {
        return new InMemoryJournal(store);
    }

    @Override
    public void create(RunInfo run) {
        if (run.id() == null || run.id().isBlank()) {
            throw new SynodException.InvalidInput("a run needs an id, found " + run);
        }
        checkOpen();
        synchronized (store) {
            if (store.runs.putIfAbsent(run.id(), run) != null) {
                throw new SynodException.InvalidInput("run " + run.id() + " already exists in the journal");
            }
            store.events.put(run.id(), new ArrayList<>());
        }
    }

    @Override
    public long append(String run, List<Event> events) {
        if (events.isEmpty()) {
            throw new SynodException.InvalidInput("expected at least one event to append to run " + run
                    + ", found none");
        }
        List<String> bodies = events.stream().map(Journals::toJson).toList();
        checkOpen();
        synchronized (store) {
            List<String> stored = store.events.get(run);
            if (stored == null) {
                throw unknown(run);
            }
            stored.addAll(bodies);
            return stored.size();
        }
    }

    @Override
    public List<Event> read(String run) {
        List<String> bodies;
        synchronized (store) {
            List<String> stored = store.events.get(run);
            if (stored == null) {
                throw unknown(run);
            }
            bodies = List.copyOf(stored);
        }
        return bodies.stream().map(Journals::fromJson).toList();
    }

    @Override
    public List<RunInfo> runs() {
        List<RunInfo> runs;
        synchronized (store) {
            runs = new ArrayList<>(store.runs.values());
        }
        // A stable sort keeps equally old runs in creation order.
        runs.sort(Comparator.comparing(RunInfo::createdAt));
        return List.copyOf(runs);
    }

    @Override
    public void close() {
        closed = true;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the in-memory journal is closed");
        }
    }

    private static SynodException.InvalidInput unknown(String run) {
        return new SynodException.InvalidInput("no run " + run + " in the journal");
    }

    /** What survives a {@link #reopen()}: runs in creation order and each run's event bodies. */
    private static final class Store {
        private final Map<String, RunInfo> runs = new LinkedHashMap<>();
        private final Map<String, List<String>> events = new HashMap<>();
    }
}
