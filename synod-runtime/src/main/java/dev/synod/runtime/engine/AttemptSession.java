package dev.synod.runtime.engine;

import dev.synod.core.Agent;
import dev.synod.core.BlobStore;
import dev.synod.core.Budget;
import dev.synod.core.Clock;
import dev.synod.core.Event;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The {@link Agent.Session} of one command: turns go to the engine loop, the run's only journal
 * writer, and {@link #record} waits until the loop has made them durable.
 */
final class AttemptSession implements Agent.Session {
    private final String command;
    private final String role;
    private final List<Agent.Turn> turns;
    private final BlobStore blobs;
    private final Budget budget;
    private final Supplier<Event.Usage> spent;
    private final Supplier<Map<String, Event.Usage>> spentByRole;
    private final Function<Event, CompletableFuture<Void>> journal;
    private final java.util.function.Consumer<String> waiting;
    private final Clock clock;
    private volatile long lastBeatNanos;

    /**
     * @param turns   the turns this command journaled before
     * @param spent       what the run used so far, as the loop last saw it
     * @param spentByRole what each participant used so far, as the loop last saw it (for role budgets)
     * @param journal     hands an event to the loop; the future completes once it is durable
     * @param waiting     shows a transient notice of this command at once (an HTTP retry as it waits)
     */
    AttemptSession(String command, String role, List<Agent.Turn> turns, BlobStore blobs, Budget budget,
                   Supplier<Event.Usage> spent, Supplier<Map<String, Event.Usage>> spentByRole,
                   Function<Event, CompletableFuture<Void>> journal, java.util.function.Consumer<String> waiting, Clock clock) {
        this.command = command;
        this.role = role;
        this.turns = List.copyOf(turns);
        this.blobs = blobs;
        this.budget = budget;
        this.spent = spent;
        this.spentByRole = spentByRole;
        this.journal = journal;
        this.waiting = waiting;
        this.clock = clock;
        this.lastBeatNanos = clock.nanos();
    }

    @Override
    public List<Agent.Turn> turns() {
        return turns;
    }

    @Override
    public void record(Agent.Turn turn) throws InterruptedException {
        heartbeat();
        try {
            journal.apply(new Event.TurnRecorded(command, role, turn.number(), turn.request(), turn.response(), turn.usage(),
                    clock.now())).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("turn " + turn.number() + " of " + command + " could not be journaled: "
                    + e.getCause().getMessage(), e.getCause());
        }
    }

    @Override
    public void retrying(String reason, int retry, int of, java.time.Duration delay) {
        heartbeat();
        // Shown at once, while the call waits; the journaled event follows for synod log.
        waiting.accept(reason + ", retry " + retry + " of " + of + " in " + dev.synod.runtime.config.Units.describe(delay));
        // Not awaited: a retry is worth showing, not worth holding the call for its commit.
        journal.apply(new Event.ProviderRetried(command, role, reason, retry, of, delay.toMillis(), clock.now()));
    }

    @Override
    public Optional<String> refusal() {
        return budget.refusal(role, spent.get(), spentByRole.get());
    }

    @Override
    public void heartbeat() {
        lastBeatNanos = clock.nanos();
    }

    @Override
    public BlobStore blobs() {
        return blobs;
    }

    /** When the agent last showed a sign of life, as {@link Clock#nanos()} read it. */
    long lastBeatNanos() {
        return lastBeatNanos;
    }
}
