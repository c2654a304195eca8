package dev.synod.core;

import java.nio.file.Path;
import java.util.List;

/**
 * A deterministic check of a tree: the same tree and configuration always give the same
 * verdict, which is what makes verdicts cacheable and a failed gate a reliable signal.
 */
public interface Gate {

    /** Checks the tree checked out at {@code input.tree()}. */
    Verdict check(Input input) throws InterruptedException;

    /**
     * @param tree     a directory holding the attempt's files
     * @param argument the gate's argument in the choreography, or null
     * @param globs    the write scope of the hand-off being checked
     */
    record Input(Path tree, String argument, List<String> globs) {
        public Input {
            globs = List.copyOf(globs);
        }
    }

    /** The verdict with its diagnostics, normalized as {@code path:line:col: message} where possible. */
    record Verdict(Event.Verdict kind, List<String> diagnostics) {
        public Verdict {
            diagnostics = List.copyOf(diagnostics);
        }

        public static Verdict pass() {
            return new Verdict(Event.Verdict.PASS, List.of());
        }

        public static Verdict fail(List<String> diagnostics) {
            return new Verdict(Event.Verdict.FAIL, diagnostics);
        }
    }
}
