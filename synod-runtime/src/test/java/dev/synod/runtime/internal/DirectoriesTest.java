package dev.synod.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Forcing a file or directory to disk, and removing a workspace that an agent made unreadable. Root reads and deletes anything, so the
 * deletion that matters runs as an unprivileged user (nobody, through {@code setpriv}), as an
 * agent's own user would own its workspace. (As root, a deletion succeeds whatever the modes, so
 * only this test shows the defect.)
 */
class DirectoriesTest {
    private static final String NOBODY = "65534";

    private Path base;

    @BeforeEach
    void base() throws IOException {
        // Not a JUnit @TempDir: nobody must be able to reach it, and those are private to root.
        base = Files.createTempDirectory("synod-directories-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    }

    @AfterEach
    void clean() throws Exception {
        run(List.of("chmod", "-R", "u+rwx", base.toString()));
        run(List.of("rm", "-rf", base.toString()));
    }

    private static Process start(List<String> command) throws IOException {
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private static String run(List<String> command) throws Exception {
        Process p = start(command);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return p.exitValue() + ":" + out;
    }

    private static boolean rootWithSetpriv() throws Exception {
        try {
            return run(List.of("id", "-u")).equals("0:0\n") && run(List.of("setpriv", "--version")).startsWith("0:");
        } catch (IOException e) {
            return false;
        }
    }

    /** A workspace owned by nobody whose directory {@code src} nobody made unreadable. */
    private Path unreadableWorkspace() throws Exception {
        Path ws = base.resolve("ws");
        Files.createDirectories(ws.resolve("src/deep"));
        Files.writeString(ws.resolve("src/deep/A.java"), "class A {}\n");
        Files.writeString(ws.resolve("src/B.java"), "class B {}\n");
        // The directory holding it is nobody's too, as .synod/work is the user's who runs Synod.
        assertThat(run(List.of("chown", "-R", NOBODY + ":" + NOBODY, base.toString()))).startsWith("0:");
        Files.setPosixFilePermissions(ws.resolve("src"), java.util.Set.of());
        return ws;
    }

    private List<String> asNobody(String... command) {
        List<String> out = new ArrayList<>(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY,
                "--clear-groups"));
        out.addAll(List.of(command));
        return out;
    }

    /**
     * The classes the deleting process needs, copied into the test's own directory: the build's
     * class directory may lie under one nobody cannot enter (a clone in a 0700 home).
     */
    private Path classesNobodyCanRead() throws Exception {
        Path built = Path.of(Directories.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path from = built.resolve("dev/synod/runtime/internal");
        Path to = base.resolve("classes/dev/synod/runtime/internal");
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path c : files.filter(f -> f.getFileName().toString().matches("(Directories|Permissions)(\\$.*)?\\.class"))
                    .toList()) {
                Files.copy(c, to.resolve(c.getFileName()));
            }
        }
        Path classes = base.resolve("classes");
        assertThat(run(List.of("chmod", "-R", "a+rX", classes.toString()))).startsWith("0:");
        return classes;
    }

    @Test
    @Timeout(120)
    void delete_tree_removes_a_workspace_whose_owner_made_a_directory_unreadable() throws Exception {
        assumeThat(rootWithSetpriv()).as("running as root with setpriv, to act as nobody").isTrue();
        Path ws = unreadableWorkspace();
        assertThat(run(asNobody("ls", ws.resolve("src").toString()))).as("the defect's condition: nobody cannot list")
                .doesNotStartWith("0:");
        Path classes = classesNobodyCanRead();
        Path program = base.resolve("Delete.java");
        Files.writeString(program, "public class Delete { public static void main(String[] a) {"
                + " dev.synod.runtime.internal.Directories.deleteTree(java.nio.file.Path.of(a[0]), \"the workspace\"); } }");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

        String result = run(asNobody(java, "-cp", classes.toString(), program.toString(), ws.toString()));

        assertThat(result).startsWith("0:");
        assertThat(ws).doesNotExist();
    }

    @Test
    void fsync_forces_a_file_and_a_directory_and_names_a_file_it_cannot_open() throws IOException {
        Path file = Files.writeString(base.resolve("f.txt"), "x");

        Directories.fsync(file);
        Directories.fsync(base);
        // The tolerance is for platforms that cannot open a directory, not for a missing file.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Directories.fsync(base.resolve("missing")))
                .isInstanceOf(java.nio.file.NoSuchFileException.class).hasMessageContaining("missing");
    }
}
