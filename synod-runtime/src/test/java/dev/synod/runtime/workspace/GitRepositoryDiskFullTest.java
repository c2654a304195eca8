package dev.synod.runtime.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.synod.core.SynodException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk, on a real one: a 2 MiB tmpfs (mounting needs root; elsewhere the tests are
 * skipped). What the user reads must say the disk is full and what to do, not JGit's "Exception
 * caught during execution of commit command".
 */
class GitRepositoryDiskFullTest {
    @TempDir
    Path root;

    private Path disk;
    private boolean mounted;

    private static int run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }

    @BeforeEach
    void mount() throws Exception {
        disk = root.resolve("disk");
        Files.createDirectories(disk);
        try {
            mounted = run("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", disk.toString()) == 0;
        } catch (IOException e) {
            mounted = false;
        }
        assumeThat(mounted).as("a 2 MiB tmpfs could be mounted (needs root)").isTrue();
    }

    @AfterEach
    void unmount() throws Exception {
        if (mounted) {
            assertThat(run("umount", disk.toString())).isZero();
        }
    }

    /** Content that does not compress, so that its git object takes as much room as the file. */
    private static byte[] incompressible(int size) {
        byte[] bytes = new byte[size];
        new Random(7).nextBytes(bytes);
        return bytes;
    }

    @Test
    void a_full_disk_during_the_first_commit_says_so_and_what_to_do() throws IOException {
        Path project = disk.resolve("project");
        Files.createDirectories(project);
        Files.writeString(project.resolve("team.synod"), "team shop {}\n");
        // The file fits; its git object, next to it, does not.
        Files.write(project.resolve("data.bin"), incompressible(1200 << 10));

        Throwable thrown = catchThrowable(() -> GitRepository.openOrInit(project).close());

        assertThat(thrown).isInstanceOf(SynodException.Retriable.class)
                .hasMessage("no space left on device in " + project + ": free some space and run synod run again");
    }

    @Test
    void a_full_disk_while_flushing_an_attempts_staged_objects_says_so_and_to_resume() throws IOException {
        Path project = disk.resolve("project");
        Files.createDirectories(project);
        Files.writeString(project.resolve("README.md"), "# shop\n", StandardCharsets.UTF_8);
        GitRepository repo = GitRepository.openOrInit(project);
        try {
            // As a run does: the attempt's objects are staged in the journal, and reach git as a pack.
            repo.stageObjectsIn(new MemoryObjectLog());
            Path work = root.resolve("work");
            Files.createDirectories(work);
            Files.write(work.resolve("data.bin"), incompressible(2100 << 10));
            String commit = repo.commitAttempt(work, List.of(repo.head()), "attempt", 10L << 20).commit();

            Throwable thrown = catchThrowable(() -> repo.setBranch("synod/r1", commit));

            assertThat(thrown).isInstanceOf(SynodException.Retriable.class)
                    .hasMessage("no space left on device in " + project + ": free some space and run synod resume");
        } finally {
            // Closing flushes again, and meets the same full disk.
            assertThat(catchThrowable(repo::close)).isInstanceOf(SynodException.Retriable.class);
        }
    }

    @Test
    void a_full_disk_while_recording_the_start_of_a_run_says_so_and_to_run_again() throws IOException {
        Path project = disk.resolve("project");
        Files.createDirectories(project);
        Files.writeString(project.resolve("README.md"), "# shop\n", StandardCharsets.UTF_8);
        GitRepository repo = GitRepository.openOrInit(project);
        try {
            repo.stageObjectsIn(new MemoryObjectLog());
            // Untracked, so the start commit holds it: the file fits, its pack beside it does not.
            Files.write(project.resolve("data.bin"), incompressible(1200 << 10));

            Throwable thrown = catchThrowable(() -> repo.recordStart("r1", java.time.Instant.EPOCH));

            assertThat(thrown).isInstanceOf(SynodException.Retriable.class)
                    .hasMessage("no space left on device in " + project + ": free some space and run synod run again");
        } finally {
            assertThat(catchThrowable(repo::close)).isInstanceOf(SynodException.Retriable.class);
        }
    }

    @Test
    void a_full_disk_while_merging_a_finished_runs_branch_says_to_merge_it_with_git_not_to_resume() throws IOException {
        Path project = disk.resolve("project");
        Files.createDirectories(project);
        Files.writeString(project.resolve("README.md"), "# shop\n", StandardCharsets.UTF_8);
        try (GitRepository repo = GitRepository.openOrInit(project)) {
            Path work = root.resolve("work");
            Files.createDirectories(work);
            Files.writeString(work.resolve("README.md"), "# shop\n", StandardCharsets.UTF_8);
            // Its object fits in .git; the file it checks out into the project, beside it, does not.
            Files.write(work.resolve("data.bin"), incompressible(1100 << 10));
            String release = repo.commitDirectory(work, List.of(repo.head()), "artifact");
            repo.setBranch("synod/r1", release);

            String said;
            try {
                BranchMerge merged = repo.mergeIntoCurrentBranch("synod/r1");
                assertThat(merged.merged()).isFalse();
                said = merged.message();
            } catch (SynodException.Retriable e) {
                said = e.getMessage();
            }

            assertThat(said).contains("no space left on device in " + project).contains("git merge synod/r1")
                    .doesNotContain("resume");
        }
    }
}
