package dev.synod.bench.engine;

import dev.synod.bench.ScriptedOutcomes;
import dev.synod.bench.ScriptedRun;
import dev.synod.core.Clock;
import dev.synod.core.Command;
import dev.synod.core.Plan;
import dev.synod.runtime.engine.LocalStorage;
import java.nio.file.Path;

/**
 * Drives {@link StepTeam} runs without effects: the interpreter and the SQLite journal alone,
 * appending the same events in the same batches as the engine ({@link ScriptedRun}). What the
 * engine adds on top of this — git, scratch directories, threads — is the difference between the
 * two. Effects answer at once, so the branches of a {@code par} advance in lockstep and every
 * turn carries one result and one intent per branch: the best case for the engine's batching.
 */
final class JournalDriver implements RunDriver {
    private final Plan plan;
    private final StepRecorder recorder;
    private final LocalStorage storage;
    private final TimedJournal journal;
    private final ScriptedOutcomes outcomes;

    JournalDriver(Path directory, int branches, int steps, String response, StepRecorder recorder) {
        this.plan = StepTeam.plan(branches, steps);
        this.recorder = recorder;
        this.storage = LocalStorage.openOrCreate(directory);
        this.journal = new TimedJournal(storage.journal(), recorder);
        this.outcomes = new ScriptedOutcomes(plan, response, 0);
    }

    @Override
    public void run(String run, int worker) {
        try {
            ScriptedRun.drive(plan, journal, run, (command, at) -> {
                if (command instanceof Command.RunAgent agent) {
                    recorder.attemptStarted(run, agent.role());
                }
                return outcomes.answer(command, at);
            }, Clock.SYSTEM);
        } finally {
            recorder.runFinished(run);
        }
    }

    @Override
    public void close() {
        storage.close();
    }
}
