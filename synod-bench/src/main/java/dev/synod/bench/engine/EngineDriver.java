package dev.synod.bench.engine;

import dev.synod.core.Agent;
import dev.synod.core.Budget;
import dev.synod.core.Clock;
import dev.synod.core.Gate;
import dev.synod.core.Plan;
import dev.synod.runtime.engine.Engine;
import dev.synod.runtime.engine.LocalStorage;
import dev.synod.runtime.workspace.GitRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Drives {@link StepTeam} runs through the real embedded engine in one run directory: one
 * SQLite journal ({@code .synod/synod.db}) and one git repository shared by every run; each
 * worker has its own scratch directory, since command ids repeat from run to run. Each attempt
 * is a no-op agent answering with a fixed response, then the pass gate; the engine journals,
 * checks the attempt out, commits its tree to git (its objects staged in the journal, as in a
 * run) and checks its write scope as it would for a real agent.
 */
final class EngineDriver implements RunDriver {
    private final Path directory;
    private final Plan plan;
    private final StepRecorder recorder;
    private final LocalStorage storage;
    private final TimedJournal journal;
    private final GitRepository repo;
    private final Map<String, Agent> agents = new LinkedHashMap<>();
    private final Map<String, Gate> gates = Map.of(StepTeam.GATE, new PassGate());

    /** Opens the run directory {@code directory}, making its repository with one small file. */
    EngineDriver(Path directory, int branches, int steps, String response, StepRecorder recorder) {
        this.directory = directory;
        this.plan = StepTeam.plan(branches, steps);
        this.recorder = recorder;
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve("README.md"), "the project the benchmark's agents work on\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.storage = LocalStorage.openOrCreate(directory);
        this.journal = new TimedJournal(storage.journal(), recorder);
        this.repo = GitRepository.openOrInit(directory);
        // As a run does (Runs): new objects staged in the journal, flushed into git at each run's end.
        repo.stageObjectsIn(storage.objectLog());
        NoOpAgent agent = new NoOpAgent(response, recorder);
        StepTeam.producers(branches).forEach(role -> agents.put(role, agent));
    }

    @Override
    public void run(String run, int worker) {
        Engine.Setup setup = new Engine.Setup(plan, Budget.UNLIMITED, journal, storage.blobs(), repo,
                directory.resolve(".synod/work/w" + worker), directory.resolve(".synod/answers"), agents, gates,
                role -> "contract of " + role, Clock.SYSTEM, new Engine.Options(false, false, Duration.ofSeconds(1)),
                line -> { });
        try (Engine engine = new Engine(setup)) {
            Engine.Result result = engine.start(run, "plan", null, 7);
            if (!(result instanceof Engine.Result.Finished f) || !f.succeeded()) {
                throw new IllegalStateException("run " + run + " did not succeed: " + result);
            }
        } finally {
            recorder.runFinished(run);
        }
    }

    @Override
    public void close() {
        repo.close();
        storage.close();
    }
}
