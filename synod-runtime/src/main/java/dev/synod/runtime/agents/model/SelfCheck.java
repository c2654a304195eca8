package dev.synod.runtime.agents.model;

import dev.synod.core.Gate;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code run_gate} tool's hook: runs one of a hand-off's gates on the agent's files so it can
 * check itself before finishing. Not authoritative: the engine runs the gates again on the commit.
 */
public interface SelfCheck {
    /** No gates to run. */
    SelfCheck NONE = new SelfCheck() {
        @Override
        public List<String> gates(String step) {
            return List.of();
        }

        @Override
        public Gate.Verdict run(String step, String gate, Path tree) {
            throw new IllegalArgumentException("no gate '" + gate + "' for " + step);
        }
    };

    /** The names of the gates of hand-off {@code step} that can run, in declared order. */
    List<String> gates(String step);

    /**
     * Runs gate {@code gate} of hand-off {@code step} on {@code tree}, a copy of the agent's files.
     *
     * @throws IllegalArgumentException when {@code gate} is not one of {@link #gates(String)}
     */
    Gate.Verdict run(String step, String gate, Path tree) throws InterruptedException;
}
