package dev.synod.runtime.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bubblewrap sandbox against code that tries to get out: each test runs a real shell script
 * under real bubblewrap and checks from outside that the attempt failed and left no trace.
 * These tests need bwrap and fail without it (.ci/run installs it).
 */
class SandboxTest {
    private static final String SECRET = "sk-test-secret-" + UUID.randomUUID();

    @TempDir
    Path root;

    private Path work;
    private Path fakeHome;
    private final List<String> warnings = new ArrayList<>();
    private Sandbox sandbox;

    @BeforeEach
    void setUp() throws IOException {
        work = Files.createDirectories(root.resolve("work"));
        fakeHome = Files.createDirectories(root.resolve("home"));
        Files.createDirectories(fakeHome.resolve(".ssh"));
        Files.writeString(fakeHome.resolve(".ssh/id_ed25519"), "PRIVATE KEY " + SECRET + "\n");
        Files.writeString(fakeHome.resolve("api-key.txt"), SECRET + "\n");
        Map<String, String> parent = new HashMap<>(System.getenv());
        parent.put("HOME", fakeHome.toString());
        parent.put("OPENAI_API_KEY", SECRET);
        parent.put("ANTHROPIC_API_KEY", SECRET);
        sandbox = Sandbox.create(Sandbox.Mode.BWRAP, parent, warnings::add);
    }

    private Sandbox.Result sh(String script) throws InterruptedException {
        return sandbox.run(Sandbox.Spec.of(work, List.of("sh", "-c", script)).withTimeout(Duration.ofMinutes(2)));
    }

