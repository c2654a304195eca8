package dev.synod.runtime.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reused directory's files are recognised by their stat data, but no edit may go unseen
 * because of it: not one that keeps the size and sets the modification time back, and not one
 * made within the same clock tick as Synod's own look at the file.
 */
class DirectoryIndexTest {
    @TempDir
    Path root;

    /** Past the window in which a record of a file just written is not trusted. */
    private static void letTheRecordSettle() throws InterruptedException {
        Thread.sleep(60);
    }

    /** Rewrites {@code file} with content of the same length and puts its modification time back. */
    private static void sneakyEdit(Path file, String content) throws IOException {
        FileTime before = Files.getLastModifiedTime(file);
        assertThat(content.length()).isEqualTo(Files.readString(file).length());
        Files.writeString(file, content);
        Files.setLastModifiedTime(file, before);
    }

    private String content(GitRepository repo, String commit, String path) {
        return new String(repo.read(commit).get(path), StandardCharsets.UTF_8);
    }

    private GitRepository repo() throws IOException {
        Path project = root.resolve("project");
        Files.createDirectories(project);
        Files.writeString(project.resolve("README.md"), "# project\n");
        return GitRepository.openOrInit(project);
    }

    @Test
    void commit_directory_sees_an_edit_that_keeps_size_and_modification_time() throws Exception {
        try (GitRepository repo = repo()) {
            Path w = root.resolve("w");
            Files.createDirectories(w);
            Files.writeString(w.resolve("App.java"), "int x = 1;\n");
            letTheRecordSettle();
            String first = repo.commitDirectory(w, List.of(repo.head()), "first");
            letTheRecordSettle();
            sneakyEdit(w.resolve("App.java"), "int x = 2;\n");
            String second = repo.commitDirectory(w, List.of(first), "second");
            assertThat(content(repo, second, "App.java")).isEqualTo("int x = 2;\n");
            assertThat(repo.changedPaths(first, second)).containsExactly("App.java");
        }
    }

    @Test
    void commit_directory_sees_an_edit_made_right_after_its_last_look() throws Exception {
        try (GitRepository repo = repo()) {
            Path w = root.resolve("w");
            Files.createDirectories(w);
            Files.writeString(w.resolve("App.java"), "int x = 1;\n");
            String first = repo.commitDirectory(w, List.of(repo.head()), "first");
            sneakyEdit(w.resolve("App.java"), "int x = 3;\n");
            String second = repo.commitDirectory(w, List.of(first), "second");
            assertThat(content(repo, second, "App.java")).isEqualTo("int x = 3;\n");
        }
    }

    @Test
    void checkout_restores_a_file_edited_behind_its_back() throws Exception {
        try (GitRepository repo = repo()) {
            Path w = root.resolve("w");
            repo.checkout(repo.head(), w);
            letTheRecordSettle();
            repo.checkout(repo.head(), w); // now the record of README.md is trusted
            letTheRecordSettle();
            sneakyEdit(w.resolve("README.md"), "# hacked!\n");
            repo.checkout(repo.head(), w);
            assertThat(Files.readString(w.resolve("README.md"))).isEqualTo("# project\n");
        }
    }

    @Test
    void a_file_replaced_by_another_of_the_same_size_and_times_is_seen_by_its_inode() throws Exception {
        try (GitRepository repo = repo()) {
            Path w = root.resolve("w");
            repo.checkout(repo.head(), w);
            letTheRecordSettle();
            repo.checkout(repo.head(), w);
            letTheRecordSettle();
            Path readme = w.resolve("README.md");
            Path other = root.resolve("other.md");
            Files.writeString(other, "# another\n");
            Files.setLastModifiedTime(other, Files.getLastModifiedTime(readme));
            Files.move(other, readme, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            String commit = repo.commitDirectory(w, List.of(repo.head()), "replaced");
            assertThat(content(repo, commit, "README.md")).isEqualTo("# another\n");
        }
    }
}
