package dev.synod.runtime.gates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.core.Gate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * The incremental compile gate gives the verdict and diagnostics a compilation from scratch
 * gives, after every edit of random sequences of edits of a generated project.
 */
class IncrementalCompileProperties {
    private static final List<CompileGate.Compilation> SEEN = new ArrayList<>();

    @Property(tries = 15, seed = "20261203")
    void every_incremental_verdict_is_a_full_compiles(@ForAll long seed,
            @ForAll @Size(min = 1, max = 10) List<@IntRange(min = 0, max = 100_000) Integer> edits) throws Exception {
        Path dir = Files.createTempDirectory("synod-incremental");
        try {
            Path tree = dir.resolve("tree");
            CompileGate incremental = new CompileGate(CompileGate.Settings.defaults(), dir.resolve("cache"), TreeFiles.sandbox());
            CompileGate full = new CompileGate(CompileGate.Settings.defaults(), dir.resolve("cache"), TreeFiles.sandbox(), false);
            GeneratedProject project = new GeneratedProject(seed);
            project.write(tree);
            Gate.Input input = new Gate.Input(tree, null, List.of("**"));
            List<String> history = new ArrayList<>();
            assertThat(incremental.check(input)).isEqualTo(full.check(input));
            for (int code : edits) {
                history.add(project.edit(code));
                project.write(tree);
                CompileGate.Report report = incremental.checkAndReport(input);
                report.units().forEach(u -> record(u.mode()));
                assertThat(report.verdict()).as("after %s", history).isEqualTo(full.check(input));
            }
        } finally {
            dev.synod.runtime.internal.Directories.deleteTree(dir, "the test's directory");
        }
    }

    private static synchronized void record(CompileGate.Compilation mode) {
        SEEN.add(mode);
    }

    /** The property must exercise the incremental path, not only the fall backs. */
    @AfterContainer
    static void the_edits_were_compiled_incrementally_too() {
        assertThat(SEEN).contains(CompileGate.Compilation.INCREMENTAL, CompileGate.Compilation.FULL);
    }
}
