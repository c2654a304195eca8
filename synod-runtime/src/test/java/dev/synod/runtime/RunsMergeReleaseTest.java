package dev.synod.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.core.Clock;
import dev.synod.runtime.engine.LocalStorage;
import dev.synod.runtime.workspace.BranchMerge;
import dev.synod.runtime.workspace.GitRepository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
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
        // The run's objects are staged in the journal and its process stops before flushing them:
        // the branch names a commit that only the journal holds, until mergeRelease flushes it.
        GitRepository crashed = GitRepository.openOrInit(dir);
        try (LocalStorage storage = LocalStorage.openOrCreate(dir)) {
            crashed.stageObjectsIn(storage.objectLog());
            Path work = dir.resolve(".synod/work/dev");
            Files.createDirectories(work);
            Files.writeString(work.resolve("README.md"), "# shop\n");
            Files.writeString(work.resolve("Shop.java"), "class Shop {}\n");
            release = crashed.commitDirectory(work, List.of(crashed.head()), "artifact");
        }
        try (Repository git = new FileRepositoryBuilder().setGitDir(dir.resolve(".git").toFile()).build()) {
            assertThat(git.getObjectDatabase().has(ObjectId.fromString(release))).as("only in the journal").isFalse();
        }
        // Written as a file: JGit (rightly) refuses a ref to an object it does not hold.
        Files.createDirectories(dir.resolve(".git/refs/heads/synod"));
        Files.writeString(dir.resolve(".git/refs/heads/synod/r1"), release + "\n");

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
