package dev.synod.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.core.Clock;
import dev.synod.runtime.workspace.BranchMerge;
import dev.synod.runtime.workspace.GitRepository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code synod run --merge} goes through the runtime: {@link Runs#mergeRelease}. */
class RunsMergeReleaseTest {
    @TempDir
    Path dir;

    @Test
    void merge_release_fast_forwards_the_checked_out_branch_to_the_runs_branch() throws IOException {
        Files.writeString(dir.resolve("README.md"), "# shop\n");
        String release;
        try (GitRepository repo = GitRepository.openOrInit(dir)) {
            Path work = dir.resolve(".synod/work/dev");
            Files.createDirectories(work);
            Files.writeString(work.resolve("README.md"), "# shop\n");
            Files.writeString(work.resolve("Shop.java"), "class Shop {}\n");
            release = repo.commitDirectory(work, List.of(repo.head()), "artifact");
            repo.setBranch("synod/r1", release);
        }

        BranchMerge merged;
        try (Runs runs = Runs.openOrCreate(dir, Clock.SYSTEM)) {
            merged = runs.mergeRelease("synod/r1");
        }

        assertThat(merged.merged()).isTrue();
        assertThat(merged.message()).isEqualTo("merged synod/r1 into main (fast-forward)");
        assertThat(Files.readString(dir.resolve("Shop.java"))).isEqualTo("class Shop {}\n");
        try (GitRepository repo = GitRepository.openOrInit(dir)) {
            assertThat(repo.head()).isEqualTo(release);
        }
    }

    @Test
    void merge_release_of_a_branch_that_does_not_exist_says_so_and_merges_nothing() {
        try (Runs runs = Runs.openOrCreate(dir, Clock.SYSTEM)) {
            BranchMerge merged = runs.mergeRelease("synod/r9");

            assertThat(merged.merged()).isFalse();
            assertThat(merged.message()).isEqualTo("there is no branch synod/r9 to merge");
        }
    }
}
