package dev.synod.cli.internal;

import dev.synod.core.Clock;
import dev.synod.runtime.Runs;
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

    static int with(DirOption directory, String run, Action action) throws Exception {
        try (Runs runs = Runs.open(directory.dir, Clock.SYSTEM)) {
            return action.apply(runs, runs.resolve(Optional.ofNullable(run)));
        }
    }
}
