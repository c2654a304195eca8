package dev.synod.runtime.agents.model;

import dev.synod.core.Agent;
import dev.synod.core.BlobStore;
import dev.synod.testkit.InMemoryBlobStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A session that journals turns in memory, as the engine would, and can stop the attempt like a
 * kill right after a given turn is durable.
 */
final class JournalSession implements Agent.Session {
    final BlobStore blobs;
    final List<Agent.Turn> journaled = new ArrayList<>();
    private final List<Agent.Turn> before;
    private final int killAfter;
    private final Supplier<Optional<String>> refusal;
    int heartbeats;

    /** A fresh attempt that is never stopped. */
    JournalSession() {
        this(new InMemoryBlobStore(), List.of(), Integer.MAX_VALUE, Optional::empty);
    }

    /**
     * @param before    the turns journaled before (a resumed attempt)
     * @param killAfter the turn after whose journaling the attempt is stopped
     */
    JournalSession(BlobStore blobs, List<Agent.Turn> before, int killAfter, Supplier<Optional<String>> refusal) {
        this.blobs = blobs;
        this.before = List.copyOf(before);
        this.killAfter = killAfter;
        this.refusal = refusal;
    }

    /** A kill right after a turn was made durable. */
    static final class Killed extends InterruptedException {
        private static final long serialVersionUID = 1L;

        Killed(int turn) {
            super("killed after turn " + turn);
        }
    }

    @Override
    public List<Agent.Turn> turns() {
        return before;
    }

    @Override
    public void record(Agent.Turn turn) throws InterruptedException {
        journaled.add(turn);
        if (turn.number() >= killAfter) {
            throw new Killed(turn.number());
        }
    }

    @Override
    public Optional<String> refusal() {
        return refusal.get();
    }

    @Override
    public void heartbeat() {
        heartbeats++;
    }

    @Override
    public BlobStore blobs() {
        return blobs;
    }

    /** Every turn of the attempt so far: those journaled before and those journaled now. */
    List<Agent.Turn> all() {
        List<Agent.Turn> out = new ArrayList<>(before);
        out.addAll(journaled);
        return out;
    }
}
