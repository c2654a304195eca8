package dev.synod.runtime.engine;

import dev.synod.core.Agent;
import dev.synod.core.BlobStore;
import dev.synod.core.Budget;
import dev.synod.core.Clock;
import dev.synod.core.Command;
import dev.synod.core.Event;
import dev.synod.core.Gate;
import dev.synod.core.Plan;
import dev.synod.core.StartingPoint;
import dev.synod.core.State;
import dev.synod.core.Workspace;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The embedded engine's effects for an engine that keeps its events elsewhere (the Temporal
 * workflow of synod-temporal): one command at a time, with what it starts from given by the
 * caller, who derived it with {@link StartingPoint#of}. The agents, gates, workspaces and the
 * mapping of failures to results are exactly the embedded engine's, so the two engines cannot
 * differ on what an effect does.
 *
 * <p>What an attempt journals while it runs (model turns, provider retries) cannot reach the
 * caller's history before the command ends: those events are collected and handed back with the
 * result. A late answer of a call that timed out is dropped, since the command's result was
 * already handed back; the role's timeout therefore does not grow on such an engine.
 */
public final class CommandEffects {
    private final Effects effects;
    private final BlobStore blobs;
    private final Budget budget;
    private final Clock clock;

    /**
     * Everything the effects work with.
     *
     * @param workspace the run's repository, where artifacts are commits
     * @param work      where effects make their scratch directories
     * @param errors    takes an {@link Error} that a call which timed out threw afterwards, by command id
     */
    public record Setup(Plan plan, Budget budget, BlobStore blobs, Workspace workspace, Path work, Map<String, Agent> agents,
                        Map<String, Gate> gates, Function<String, String> contracts, Clock clock, long maxFileBytes,
                        BiConsumer<String, Error> errors) {
    }

    /**
     * What one command did.
     *
     * @param during the events it made while it ran (model turns, provider retries), in order
     * @param result its result event
     */
    public record Performed(List<Event> during, Event result) {
        public Performed {
            during = List.copyOf(during);
        }
    }

    public CommandEffects(Setup s) {
        this.blobs = s.blobs();
        this.budget = s.budget();
        this.clock = s.clock();
        this.effects = new Effects(s.plan(), s.workspace(), s.work(), s.agents(), s.gates(), s.contracts(), s.clock(),
                late -> { }, s.errors(), s.maxFileBytes());
    }

    /**
     * Carries out {@code command} of run {@code run}. An agent's, a gate's or a reviewer's failure
     * is a result, as in the embedded engine; a failure of Synod's own bookkeeping (a tally, a
     * decision record, the release) is thrown, for the caller to retry.
     *
     * @param turns       the model turns the command made before (a resumed attempt continues after them)
     * @param spent       what the run used so far, for the budget
     * @param spentByRole what each participant used so far, for the roles' budgets
     */
    public Performed perform(String run, Command command, StartingPoint start, List<Agent.Turn> turns, Event.Usage spent,
                             Map<String, Event.Usage> spentByRole) throws InterruptedException {
        List<Event> during = Collections.synchronizedList(new ArrayList<>());
        AttemptSession session = new AttemptSession(command.id(), State.roleOf(command), turns, blobs, budget, () -> spent,
                () -> spentByRole, e -> {
                    during.add(e);
                    return CompletableFuture.completedFuture(null);
                    // A provider's retry is journaled as an event; its transient notice has no terminal to reach here.
                }, text -> { }, clock);
        Event result;
        try {
            result = effects.run(new Context(command, run, start, turns), session);
        } catch (RuntimeException e) {
            result = Failures.asResult(command, e, clock.now()).orElseThrow(() -> e);
        }
        synchronized (during) {
            return new Performed(during, result);
        }
    }

    /**
     * The result that stands for {@code command} failing for {@code why} (a crash, a crashed gate),
     * or empty for a command whose failure is not a result but stops the run.
     */
    public static Optional<Event> failed(Command command, String why, Instant now) {
        return Failures.asResult(command, why, now);
    }
}
