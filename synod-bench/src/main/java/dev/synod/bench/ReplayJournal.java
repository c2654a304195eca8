package dev.synod.bench;

import dev.synod.core.Clock;
import dev.synod.core.Event;
import dev.synod.core.Plan;
import dev.synod.core.PlanCompiler;
import dev.synod.lang.CheckOptions;
import dev.synod.lang.SourceFile;
import dev.synod.lang.Synod;
import dev.synod.testkit.InMemoryJournal;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A realistic journal to replay: a {@link TeamGenerator} team (decides by a leader, frozen specs,
 * {@code for} loops, {@code par} blocks, gates, reviews, escalation) driven to its end by
 * {@link ScriptedRun}, where every fifth hand-off fails its first gate once and is retried, and
 * every agent answers with a {@value ModelResponse#BENCHMARK_BYTES}-byte response. The events are
 * read back from an {@link InMemoryJournal}, so they have made the JSON round trip a stored
 * journal makes.
 *
 * @param plan   the compiled team
 * @param units  the number of units of the generated team
 * @param events the run's events, first to last
 */
public record ReplayJournal(Plan plan, int units, List<Event> events) {
    /** The size of the benchmark's journal. */
    public static final int BENCHMARK_EVENTS = 10_000;

    private static final int FAIL_GATE_EVERY = 5;

    public ReplayJournal {
        events = List.copyOf(events);
    }

    /**
     * The journal of the smallest generated team whose run has at least {@code minEvents} events.
     *
     * @throws IllegalArgumentException when {@code minEvents} is not positive
     */
    public static ReplayJournal atLeast(int minEvents) {
        if (minEvents < 1) {
            throw new IllegalArgumentException("minEvents must be at least 1, found " + minEvents);
        }
        // Events grow linearly with units: estimate from one and two units, then step to the fewest.
        int one = ofUnits(1).events().size();
        int perUnit = ofUnits(2).events().size() - one;
        int units = Math.max(1, 1 + (int) Math.ceil((double) (minEvents - one) / perUnit));
        while (units > 1 && ofUnits(units - 1).events().size() >= minEvents) {
            units--;
        }
        ReplayJournal journal = ofUnits(units);
        while (journal.events().size() < minEvents) {
            journal = ofUnits(++units);
        }
        return journal;
    }

    /** The journal of the generated team with exactly {@code units} units. */
    public static ReplayJournal ofUnits(int units) {
        Plan plan = PlanCompiler.compile(Synod.check(new SourceFile("generated.synod", TeamGenerator.withUnits(units)),
                CheckOptions.none()));
        try (InMemoryJournal journal = new InMemoryJournal()) {
            ScriptedRun.drive(plan, journal, "replay", new ScriptedOutcomes(plan,
                    ModelResponse.ofBytes(ModelResponse.BENCHMARK_BYTES), FAIL_GATE_EVERY), steadyClock());
            return new ReplayJournal(plan, units, journal.read("replay"));
        }
    }

    /** A clock that ticks one second per reading, so that events carry distinct, increasing times. */
    private static Clock steadyClock() {
        AtomicLong seconds = new AtomicLong(1_767_225_600L);
        return () -> Instant.ofEpochSecond(seconds.getAndIncrement());
    }
}
