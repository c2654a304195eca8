package dev.synod.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * How {@code synod run} starts: every check before anything is created, and from the files on
 * disk, uncommitted edits included, without touching the user's branch, index or working tree.
 */
class RunStartTest {
    private static final String TEAM = """
            synod 1

            team start {
              prompt "PROMPT.md"
              defaults within 1m

              role writer model demo
              role reader model demo

              writer -> reader : notes "docs/notes.md"
                gate exists
            }
            """;
    private static final String AGENTS = """
            writer:
              produce:
                notes:
                  - write: { docs/notes.md: "hello\\n" }
            """;
    private static final String CONFIG = "models:\n  demo: { provider: scripted, script: agents.yaml }\n";

    @TempDir
    Path dir;

    private void write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private void project(String team, String config) throws IOException {
        write("team.synod", team);
        write("synod.yaml", config);
        write("agents.yaml", AGENTS);
        write("PROMPT.md", "Write the notes.\n");
    }

    /** Why a start is refused, each for a reason other than the configuration's shape. */
    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("an unknown key", TEAM, CONFIG + "sandbx: none\n", "sandbx: unknown key"),
                Arguments.of("a missing API key", TEAM.replace("role reader model demo", "role reader model paid"),
                        CONFIG + "  paid: { provider: openai, model: gpt-4.1-mini, api-key-env: SYNOD_TEST_UNSET_KEY }\n",
                        "SYNOD_TEST_UNSET_KEY, which is not set"),
                Arguments.of("a cli program that is not installed", TEAM.replace("role reader model demo", "role reader model cli"),
                        CONFIG + "  cli: { provider: cli, command: [no-such-agent-program] }\n", "not a program on the PATH"),
                Arguments.of("a missing prompt file", TEAM.replace("PROMPT.md", "TASK.md"), CONFIG,
                        "the team's prompt \"TASK.md\" does not exist"));
    }

    @ParameterizedTest(name = "{0}, outside a repository")
    @MethodSource("refusals")
    void a_refused_run_leaves_a_plain_directory_exactly_as_it_was(String why, String team, String config, String message)
            throws Exception {
        project(team, config);
        Map<String, String> before = tree(dir);

        Run run = Run.synod("run", dir.toString(), "--yes");

        assertThat(run.exit()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains(message);
        assertThat(run.out()).doesNotContain("run r");
        assertThat(tree(dir)).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}, in a repository")
    @MethodSource("refusals")
    void a_refused_run_leaves_a_repository_exactly_as_it_was(String why, String team, String config, String message)
            throws Exception {
        project(team, config);
        git("init", "-q", "-b", "main");
        git("add", "-A");
        git("commit", "-q", "-m", "start");
        write("PROMPT.md", "An edit not yet committed.\n");
        Map<String, String> before = tree(dir);

        Run run = Run.synod("run", dir.toString(), "--yes");

        assertThat(run.exit()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains(message);
        assertThat(tree(dir)).isEqualTo(before);
    }

    @Test
    void a_missing_prompt_file_stops_the_run_with_exit_2_and_says_which() throws Exception {
        project(TEAM, CONFIG);
        Files.delete(dir.resolve("PROMPT.md"));

        Run run = Run.synod("run", dir.toString(), "--yes");

        assertThat(run.exit()).as(run.toString()).isEqualTo(2);
        assertThat(run.errLines()).containsExactly("synod: " + dir.resolve("team.synod") + ": the team's prompt \"PROMPT.md\""
                + " does not exist (expected a file at " + dir.resolve("PROMPT.md") + "); create it or remove the prompt line");
    }

    @Test
    void the_run_starts_from_the_files_on_disk_and_leaves_branch_index_and_working_tree_alone() throws Exception {
        project(TEAM, CONFIG);
        write(".gitignore", "secret.txt\nbuild/\n");
        git("init", "-q", "-b", "main");
        git("add", "-A");
        git("commit", "-q", "-m", "start");
        write("PROMPT.md", "The task as edited, not committed.\n");
        write("staged.txt", "staged\n");
        git("add", "staged.txt");
        write("untracked.txt", "untracked\n");
        write("secret.txt", "ignored\n");
        write("build/out.txt", "ignored too\n");
        String status = git("status", "--porcelain=v1", "-uall");
        byte[] index = Files.readAllBytes(dir.resolve(".git/index"));
        String head = git("rev-parse", "HEAD").strip();
        String branches = git("for-each-ref", "refs/heads");
        Map<String, String> files = tree(dir, ".git");

        Run run = Run.synod("run", dir.toString(), "--yes");

        assertThat(run.exit()).as(run.toString()).isZero();
        String id = run.out().lines().filter(l -> l.startsWith("run r")).findFirst().orElseThrow().substring(4);
        String start = git("rev-parse", "refs/synod/start/" + id).strip();
        assertThat(git("rev-parse", start + "^").strip()).isEqualTo(head);
        assertThat(git("show", start + ":PROMPT.md")).isEqualTo("The task as edited, not committed.\n");
        assertThat(git("show", start + ":staged.txt")).isEqualTo("staged\n");
        assertThat(git("show", start + ":untracked.txt")).isEqualTo("untracked\n");
        assertThat(git("ls-tree", "-r", "--name-only", start).lines().toList())
                .doesNotContain("secret.txt", "build/out.txt").noneMatch(p -> p.startsWith(".synod/"));
        // The release branch grows from the start commit.
        assertThat(git("merge-base", "--is-ancestor", start, "synod/" + id)).isEmpty();
        // Nothing of the user's changed.
        assertThat(git("status", "--porcelain=v1", "-uall")).isEqualTo(status);
        assertThat(Files.readAllBytes(dir.resolve(".git/index"))).isEqualTo(index);
        assertThat(git("rev-parse", "HEAD").strip()).isEqualTo(head);
        assertThat(git("for-each-ref", "refs/heads").lines().filter(l -> !l.contains("refs/heads/synod/")).toList())
                .isEqualTo(branches.lines().toList());
        Map<String, String> after = tree(dir, ".git");
        after.keySet().removeIf(p -> p.equals(".synod") || p.startsWith(".synod/"));
        assertThat(after).isEqualTo(files);
    }

    @Test
    void a_plain_directory_becomes_a_repository_only_after_every_check_passed() throws Exception {
        project(TEAM, CONFIG);

        Run run = Run.synod("run", dir.toString(), "--yes");

        assertThat(run.exit()).as(run.toString()).isZero();
        String id = run.out().lines().filter(l -> l.startsWith("run r")).findFirst().orElseThrow().substring(4);
        assertThat(git("show", "refs/synod/start/" + id + ":PROMPT.md")).isEqualTo("Write the notes.\n");
    }

    private String git(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=Test", "-c", "user.email=test@example.com"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("git " + String.join(" ", args) + ": " + out).isZero();
        return out;
    }

    /**
     * Every file, directory and link under {@code root} (hidden ones included) with its type,
     * permissions and content, by path; {@code skip} names top-level entries left out.
     */
    static Map<String, String> tree(Path root, String... skip) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.toList()) {
                String rel = root.relativize(p).toString();
                if (rel.isEmpty() || List.of(skip).stream().anyMatch(s -> rel.equals(s) || rel.startsWith(s + "/"))) {
                    continue;
                }
                String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
                String what;
                if (Files.isSymbolicLink(p)) {
                    what = "link " + Files.readSymbolicLink(p);
                } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    what = "dir";
                } else {
                    what = "file " + HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(Files.readAllBytes(p)));
                }
                out.put(rel, what + " " + mode);
            }
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
        return out;
    }
}