    @Test
    void runs_a_command_in_its_directory_and_captures_its_output_and_status() throws Exception {
        Files.writeString(work.resolve("input.txt"), "hello\n");

        Sandbox.Result result = sh("cat input.txt; echo oops >&2; echo written > output.txt; exit 3");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.stdout().text()).isEqualTo("hello\n");
        assertThat(result.stderr().text()).isEqualTo("oops\n");
        assertThat(result.timedOut()).isFalse();
        assertThat(Files.readString(work.resolve("output.txt"))).isEqualTo("written\n");
        assertThat(warnings).isEmpty();
    }

    @Test
    void feeds_standard_input() throws Exception {
        Sandbox.Result result = sandbox.run(Sandbox.Spec.of(work, List.of("cat")).withStdin("from stdin\n"));

        assertThat(result.stdout().text()).isEqualTo("from stdin\n");
    }

    @Test
    void cannot_connect_to_a_listener_on_the_hosts_loopback() throws Exception {
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress("127.0.0.1", 0));
            listener.configureBlocking(false);
            int port = ((InetSocketAddress) listener.getLocalAddress()).getPort();

            Sandbox.Result result = sandbox.run(Sandbox.Spec.of(work, List.of("bash", "-c",
                    "exec 3<>/dev/tcp/127.0.0.1/" + port + " && echo CONNECTED")));

            assertThat(result.exitCode()).isNotZero();
            assertThat(result.stdout().text()).doesNotContain("CONNECTED");
            // A completed connection would wait in the listener's backlog even though nobody accepted it.
            assertThat(listener.accept()).as("a connection from the sandbox").isNull();
        }
    }

    @Test
    void cannot_write_outside_its_directory() throws Exception {
        Path outside = Files.createDirectories(root.resolve("outside"));

        Sandbox.Result result = sh("echo pwned > " + outside + "/pwned.txt; echo pwned > " + fakeHome + "/pwned.txt; "
                + "echo pwned > /usr/pwned.txt; echo pwned > /etc/pwned.txt; echo done");

        assertThat(result.stdout().text()).isEqualTo("done\n");
        assertThat(outside.resolve("pwned.txt")).doesNotExist();
        assertThat(fakeHome.resolve("pwned.txt")).doesNotExist();
        assertThat(Path.of("/usr/pwned.txt")).doesNotExist();
        assertThat(Path.of("/etc/pwned.txt")).doesNotExist();
    }

    @Test
    void cannot_read_the_callers_home_or_keys() throws Exception {
        Sandbox.Result result = sh("cat \"$HOME/.ssh/id_ed25519\"; cat " + fakeHome + "/.ssh/id_ed25519; cat " + fakeHome
                + "/api-key.txt; ls -la " + fakeHome + "; cat /root/.ssh/* ~/.ssh/*; echo HOME=$HOME");

        assertThat(result.stdout().text() + result.stderr().text()).doesNotContain(SECRET);
        assertThat(result.stdout().text()).contains("HOME=/tmp");
    }

    @Test
    void sees_no_variable_of_the_parent_but_the_ones_it_is_given() throws Exception {
        Sandbox.Result result = sandbox.run(Sandbox.Spec.of(work, List.of("sh", "-c", "env; echo key=$OPENAI_API_KEY"))
                .withEnv(Map.of("GIVEN", "yes")));

        String seen = result.stdout().text();
        assertThat(seen).doesNotContain(SECRET);
        assertThat(seen).contains("GIVEN=yes", "HOME=/tmp", "key=\n");
        assertThat(seen.lines().map(l -> l.split("=", 2)[0]).sorted().toList())
                .containsExactly("GIVEN", "HOME", "LANG", "PATH", "PWD", "TMPDIR", "key");
    }

    @Test
    void passes_on_inherited_variables_only_by_name() {
        assertThat(sandbox.inherited(List.of("OPENAI_API_KEY", "NOT_SET_ANYWHERE"))).containsOnlyKeys("OPENAI_API_KEY");
    }

    @Test
    void has_no_capabilities() throws Exception {
        Sandbox.Result result = sh("grep -E '^Cap(Eff|Prm|Bnd)' /proc/self/status");

        assertThat(result.stdout().text().lines().map(l -> l.split("\\s+")[1]).distinct().toList())
                .containsExactly("0000000000000000");
    }

    @Test
    void counts_no_more_processes_than_its_limit() throws Exception {
        // Each fork that succeeds leaves a line; the shell dies at the first fork the limit refuses.
        // The loop is bounded, so that a sandbox without the limit fails this test instead of the machine.
        String marker = "86399." + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000);
        Sandbox.Result result = sandbox.run(Sandbox.Spec.of(work, List.of("sh", "-c",
                "i=0; while [ $i -lt 200 ]; do sleep " + marker + " & echo started >> forks.txt; i=$((i+1)); done"))
                .withMaxProcesses(20));

        long forks = Files.readAllLines(work.resolve("forks.txt")).size();
        assertThat(forks).isLessThan(20);
        assertThat(result.exitCode()).isNotZero();
        assertThat(Leftovers.of(marker)).isEmpty();
    }

    @Test
    void contains_a_fork_bomb_and_reports_it() throws Exception {
        String marker = "synod-bomb-" + UUID.randomUUID();
        // The parent loops without forking, so that the bomb runs until the timeout ends it.
        Sandbox.Result result = sandbox.run(Sandbox.Spec.of(work, List.of("sh", "-c",
                "# " + marker + "\nbomb() { bomb | bomb & }; bomb; i=0; while :; do i=$((i+1)); done"))
                .withMaxProcesses(32).withTimeout(Duration.ofSeconds(3)));

        assertThat(result.timedOut()).isTrue();
        assertThat(result.killed()).isTrue();
        if (isRoot()) {
            assertThat(result.processLimitReached()).as("pids cgroup saw the limit").isTrue();
        }
        assertThat(Leftovers.of(marker)).isEmpty();
    }

    @Test
    void kills_the_whole_tree_when_time_is_up() throws Exception {
        String marker = "86398." + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000);
        Sandbox.Result result = sandbox.run(Sandbox.Spec.of(work, List.of("sh", "-c",
                "sleep " + marker + " & (sleep " + marker + " &) ; echo started; sleep " + marker))
                .withTimeout(Duration.ofSeconds(1)));

        assertThat(result.timedOut()).isTrue();
        assertThat(result.killed()).isTrue();
        assertThat(result.succeeded()).isFalse();
        assertThat(result.stdout().text()).isEqualTo("started\n");
        assertThat(Leftovers.of(marker)).isEmpty();
    }

    @Test
    void limits_the_address_space() throws Exception {
        Sandbox.Result result = sandbox.run(Sandbox.Spec.of(work, List.of("sh", "-c", "ulimit -v"))
                .withMemory(512L * 1024 * 1024));

        assertThat(result.stdout().text().strip()).isEqualTo(Long.toString(512L * 1024));
    }

    @Test
    void keeps_the_head_and_tail_of_long_output() throws Exception {
        Sandbox.Result result = sh("echo FIRST; head -c 400000 /dev/zero | tr '\\0' x; echo; echo LAST");

        assertThat(result.stdout().cut()).isTrue();
        assertThat(result.stdout().text()).startsWith("FIRST\n").endsWith("x\nLAST\n").contains("bytes cut");
        assertThat(result.stdout().text().length()).isLessThan(200_000);
        assertThat(result.stdout().cutBytes()).isEqualTo(6 + 400_000 + 1 + 5 - 2 * 64 * 1024);
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
