package dev.synod.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.synod.core.Workspace;
import dev.synod.lang.WriteScope;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract of {@link Workspace}: every implementation's test subclasses this and supplies
 * {@link #open(Path)}. It checks how layers compose (replacement and deletion within a scope,
 * nothing outside it), that checkout and commitDirectory round-trip content and the executable
 * bit, what commitDirectory leaves out, that changedPaths lists exactly the differences, how
 * branches are set, that a commit reads as its tree, what commitAttempt drops and refuses (links,
 * FIFOs, {@code .git}, files over the limit, names that are not UTF-8), and that checkout gives a
 * directory made unreadable back to its owner. Needs a POSIX file system.
 */
public abstract class WorkspaceContract {
    /** The files of the directory a workspace is opened over; {@code bin/build.sh} is executable. */
    protected static final Map<String, String> PROJECT_FILES = Map.of(
            "README.md", "# Shop\n",
            "src/main/Shop.java", "class Shop {}\n",
            "src/test/ShopTest.java", "class ShopTest {}\n",
            "bin/build.sh", "#!/bin/sh\necho build\n");

    // Not private: JUnit injects it into this superclass of the implementation's test.
    @TempDir
    Path root;

    private Path project;
    private Workspace workspace;
    private final AtomicInteger scratch = new AtomicInteger();

    /**
     * A new workspace over {@code directory}, a fresh directory holding {@link #PROJECT_FILES}
     * (and nothing else): its {@link Workspace#head()} is a commit of exactly those files.
     */
    protected abstract Workspace open(Path directory);

    @BeforeEach
    final void openWorkspace() {
        assumeThat(FileSystems.getDefault().supportedFileAttributeViews()).as("a POSIX file system").contains("posix");
        project = root.resolve("project");
        Trees.write(project, PROJECT_FILES);
        Trees.executable(project.resolve("bin/build.sh"), true);
        workspace = open(project);
    }

    @AfterEach
    final void closeWorkspace() {
        if (workspace != null) {
            workspace.close();
        }
    }

    /** Commits {@code files} (with {@code executables} executable) from a scratch directory. */
    private String commit(Map<String, String> files, Set<String> executables, List<String> parents) {
        Path dir = root.resolve("scratch-" + scratch.incrementAndGet());
        Trees.write(dir, files);
        executables.forEach(path -> Trees.executable(dir.resolve(path), true));
        return workspace.commitDirectory(dir, parents, "contract: " + files.keySet());
    }

    private String commit(Map<String, String> files) {
        return commit(files, Set.of(), List.of(workspace.head()));
    }

    private Map<String, String> read(String treeOrCommit) {
        return Trees.described(workspace.read(treeOrCommit));
    }

    private Path newDirectory() {
        return root.resolve("checkout-" + scratch.incrementAndGet());
    }

    private static Workspace.Layer layer(String commit, String... globs) {
        return new Workspace.Layer(commit, WriteScope.of(List.of(globs)));
    }

    // ---- head and directory ----

    @Test
    void head_is_a_commit_of_the_directory_files() throws IOException {
        assertThat(read(workspace.head())).isEqualTo(PROJECT_FILES);
        assertThat(Files.isSameFile(workspace.directory(), project)).isTrue();
    }

    @Test
    void paths_lists_the_files_read_gives_in_their_order() {
        String commit = commit(Map.of("src/b.txt", "b", "src/a.txt", "a", "top.txt", "t"));

        assertThat(workspace.paths(commit)).containsExactly("src/a.txt", "src/b.txt", "top.txt")
                .isEqualTo(List.copyOf(workspace.read(commit).keySet()));
    }

    // ---- compose ----

    @Test
    void compose_without_layers_holds_exactly_the_base() {
        String tree = workspace.compose(workspace.head(), List.of());

        assertThat(read(tree)).isEqualTo(read(workspace.head()));
    }

