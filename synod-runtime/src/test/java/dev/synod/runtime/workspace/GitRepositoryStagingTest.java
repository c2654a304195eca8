package dev.synod.runtime.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Objects staged in a log: readable through the workspace at once, in the repository (for git
 * itself) only once flushed, and never lost: what the log holds after a crash is flushed when the
 * repository is opened again.
 */
class GitRepositoryStagingTest {
    @TempDir
    Path root;

    private Path project() throws IOException {
        Path project = root.resolve("project");
        Files.createDirectories(project);
        Files.writeString(project.resolve("README.md"), "# project\n");
        return project;
    }

    private Path work(String name, Map<String, String> files) throws IOException {
        Path dir = root.resolve(name);
        for (var f : files.entrySet()) {
            Files.createDirectories(dir.resolve(f.getKey()).getParent());
            Files.writeString(dir.resolve(f.getKey()), f.getValue());
        }
        return dir;
    }

    /** Whether git's own object database (a fresh JGit repository, no staging) has the object. */
    private static boolean inGit(Path project, String id) throws IOException {
        try (Repository repo = new FileRepositoryBuilder().setGitDir(project.resolve(".git").toFile()).build()) {
            return repo.getObjectDatabase().has(ObjectId.fromString(id));
        }
    }

    private static long looseObjects(Path project) throws IOException {
        try (Stream<Path> files = Files.walk(project.resolve(".git/objects"))) {
            return files.filter(Files::isRegularFile).filter(p -> p.getParent().getFileName().toString().length() == 2)
                    .count();
        }
    }

    private static String git(Path project, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", project.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("git %s: %s", args, out).isZero();
        return out;
    }

    @Test
    void staged_objects_are_read_through_the_workspace_logged_and_written_as_no_loose_file() throws IOException {
        Path project = project();
        MemoryObjectLog log = new MemoryObjectLog();
        try (GitRepository repo = GitRepository.openOrInit(project)) {
            repo.stageObjectsIn(log);
            long loose = looseObjects(project);
            String commit = repo.commitDirectory(work("w", Map.of("src/App.java", "class App {}\n")),
                    List.of(repo.head()), "attempt");

            assertThat(repo.read(commit)).containsOnlyKeys("src/App.java");
            assertThat(new String(repo.read(commit).get("src/App.java"), StandardCharsets.UTF_8)).isEqualTo("class App {}\n");
            assertThat(looseObjects(project)).isEqualTo(loose);
            assertThat(inGit(project, commit)).isFalse();
            // The commit, its two trees (root and src/) and the blob.
            assertThat(log.entries()).hasSize(4).extracting(ObjectLog.Entry::id).contains(commit, repo.tree(commit));
        }
    }

