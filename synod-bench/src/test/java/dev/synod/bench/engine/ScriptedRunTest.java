package dev.synod.bench.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.bench.ModelResponse;
import dev.synod.bench.ScriptedOutcomes;
import dev.synod.bench.ScriptedRun;
import dev.synod.core.Budget;
import dev.synod.core.Clock;
import dev.synod.core.Command;
import dev.synod.core.Event;
import dev.synod.core.Journal;
import dev.synod.core.Plan;
import dev.synod.core.Replay;
import dev.synod.core.RunInfo;
import dev.synod.runtime.engine.Engine;
import dev.synod.runtime.workspace.GitRepository;
import dev.synod.testkit.InMemoryJournal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal-only path is only a fair baseline if it appends what the engine appends, batch for batch. */
class ScriptedRunTest {
    @TempDir
    Path dir;

    @Test
    void appends_the_same_events_in_the_same_batches_as_the_engine() throws Exception {
        Plan plan = StepTeam.plan(1, 3);
        String response = ModelResponse.ofBytes(64);
        Recording engineJournal = new Recording();
        Files.writeString(dir.resolve("README.md"), "x\n");
        try (GitRepository repo = GitRepository.openOrInit(dir);
             Engine engine = new Engine(new Engine.Setup(plan, Budget.UNLIMITED, engineJournal, new dev.synod.testkit.InMemoryBlobStore(), repo,
                     dir.resolve(".synod/work"), dir.resolve(".synod/answers"),
                     Map.of("a", new NoOpAgent(response, new StepRecorder())), Map.of("g", new PassGate()),
                     role -> "", Clock.SYSTEM, new Engine.Options(false, false, Duration.ofSeconds(1), Duration.ofSeconds(30)),
                     line -> { }))) {
            engine.start("r", "plan", null, 7);
        }
        Recording scriptedJournal = new Recording();
        ScriptedRun.drive(plan, scriptedJournal, "r", new ScriptedOutcomes(plan, response, 0), Clock.SYSTEM);

        assertThat(scriptedJournal.batches).isEqualTo(engineJournal.batches);
        assertThat(scriptedJournal.batches).hasSize(6).first().isEqualTo(List.of("RunStarted"));
        // a quick gate's intent and verdict share the commit of the attempt's result and the next intent
        assertThat(scriptedJournal.batches.get(2)).containsExactly("AgentFinished agent:s1#1", "Started gate:s1#1:0",
                "GateFinished gate:s1#1:0", "Started agent:s2#1");
        assertThat(Replay.check(plan, Budget.UNLIMITED, scriptedJournal.read("r"))).isEmpty();
    }

    @Test
    void the_branches_of_a_par_advance_together_one_batch_per_turn() {
        Plan plan = StepTeam.plan(4, 2);
        Recording journal = new Recording();

        int events = ScriptedRun.drive(plan, journal, "r", new ScriptedOutcomes(plan, "done", 0), Clock.SYSTEM);

        assertThat(journal.batches.get(1)).hasSize(4).allMatch(e -> e.startsWith("Started agent:s1["));
        assertThat(journal.batches.get(2)).hasSize(16);
        assertThat(events).isEqualTo(journal.batches.stream().mapToInt(List::size).sum());
    }

    /** An in-memory journal that also keeps each append's events, by type and command. */
    private static final class Recording implements Journal {
        private final InMemoryJournal journal = new InMemoryJournal();
        private final List<List<String>> batches = new ArrayList<>();

        @Override
        public void create(RunInfo run) {
            journal.create(run);
        }

        @Override
        public synchronized long append(String run, List<Event> events) {
            batches.add(events.stream().map(Recording::describe).toList());
            return journal.append(run, events);
        }

        private static String describe(Event e) {
            String type = e.getClass().getSimpleName();
            return switch (e) {
                case Event.Started s -> type + " " + s.command().id();
                case Event.AgentFinished f -> type + " " + f.command();
                case Event.GateFinished g -> type + " " + g.command();
                case Event.RunFinished f -> type + " " + f.command();
                default -> type;
            };
        }

        @Override
        public List<Event> read(String run) {
            return journal.read(run);
        }

        @Override
        public List<RunInfo> runs() {
            return journal.runs();
        }

        @Override
        public void close() {
            journal.close();
        }
    }
}
