package dev.synod.runtime.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.synod.core.SynodException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start commit of a run ({@link GitRepository#recordStart}): the files on disk as git would
 * add them, tracked files that match an ignore rule included, a nested repository taken as its
 * files, and every object staged like any other, flushed before the ref names it.
 */
class WorkingTreeSnapshotTest {
    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;

    private String git(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString(), "-c", "user.name=t",
                "-c", "user.email=t@t", "-c", "init.defaultBranch=main"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("git %s: %s", List.of(args), out).isZero();
        return out.trim();
    }

    private void write(String path, String content) throws IOException {
        Files.createDirectories(dir.resolve(path).getParent());
        Files.writeString(dir.resolve(path), content);
    }

    private long looseObjects() throws IOException {
        try (Stream<Path> files = Files.walk(dir.resolve(".git/objects"))) {
            return files.filter(Files::isRegularFile).filter(p -> p.getParent().getFileName().toString().length() == 2)
                    .count();
        }
    }

    private static Map<String, String> files(GitRepository repo, String commit) {
        Map<String, String> out = new java.util.TreeMap<>();
        repo.read(commit).forEach((path, bytes) -> out.put(path, new String(bytes, StandardCharsets.UTF_8)));
        return out;
    }

    @Test
    void a_tracked_file_that_matches_gitignore_is_in_the_start_commit_and_an_untracked_one_is_not() throws Exception {
        git("init", "-q");
        write(".gitignore", "*.log\nbuild/\n");
        write("README.md", "# shop\n");
        write("keep.log", "forced\n");
        write("build/keep.txt", "tracked in an ignored directory\n");
        git("add", ".gitignore", "README.md");
        git("add", "-f", "keep.log", "build/keep.txt");
        git("commit", "-q", "-m", "base");
        write("other.log", "untracked\n");
        write("build/other.txt", "untracked\n");

        try (GitRepository repo = GitRepository.openOrInit(dir)) {
            repo.stageObjectsIn(new MemoryObjectLog());
            String start = repo.recordStart("r1", AT);

            assertThat(files(repo, start)).containsOnlyKeys(".gitignore", "README.md", "keep.log", "build/keep.txt");
        }
    }

    @Test
    void an_untracked_nested_repository_is_recorded_as_its_files_and_checks_out() throws Exception {
        git("init", "-q");
        write("README.md", "# shop\n");
        git("add", "README.md");
        git("commit", "-q", "-m", "base");
        // A git init inside the project, with no commit: no HEAD, so no gitlink could name it.
        write("vendor/lib/Lib.java", "class Lib {}\n");
        git("-C", "vendor/lib", "init", "-q");

        try (GitRepository repo = GitRepository.openOrInit(dir)) {
            repo.stageObjectsIn(new MemoryObjectLog());
            String start = repo.recordStart("r1", AT);
            Path work = dir.resolve(".synod/work/dev");
            repo.checkout(start, work);

            assertThat(files(repo, start)).containsOnlyKeys("README.md", "vendor/lib/Lib.java");
            assertThat(Files.readString(work.resolve("vendor/lib/Lib.java"))).isEqualTo("class Lib {}\n");
        }
    }

    @Test
    void checking_out_a_tree_with_a_submodule_is_refused_by_its_path() throws Exception {
        git("init", "-q");
        write("README.md", "# shop\n");
        git("add", "README.md");
        git("update-index", "--add", "--cacheinfo", "160000,1111111111111111111111111111111111111111,sub");
        git("commit", "-q", "-m", "with a submodule");
        String head = git("rev-parse", "HEAD");

        try (GitRepository repo = GitRepository.openOrInit(dir)) {
            Throwable thrown = catchThrowable(() -> repo.checkout(head, dir.resolve(".synod/work/dev")));

            assertThat(thrown).isInstanceOf(SynodException.InvalidInput.class)
                    .hasMessageContaining("expected files and directories, found a git submodule (gitlink) at sub");
        }
    }

    @Test
    void the_start_commit_is_staged_like_every_object_and_flushed_before_its_ref_is_made() throws Exception {
        git("init", "-q");
        write("README.md", "# shop\n");
        git("add", "README.md");
        git("commit", "-q", "-m", "base");
        write("PROMPT.md", "an uncommitted edit\n");
        MemoryObjectLog log = new MemoryObjectLog();

        try (GitRepository repo = GitRepository.openOrInit(dir)) {
            repo.stageObjectsIn(log);
            long loose = looseObjects();
            String start = repo.recordStart("r1", AT);

            // Through the staging: hashed and logged, then packed; never a loose object.
            assertThat(looseObjects()).isEqualTo(loose);
            assertThat(log.forgotten).contains(start);
            assertThat(log.entries).isEmpty();
            assertThat(git("rev-parse", "refs/synod/start/r1")).isEqualTo(start);
            assertThat(git("show", start + ":PROMPT.md")).isEqualTo("an uncommitted edit");
        }
    }

    @Test
    void a_large_untracked_file_goes_into_git_streamed_not_into_the_journal() throws Exception {
        git("init", "-q");
        write("README.md", "# shop\n");
        git("add", "README.md");
        git("commit", "-q", "-m", "base");
        // Sparse: 17 MiB over the staging bound of 16 MiB; a dataset of GiB takes the same way.
        try (var file = new java.io.RandomAccessFile(dir.resolve("dataset.bin").toFile(), "rw")) {
            file.setLength(17L << 20);
        }
        MemoryObjectLog log = new MemoryObjectLog();
        List<Integer> staged = java.util.Collections.synchronizedList(new ArrayList<>());
        ObjectLog watching = new ObjectLog() {
            @Override
            public void add(Entry object) {
                staged.add(object.data().length);
                log.add(object);
            }

            @Override
            public List<Entry> entries() {
                return log.entries();
            }

            @Override
            public void forget(java.util.Collection<String> ids) {
                log.forget(ids);
            }
        };

        try (GitRepository repo = GitRepository.openOrInit(dir)) {
            repo.stageObjectsIn(watching);
            String start = repo.recordStart("r1", AT);

            assertThat(staged).allSatisfy(size -> assertThat(size).isLessThan(1 << 20));
            assertThat(git("cat-file", "-s", start + ":dataset.bin")).isEqualTo(Long.toString(17L << 20));
            assertThat(git("fsck", "--no-dangling")).doesNotContain("error");
        }
    }
}
