package dev.synod.cli.internal;

import dev.synod.core.Clock;
import dev.synod.runtime.Runs;
import java.util.List;

/** Opens a run directory and finds a run in it: the one named, or the most recent. */
final class RunLookup {
    private RunLookup() {
    }

    /** What a command does with the run directory and the run's id. */
    @FunctionalInterface
    interface Action {
        int apply(Runs runs, String run) throws Exception;
    }

    /** Runs {@code action} on the directory and run that {@code --dir} and the positional {@code words} name. */
    static int with(DirOption directory, List<String> words, Action action) throws Exception {
        DirOption.Target target = directory.target(words);
        try (Runs runs = Runs.open(target.dir(), Clock.SYSTEM)) {
            return action.apply(runs, runs.resolve(target.run()));
        }
    }
}