    @Test
    void setting_a_branch_flushes_the_objects_into_one_pack_that_git_itself_reads_and_the_log_forgets_them()
            throws Exception {
        Path project = project();
        MemoryObjectLog log = new MemoryObjectLog();
        String commit;
        try (GitRepository repo = GitRepository.openOrInit(project)) {
            repo.stageObjectsIn(log);
            commit = repo.commitDirectory(work("w", Map.of("a.txt", "a\n", "b/c.txt", "c\n")), List.of(repo.head()),
                    "attempt");
            repo.setBranch("synod/r1", commit);

            assertThat(inGit(project, commit)).isTrue();
            assertThat(log.entries()).isEmpty();
            assertThat(log.forgotten).contains(commit);
        }
        assertThat(git(project, "cat-file", "-p", "synod/r1:b/c.txt")).isEqualTo("c\n");
        assertThat(git(project, "fsck", "--strict")).doesNotContain("missing");
        try (Stream<Path> packs = Files.list(project.resolve(".git/objects/pack"))) {
            assertThat(packs.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".pack"))).hasSize(1);
        }
    }

    @Test
    void objects_a_crash_left_in_the_log_are_flushed_when_the_repository_is_staged_again() throws Exception {
        Path project = project();
        MemoryObjectLog log = new MemoryObjectLog();
        GitRepository crashed = GitRepository.openOrInit(project);
        crashed.stageObjectsIn(log);
        String commit = crashed.commitDirectory(work("w", Map.of("x.txt", "x\n")), List.of(crashed.head()), "attempt");
        // The process dies here: no flush, no close. Only the log (the journal) kept the objects.
        assertThat(inGit(project, commit)).isFalse();

        try (GitRepository reopened = GitRepository.openOrInit(project)) {
            reopened.stageObjectsIn(log);
            assertThat(inGit(project, commit)).isTrue();
            assertThat(log.entries()).isEmpty();
            assertThat(reopened.read(commit)).containsOnlyKeys("x.txt");
        }
        git(project, "branch", "recovered", commit);
        assertThat(git(project, "cat-file", "-p", "recovered:x.txt")).isEqualTo("x\n");
    }

    @Test
    void closing_flushes_what_is_staged() throws IOException {
        Path project = project();
        MemoryObjectLog log = new MemoryObjectLog();
        String commit;
        try (GitRepository repo = GitRepository.openOrInit(project)) {
            repo.stageObjectsIn(log);
            commit = repo.commitDirectory(work("w", Map.of("x.txt", "x\n")), List.of(repo.head()), "attempt");
        }
        assertThat(inGit(project, commit)).isTrue();
        assertThat(log.entries()).isEmpty();
    }

    @Test
    void objects_already_in_the_repository_are_not_staged_again() throws IOException {
        Path project = project();
        MemoryObjectLog log = new MemoryObjectLog();
        try (GitRepository repo = GitRepository.openOrInit(project)) {
            repo.stageObjectsIn(log);
            Path w = root.resolve("w");
            repo.checkout(repo.head(), w);
            String commit = repo.commitDirectory(w, List.of(repo.head()), "unchanged");
            // README.md's blob and the tree come from the repository: only the new commit is staged.
            assertThat(log.entries()).extracting(ObjectLog.Entry::id).containsExactly(commit);
        }
    }

    @Test
    void a_refused_attempt_stages_nothing_so_nothing_too_large_reaches_the_log() throws IOException {
        Path project = project();
        MemoryObjectLog log = new MemoryObjectLog();
        try (GitRepository repo = GitRepository.openOrInit(project)) {
            repo.stageObjectsIn(log);
            Path work = work("w", Map.of("small.txt", "small\n"));
            // 1.9 GiB: within what a byte[] holds, beyond what SQLite stores in one blob.
            try (var file = new java.io.RandomAccessFile(work.resolve("data.bin").toFile(), "rw")) {
                file.setLength(1900L << 20);
            }

            org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                            repo.commitAttempt(work, List.of(repo.head()), "attempt", 100L << 20))
                    .isInstanceOf(dev.synod.core.Workspace.Refused.class).hasMessageContaining("data.bin");
            assertThat(log.entries()).isEmpty();
        }
    }

    @Test
    void a_damaged_object_in_the_log_is_refused_before_any_pack_is_written_or_any_object_forgotten()
            throws IOException {
        Path project = project();
        MemoryObjectLog log = new MemoryObjectLog();
        GitRepository crashed = GitRepository.openOrInit(project);
        crashed.stageObjectsIn(log);
        crashed.commitDirectory(work("w", Map.of("x.txt", "x\n")), List.of(crashed.head()), "attempt");
        String blob = log.entries().stream().filter(e -> e.type() == org.eclipse.jgit.lib.Constants.OBJ_BLOB)
                .findFirst().orElseThrow().id();
        log.entries.put(blob, new ObjectLog.Entry(blob, org.eclipse.jgit.lib.Constants.OBJ_BLOB,
                "y\n".getBytes(StandardCharsets.UTF_8)));
        Path packs = project.resolve(".git/objects/pack");
        Files.createDirectories(packs);
        List<String> packsBefore;
        try (Stream<Path> files = Files.list(packs)) {
            packsBefore = files.map(Path::toString).sorted().toList();
        }

        try (GitRepository reopened = GitRepository.openOrInit(project)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> reopened.stageObjectsIn(log))
                    .isInstanceOf(dev.synod.core.SynodException.Corrupted.class)
                    .hasMessageContaining("expected git object " + blob);
        }
        try (Stream<Path> files = Files.list(packs)) {
            assertThat(files.map(Path::toString).sorted().toList()).isEqualTo(packsBefore);
        }
        assertThat(log.forgotten).isEmpty();
        assertThat(log.entries).hasSize(3);
    }
}