    @Test
    void compose_replaces_files_within_a_layer_scope_deletions_included_and_leaves_the_rest() {
        String base = commit(Map.of("src/a.txt", "a0", "src/b.txt", "b0", "docs/d.txt", "d0", "top.txt", "t0"));
        String layer = commit(Map.of("src/a.txt", "a1", "src/new.txt", "n1", "docs/d.txt", "d1", "docs/e.txt", "e1"));

        String tree = workspace.compose(base, List.of(layer(layer, "src/**")));

        // src/b.txt is gone (the layer decides src/** and lacks it); docs/ is outside the scope.
        assertThat(read(tree)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "src/a.txt", "a1", "src/new.txt", "n1", "docs/d.txt", "d0", "top.txt", "t0"));
    }

    @Test
    void compose_lays_layers_in_order_so_the_later_wins_where_scopes_overlap() {
        String base = commit(Map.of("src/a.txt", "base", "src/b.txt", "base", "keep.txt", "base"));
        String first = commit(Map.of("src/a.txt", "first", "src/b.txt", "first"));
        String second = commit(Map.of("src/a.txt", "second"));

        String secondOnTop = workspace.compose(base, List.of(layer(first, "src/**"), layer(second, "src/a.txt")));
        String firstOnTop = workspace.compose(base, List.of(layer(second, "src/a.txt"), layer(first, "src/**")));

        assertThat(read(secondOnTop)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "src/a.txt", "second", "src/b.txt", "first", "keep.txt", "base"));
        assertThat(read(firstOnTop)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "src/a.txt", "first", "src/b.txt", "first", "keep.txt", "base"));
    }

    @Test
    void compose_keeps_the_executable_bit_of_each_layer() {
        String layer = commit(Map.of("bin/build.sh", "#!/bin/sh\necho new\n", "bin/lint.sh", "#!/bin/sh\n",
                "bin/notes.txt", "plain"), Set.of("bin/lint.sh"), List.of(workspace.head()));
        Path out = newDirectory();

        workspace.checkout(workspace.compose(workspace.head(), List.of(layer(layer, "bin/**"))), out);

        // bin/build.sh was executable below; the layer's copy is not, and it wins.
        assertThat(Trees.files(out)).containsEntry("bin/build.sh", "#!/bin/sh\necho new\n").containsKey("README.md");
        assertThat(Trees.executables(out)).containsExactly("bin/lint.sh");
    }

    // ---- merge ----

    @Test
    void merge_takes_each_sides_changes_and_merges_different_lines_of_one_file() {
        String base = commit(Map.of("README.md", "# Shop\n", "list.txt", "a\nb\nc\nd\ne\n"));
        String left = commit(Map.of("README.md", "# Shop\n", "list.txt", "A\nb\nc\nd\ne\n", "left.txt", "l\n"),
                Set.of(), List.of(base));
        String right = commit(Map.of("list.txt", "a\nb\nc\nd\nE\n", "right.txt", "r\n"), Set.of(), List.of(base));

        Workspace.Merge merge = workspace.merge(base, orderedMap("left", left, "right", right));

        assertThat(merge.conflicts()).isEmpty();
        // right deleted README.md, left left it alone: the deletion wins
        assertThat(read(merge.tree())).isEqualTo(Map.of("list.txt", "A\nb\nc\nd\nE\n", "left.txt", "l\n",
                "right.txt", "r\n"));
    }

    @Test
    void merge_leaves_conflict_markers_labelled_with_the_sides_and_lists_every_conflict() {
        String base = commit(Map.of("App.java", "class App {\n  int x = 1;\n}\n", "gone.txt", "g\n"));
        String left = commit(Map.of("App.java", "class App {\n  int x = 2;\n}\n", "gone.txt", "changed\n"), Set.of(),
                List.of(base));
        String right = commit(Map.of("App.java", "class App {\n  int x = 3;\n}\n"), Set.of(), List.of(base));

        Workspace.Merge merge = workspace.merge(base, orderedMap("impl[dev1]", left, "impl[dev2]", right));

        assertThat(merge.conflicts()).containsExactly("App.java", "gone.txt");
        String app = read(merge.tree()).get("App.java");
        assertThat(app).contains("<<<<<<< impl[dev1]\n  int x = 2;\n=======\n  int x = 3;\n>>>>>>> impl[dev2]\n");
        // deleted on one side and changed on the other: the changed version is kept
        assertThat(read(merge.tree())).containsEntry("gone.txt", "changed\n");
    }

    @Test
    void merge_of_one_side_is_that_side() {
        String base = commit(Map.of("a.txt", "1\n"));
        String only = commit(Map.of("a.txt", "2\n"), Set.of(), List.of(base));

        Workspace.Merge merge = workspace.merge(base, orderedMap("only", only, "again", only));

        assertThat(merge.conflicts()).isEmpty();
        assertThat(merge.tree()).isEqualTo(workspace.tree(only));
    }

    private static Map<String, String> orderedMap(String k1, String v1, String k2, String v2) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }

    // ---- checkout and commitDirectory ----

    @Test
    void checkout_writes_exactly_the_tree_with_executable_bits_emptying_the_target_first() throws IOException {
        Path out = newDirectory();
        Trees.write(out, Map.of("stale.txt", "from before", "old/dir/file.txt", "from before"));

        workspace.checkout(workspace.head(), out);

        assertThat(Trees.files(out)).isEqualTo(PROJECT_FILES);
        assertThat(Trees.executables(out)).containsExactly("bin/build.sh");
        assertThat(out.resolve("old")).doesNotExist();
    }

    @Test
    void checkout_over_a_used_directory_undoes_every_kind_of_change() throws IOException {
        Path out = newDirectory();
        workspace.checkout(workspace.head(), out);
        // what an agent or a gate may leave behind: an edit of the same size, a flipped bit, new
        // files and directories, a deleted file, a file where a directory was, a symbolic link
        String readme = Files.readString(out.resolve("README.md"));
        Files.writeString(out.resolve("README.md"), "X" + readme.substring(1));
        Trees.executable(out.resolve("bin/build.sh"), false);
        Trees.write(out, Map.of("target/classes/Shop.class", "junk", "notes.txt", "junk"));
        Files.delete(out.resolve("src/test/ShopTest.java"));
        Files.delete(out.resolve("src/test"));
        Files.writeString(out.resolve("src/test"), "a file where a directory was");
        Files.createSymbolicLink(out.resolve("link"), root);

        workspace.checkout(workspace.head(), out);

        assertThat(Trees.files(out)).isEqualTo(PROJECT_FILES);
        assertThat(Trees.executables(out)).containsExactly("bin/build.sh");
        assertThat(out.resolve("target")).doesNotExist();
        assertThat(out.resolve("link")).doesNotExist();
        assertThat(root).exists();
    }

    @Test
    void checkout_into_a_file_or_a_symbolic_link_replaces_it_with_the_tree_and_leaves_the_links_target_alone()
            throws IOException {
        Path file = Files.writeString(newDirectory(), "not a directory");
        Path elsewhere = Files.createDirectories(newDirectory());
        Files.writeString(elsewhere.resolve("kept.txt"), "kept");
        Path link = Files.createSymbolicLink(newDirectory(), elsewhere);

        workspace.checkout(workspace.head(), file);
        workspace.checkout(workspace.head(), link);

        assertThat(Trees.files(file)).isEqualTo(PROJECT_FILES);
        assertThat(Files.isSymbolicLink(link)).isFalse();
        assertThat(Trees.files(link)).isEqualTo(PROJECT_FILES);
        assertThat(Trees.files(elsewhere)).isEqualTo(Map.of("kept.txt", "kept"));
    }

    @Test
    void checkout_then_commit_directory_round_trips_content_and_executable_bit() throws IOException {
        Path work = newDirectory();
        workspace.checkout(workspace.head(), work);
        Files.writeString(work.resolve("README.md"), "# Shop, revised\n");
        Files.delete(work.resolve("src/test/ShopTest.java"));
        Trees.write(work, Map.of("src/main/Cart.java", "class Cart {}\n", "bin/deploy.sh", "#!/bin/sh\n"));
        Trees.executable(work.resolve("bin/deploy.sh"), true);
        Trees.executable(work.resolve("bin/build.sh"), false);
        Files.write(work.resolve("logo.bin"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff});

        String commit = workspace.commitDirectory(work, List.of(workspace.head()), "contract: round trip");
        Path again = newDirectory();
        workspace.checkout(commit, again);

        assertThat(read(commit)).isEqualTo(Trees.files(work));
        assertThat(Trees.files(again)).isEqualTo(Trees.files(work));
        assertThat(Trees.executables(again)).containsExactly("bin/deploy.sh");
        assertThat(Files.readAllBytes(again.resolve("logo.bin"))).isEqualTo(Files.readAllBytes(work.resolve("logo.bin")));
    }

    @Test
    void commit_directory_leaves_out_symbolic_links_and_git_metadata_but_not_dot_git_lookalikes() throws IOException {
        Path work = newDirectory();
        Path elsewhere = root.resolve("elsewhere");
        Trees.write(elsewhere, Map.of("secret.txt", "not the project's"));
        Trees.write(work, Map.of("a.txt", "a", ".gitignore", "target/\n", ".github/workflows/ci.yml", "on: push\n",
                ".git/HEAD", "ref: refs/heads/main\n", "vendor/lib/.git/config", "[core]\n"));
        Files.createSymbolicLink(work.resolve("link.txt"), work.resolve("a.txt"));
        Files.createSymbolicLink(work.resolve("linked-dir"), elsewhere);

        String commit = workspace.commitDirectory(work, List.of(workspace.head()), "contract: links");

        assertThat(read(commit)).containsOnlyKeys("a.txt", ".gitignore", ".github/workflows/ci.yml");
    }

    @Test
    void commit_tree_commits_exactly_that_tree() {
        String layer = commit(Map.of("src/main/Cart.java", "class Cart {}\n"));
        String tree = workspace.compose(workspace.head(), List.of(layer(layer, "src/main/**")));

        String commit = workspace.commitTree(tree, List.of(workspace.head(), layer), "contract: release");

        assertThat(workspace.tree(commit)).isEqualTo(tree);
        assertThat(read(commit)).isEqualTo(read(tree));
    }

    // ---- changedPaths ----

    @Test
    void changed_paths_lists_added_changed_and_deleted_files_exactly() {
        String from = commit(Map.of("same.txt", "s", "changed.txt", "old", "deleted.txt", "d", "mode.sh", "#!/bin/sh\n",
                "dir/same.txt", "s"));
        String to = commit(Map.of("same.txt", "s", "changed.txt", "new", "added.txt", "a", "mode.sh", "#!/bin/sh\n",
                "dir/same.txt", "s", "dir/added.txt", "a"), Set.of("mode.sh"), List.of(from));
        List<String> expected = List.of("changed.txt", "deleted.txt", "added.txt", "mode.sh", "dir/added.txt");

        assertThat(workspace.changedPaths(from, to)).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(workspace.changedPaths(to, from)).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(workspace.changedPaths(workspace.tree(from), workspace.tree(to)))
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(workspace.changedPaths(from, from)).isEmpty();
    }

    // ---- branches ----

    @Test
    void set_branch_creates_a_branch_and_moves_it_either_way() {
        String head = workspace.head();
        String first = commit(Map.of("v.txt", "1"));
        String second = commit(Map.of("v.txt", "2"), Set.of(), List.of(first));
        assertThat(workspace.branch("synod/r1")).isEmpty();

        workspace.setBranch("synod/r1", first);
        assertThat(workspace.branch("synod/r1")).contains(first);

        workspace.setBranch("synod/r1", second);
        assertThat(workspace.branch("synod/r1")).contains(second);

        workspace.setBranch("synod/r1", first);
        assertThat(workspace.branch("synod/r1")).contains(first);
        assertThat(workspace.branch("synod/r2")).isEmpty();
        assertThat(workspace.head()).isEqualTo(head);
    }

    // ---- read and tree ----

    @Test
    void read_of_a_commit_equals_read_of_its_tree() {
        String commit = commit(Map.of("x/y.txt", "y", "z.txt", "z"));

        for (String c : List.of(workspace.head(), commit)) {
            String tree = workspace.tree(c);
            assertThat(read(c)).isEqualTo(read(tree));
            assertThat(workspace.tree(tree)).isEqualTo(tree);
        }
        assertThat(read(commit)).containsExactly(Map.entry("x/y.txt", "y"), Map.entry("z.txt", "z"));
    }

    // ---- commitAttempt: what it drops, what it refuses ----

    /** Runs {@code command} (such as {@code mkfifo}); false when the program is not there. */
    private static boolean run(Path dir, String... command) throws IOException, InterruptedException {
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().contains("No such file")) {
                return false;
            }
            throw e;
        }
    }

    private static List<String> droppedPaths(Workspace.Committed committed) {
        return committed.dropped().stream().map(d -> d.substring(0, d.indexOf(": "))).toList();
    }

    @Test
    void commit_attempt_lists_each_symbolic_link_fifo_and_dot_git_it_leaves_out_with_why() throws Exception {
        Path work = newDirectory();
        Trees.write(work, Map.of("a.txt", "a", ".gitignore", "target/\n", ".git/HEAD", "ref: refs/heads/main\n",
                "vendor/lib/.git/config", "[core]\n"));
        Files.createSymbolicLink(work.resolve("link.txt"), work.resolve("a.txt"));
        assumeThat(run(work, "mkfifo", "pipe")).as("mkfifo makes a FIFO").isTrue();

        Workspace.Committed committed = workspace.commitAttempt(work, List.of(workspace.head()), "contract: dropped",
                1 << 20);

        assertThat(read(committed.commit())).containsOnlyKeys("a.txt", ".gitignore");
        assertThat(droppedPaths(committed)).containsExactlyInAnyOrder("link.txt", "pipe", ".git", "vendor/lib/.git");
        assertThat(committed.dropped()).filteredOn(d -> d.startsWith("link.txt: ")).singleElement().asString()
                .contains("symbolic link");
        assertThat(committed.dropped()).filteredOn(d -> d.startsWith("pipe: ")).singleElement().asString()
                .contains("FIFO");
    }

    @Test
    @Timeout(60)
    void commit_attempt_refuses_a_file_over_the_limit_by_its_path_and_size_without_reading_it() throws IOException {
        Path work = newDirectory();
        Trees.write(work, Map.of("a.txt", "a"));
        long huge = 3L << 30;
        // Sparse: three GiB that take no room on disk, and would take three GiB of memory if read whole.
        try (var file = new java.io.RandomAccessFile(work.resolve("dump.bin").toFile(), "rw")) {
            file.setLength(huge);
        }
        long limit = 100L << 20;

        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() ->
                workspace.commitAttempt(work, List.of(workspace.head()), "contract: too large", limit));

        assertThat(thrown).isInstanceOf(Workspace.Refused.class);
        assertThat(((Workspace.Refused) thrown).problems()).singleElement().asString()
                .startsWith("dump.bin: ").contains(Long.toString(huge)).contains(Long.toString(limit));
    }

    @Test
    void commit_attempt_keeps_a_file_of_exactly_the_limit() {
        Path work = newDirectory();
        Trees.write(work, Map.of("a.txt", "12345"));

        Workspace.Committed committed = workspace.commitAttempt(work, List.of(workspace.head()), "contract: at limit", 5);

        assertThat(read(committed.commit())).containsExactlyEntriesOf(Map.of("a.txt", "12345"));
        assertThat(committed.dropped()).isEmpty();
    }

    @Test
    void commit_attempt_refuses_names_that_are_not_utf8_instead_of_renaming_them_into_one() throws Exception {
        Path work = newDirectory();
        Trees.write(work, Map.of("ok.txt", "ok"));
        // Java cannot make such a name itself (it encodes every name as UTF-8), the shell can.
        assumeThat(run(work, "sh", "-c", "touch \"$(printf 'a\\377b')\" \"$(printf 'a\\376b')\"")).isTrue();

        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() ->
                workspace.commitAttempt(work, List.of(workspace.head()), "contract: names", 1 << 20));

        assertThat(thrown).isInstanceOf(Workspace.Refused.class);
        assertThat(((Workspace.Refused) thrown).problems()).hasSize(2)
                .allSatisfy(p -> assertThat(p.toString()).startsWith("a\\ufffdb: ").contains("UTF-8"));
    }

    @Test
    void checkout_gives_back_access_to_a_directory_an_agent_made_unreadable() throws IOException {
        Path out = newDirectory();
        workspace.checkout(workspace.head(), out);
        Path src = out.resolve("src/main");
        Files.setPosixFilePermissions(src, Set.of());
        Files.setPosixFilePermissions(out.resolve("src"), Set.of());

        workspace.checkout(workspace.head(), out);

        // As root the checkout itself succeeds anyway; what matters is that an agent running as
        // the directory's owner can use it again, which needs the owner's rwx.
        for (Path dir : List.of(out.resolve("src"), src)) {
            assertThat(Files.getPosixFilePermissions(dir)).as(dir.toString()).contains(
                    java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                    java.nio.file.attribute.PosixFilePermission.OWNER_WRITE,
                    java.nio.file.attribute.PosixFilePermission.OWNER_EXECUTE);
        }
        assertThat(Trees.files(out)).containsAllEntriesOf(Map.of("src/main/Shop.java", "class Shop {}\n"));
    }

    // ---- concurrency ----

    @Test
    @Timeout(60)
    void concurrent_commits_from_several_threads_all_land() throws Exception {
        int threads = 8;
        List<Future<String>> commits = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                Map<String, String> files = new LinkedHashMap<>(Map.of("shared.txt", "same", "own-" + t + ".txt", "t" + t));
                commits.add(pool.submit(() -> commit(files)));
            }
            for (int t = 0; t < threads; t++) {
                String commit = commits.get(t).get(50, TimeUnit.SECONDS);
                assertThat(read(commit)).containsExactlyInAnyOrderEntriesOf(Map.of("shared.txt", "same",
                        "own-" + t + ".txt", "t" + t));
            }
        }
    }
}
