package dev.synod.runtime.gates.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiagnosticsTest {
    @TempDir
    Path tree;

    @Test
    void locates_lines_that_name_a_file_of_the_tree_and_leaves_the_others() throws Exception {
        Files.createDirectories(tree.resolve("src"));
        Files.writeString(tree.resolve("src/a.ts"), "x\n");

        List<String> out = Diagnostics.fromOutput(tree, String.join("\n",
                tree + "/src/a.ts:3:7: error TS2322: bad type",
                "./src/a.ts:4: missing semicolon",
                "src/a.ts:0:0: at the top",
                "Error:12: not a file",
                "src/missing.ts:1:1: not in the tree",
                "../outside.ts:1:1: escapes",
                "",
                "Found 2 errors in " + tree + "/src/a.ts"));

        assertThat(out).containsExactly("src/a.ts:3:7: error TS2322: bad type", "src/a.ts:4:1: missing semicolon",
                "src/a.ts:1:1: at the top", "Error:12: not a file", "src/missing.ts:1:1: not in the tree",
                "../outside.ts:1:1: escapes", "Found 2 errors in src/a.ts");
    }

    @Test
    void caps_the_count_and_the_length_and_says_what_was_cut() {
        List<String> many = Collections.nCopies(Diagnostics.MAX_LINES + 5, "x".repeat(Diagnostics.MAX_LENGTH + 10));

        List<String> out = Diagnostics.capped(many);

        assertThat(out).hasSize(Diagnostics.MAX_LINES + 1).last().isEqualTo("… 5 more lines cut");
        assertThat(out.get(0)).endsWith(" … (10 more characters)").hasSize(Diagnostics.MAX_LENGTH + 23);
    }
}
