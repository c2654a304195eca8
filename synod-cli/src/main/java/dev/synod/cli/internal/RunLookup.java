package dev.synod.cli.internal;

import dev.synod.core.Clock;
import dev.synod.runtime.Runs;
import dev.synod.runtime.config.EngineChoice;
import dev.synod.runtime.config.SynodConfig;
import dev.synod.temporal.RunBlobs;
import dev.synod.temporal.TeamWorkflow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Opens a run directory and finds a run in it: the one named, or the most recent. */
final class RunLookup {
    private RunLookup() {
    }

    /** What a command does with the run directory and the run's id. */
    @FunctionalInterface
    interface Action {
        int apply(Runs runs, String run) throws Exception;
    }

    /** What a command does with the run directory and where the run's events come from. */
    @FunctionalInterface
    interface SourceAction {
        int apply(Runs runs, RunSource run) throws Exception;
    }

    /** Runs {@code action} on the directory and run that {@code --dir} and the positional {@code words} name. */
    static int with(DirOption directory, List<String> words, Action action) throws Exception {
        DirOption.Target target = directory.target(words);
        try (Runs runs = Runs.open(target.dir(), Clock.SYSTEM)) {
            return action.apply(runs, runs.resolve(target.run()));
        }
    }

    /**
     * Runs {@code action} on the run that {@code --dir} and {@code words} name, read from its engine:
     * when the directory's {@code synod.yaml} names a Temporal engine and the run is one that
     * {@code synod run} started there (the most recent of them unless one is named), from the
     * workflow's query; else from the journal.
     */
    static int withSource(DirOption directory, List<String> words, SourceAction action) throws Exception {
        DirOption.Target target = directory.target(words);
        Path dir = target.dir();
        Path config = dir.resolve("synod.yaml");
        Optional<EngineChoice.Temporal> engine = Files.isRegularFile(config)
                ? TemporalService.of(SynodConfig.load(config)) : Optional.empty();
        try (Runs runs = Runs.open(dir, Clock.SYSTEM)) {
            List<String> onTemporal = engine.isPresent() ? TemporalRun.started(runs.directory()) : List.of();
            Optional<String> run = target.run().filter(onTemporal::contains)
                    .or(() -> target.run().isEmpty() && !onTemporal.isEmpty()
                            ? Optional.of(onTemporal.get(onTemporal.size() - 1)) : Optional.empty());
            if (run.isEmpty()) {
                return action.apply(runs, new RunSource.Journal(runs, runs.resolve(target.run())));
            }
            try (TemporalService service = TemporalService.connect(engine.get(), config);
                 RunBlobs blobs = RunBlobs.open(runs.directory(), runs.blobs(), TemporalService.remote(engine.get(), dir))) {
                TeamWorkflow workflow = service.client().newWorkflowStub(TeamWorkflow.class, run.get());
                return action.apply(runs, new RunSource.Temporal(runs, run.get(), workflow, service.describe(), blobs));
            }
        }
    }
}
