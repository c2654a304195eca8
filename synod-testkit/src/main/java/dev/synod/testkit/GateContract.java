package dev.synod.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.core.Event;
import dev.synod.core.Gate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract of {@link Gate} (ARCHITECTURE.md §6): every implementation's test subclasses
 * this and supplies the gate, a tree it passes and a tree it fails. A gate passes its passing
 * tree with no diagnostics, fails its failing tree with at least one diagnostic located as
 * {@code path:line:col: message}, gives the same verdict for the same tree every time (verdicts
 * are cached by tree), and leaves the tree exactly as it found it.
 */
public abstract class GateContract {
    /** {@code path:line:col: message}, with a path that has no colon and positive line and column. */
    static final Pattern LOCATED = Pattern.compile("[^:\\s][^:]*:[1-9][0-9]*:[1-9][0-9]*: \\S.*", Pattern.DOTALL);

    // Not private: JUnit injects it into this superclass of the implementation's test.
    @TempDir
    Path root;

    private Path passingTree;
    private Path failingTree;

    /** The gate under test, configured as a run would configure it. */
    protected abstract Gate gate();

    /**
     * Writes a tree the gate passes into {@code tree} (an empty directory) and returns the
     * gate's input for it: the tree, the gate's argument and the hand-off's globs.
     */
    protected abstract Gate.Input passing(Path tree) throws IOException;

    /** Like {@link #passing}, but a tree the gate fails. */
    protected abstract Gate.Input failing(Path tree) throws IOException;

    @BeforeEach
    final void makeTrees() throws IOException {
        passingTree = Files.createDirectories(root.resolve("passing"));
        failingTree = Files.createDirectories(root.resolve("failing"));
    }

    @Test
    void passes_the_passing_tree_with_no_diagnostics() throws Exception {
        Gate.Verdict verdict = gate().check(passing(passingTree));

        assertThat(verdict.kind()).as("verdict on the passing tree, with %s", verdict.diagnostics())
                .isEqualTo(Event.Verdict.PASS);
        assertThat(verdict.diagnostics()).isEmpty();
    }

    /**
     * The verdict as the engine hands it on. A gate that returns its tool's raw output leaves
     * locating and capping to the runtime's one normalizer; its contract test applies it here.
     */
    protected Gate.Verdict asTheEngineSeesIt(Gate.Verdict verdict, Path tree) {
        return verdict;
    }

    @Test
    void fails_the_failing_tree_with_a_located_diagnostic() throws Exception {
        Gate.Verdict verdict = asTheEngineSeesIt(gate().check(failing(failingTree)), failingTree);

        assertThat(verdict.kind()).as("verdict on the failing tree, with %s", verdict.diagnostics())
                .isEqualTo(Event.Verdict.FAIL);
        assertThat(verdict.diagnostics()).as("diagnostics in path:line:col: message form")
                .anyMatch(d -> LOCATED.matcher(d).matches());
    }

    @Test
    void gives_the_same_verdict_and_diagnostics_for_the_same_tree() throws Exception {
        Gate gate = gate();
        Gate.Input pass = passing(passingTree);
        Gate.Input fail = failing(failingTree);

        Gate.Verdict firstPass = gate.check(pass);
        Gate.Verdict firstFail = gate.check(fail);

        assertThat(gate.check(pass)).isEqualTo(firstPass);
        assertThat(gate.check(fail)).isEqualTo(firstFail);
        assertThat(gate().check(fail)).as("a second instance of the gate").isEqualTo(firstFail);
    }

    @Test
    void does_not_modify_the_tree() throws Exception {
        Gate gate = gate();
        Gate.Input pass = passing(passingTree);
        Gate.Input fail = failing(failingTree);
        Map<String, String> before = Trees.snapshot(root, null);

        gate.check(pass);
        gate.check(fail);

        assertThat(Trees.snapshot(root, null)).isEqualTo(before);
    }
}
