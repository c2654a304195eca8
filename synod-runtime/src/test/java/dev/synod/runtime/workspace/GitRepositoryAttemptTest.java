package dev.synod.runtime.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.synod.core.Workspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * commitAttempt of the git workspace on a directory it checked out: the limits apply to what the
 * agent wrote, not to the base's own files, and a file the agent cannot read is refused by path.
 */
class GitRepositoryAttemptTest {
    @TempDir
    Path root;

    private Path project() throws IOException {
        Path project = root.resolve("project");
        Files.createDirectories(project);
        Files.writeString(project.resolve("README.md"), "# project\n");
        Files.writeString(project.resolve("dataset.csv"), "x".repeat(100));
        return project;
    }

    @Test
    void a_file_of_the_base_over_the_limit_does_not_refuse_an_attempt_that_changes_another_file() throws IOException {
        try (GitRepository repo = GitRepository.openOrInit(project())) {
            Path work = root.resolve("work");
            repo.checkout(repo.head(), work);
            Files.writeString(work.resolve("README.md"), "# changed\n");

            Workspace.Committed committed = repo.commitAttempt(work, List.of(repo.head()), "attempt", 20);

            assertThat(repo.read(committed.commit())).containsOnlyKeys("README.md", "dataset.csv");
            assertThat(new String(repo.read(committed.commit()).get("README.md"), StandardCharsets.UTF_8))
                    .isEqualTo("# changed\n");
        }
    }

    @Test
    void a_file_of_the_base_the_agent_rewrote_over_the_limit_is_refused() throws IOException {
        try (GitRepository repo = GitRepository.openOrInit(project())) {
            Path work = root.resolve("work");
            repo.checkout(repo.head(), work);
            Files.writeString(work.resolve("dataset.csv"), "y".repeat(120));

            Throwable thrown = catchThrowable(() -> repo.commitAttempt(work, List.of(repo.head()), "attempt", 20));

            assertThat(thrown).isInstanceOf(Workspace.Refused.class);
            assertThat(((Workspace.Refused) thrown).problems()).singleElement().asString()
                    .startsWith("dataset.csv: 120 bytes, over the limit of 20 bytes");
        }
    }

    @Test
    void a_file_its_owner_cannot_read_is_refused_by_its_path_and_what_to_do() throws IOException {
        try (GitRepository repo = GitRepository.openOrInit(project())) {
            Path work = root.resolve("work");
            repo.checkout(repo.head(), work);
            Path secret = work.resolve("src/Secret.java");
            Files.createDirectories(secret.getParent());
            Files.writeString(secret, "class Secret {}\n");
            // Root reads it still (these tests run as root); the agent's own user could not.
            Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));

            Throwable thrown = catchThrowable(() -> repo.commitAttempt(work, List.of(repo.head()), "attempt", 1 << 20));

            assertThat(thrown).isInstanceOf(Workspace.Refused.class);
            assertThat(((Workspace.Refused) thrown).problems()).containsExactly(new Workspace.PathProblem("src/Secret.java",
                    "a file that cannot be read (permission denied); give its owner read permission (chmod u+r)"));
        }
    }

    @Test
    void a_refused_attempt_keeps_the_record_of_the_base_so_the_next_one_is_judged_alike() throws IOException {
        try (GitRepository repo = GitRepository.openOrInit(project())) {
            Path work = root.resolve("work");
            repo.checkout(repo.head(), work);
            Files.writeString(work.resolve("big.txt"), "z".repeat(50));
            assertThat(catchThrowable(() -> repo.commitAttempt(work, List.of(repo.head()), "attempt", 20)))
                    .isInstanceOf(Workspace.Refused.class);
            Files.delete(work.resolve("big.txt"));

            Workspace.Committed committed = repo.commitAttempt(work, List.of(repo.head()), "attempt", 20);

            assertThat(repo.read(committed.commit())).containsOnlyKeys("README.md", "dataset.csv");
        }
    }
}
