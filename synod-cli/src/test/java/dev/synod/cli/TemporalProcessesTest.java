package dev.synod.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A team on Temporal across processes, as issue 14 asks: Temporal's standalone test server, two
 * {@code synod worker} processes and {@code synod run}, each its own JVM on loopback. One worker
 * is killed with SIGKILL while it carries out an attempt; the other takes the attempt over once
 * its heartbeat stops, and the run releases the tree the embedded engine releases for the same
 * team. Every process works on the one run directory until workers share a git remote. The
 * workers cache no workflow ({@code --no-sticky}): the test server never moves a killed worker's
 * cached workflow to another, as Temporal's own service does after 5 s.
 */
class TemporalProcessesTest {
    private static final String SLOW_ATTEMPT = "agent:section[editor3]#1 of run ";

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void a_worker_killed_mid_attempt_leaves_the_run_to_the_other_which_releases_the_embedded_tree() throws Exception {
        String embedded = embeddedTree(team("embedded"));
        int port = freePort();
        Path dir = team("temporal");
        Files.writeString(dir.resolve("synod.yaml"), "engine: { temporal: { target: \"127.0.0.1:" + port + "\" } }\n",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        Process server = testServer(port);
        CrashHarnessTest.Child first = null;
        CrashHarnessTest.Child second = null;
        try {
            awaitPort(server, port);
            // One after the other: the first makes the directory a git repository, which two at once would race to do.
            first = CrashHarnessTest.Child.start(dir, "worker", "--no-sticky");
            awaitOutput(first, "worker of team relay on 127.0.0.1:" + port);
            second = CrashHarnessTest.Child.start(dir, "worker", "--no-sticky");
            awaitOutput(second, "worker of team relay on 127.0.0.1:" + port);
            CrashHarnessTest.Child run = CrashHarnessTest.Child.start(dir, "run", "--plain", "--yes",
                    "--heartbeat-timeout", "2s");

            // editor[3]'s attempt takes three seconds: kill whichever worker took it while it runs.
            CrashHarnessTest.Child[] workers = {first, second};
            int victim = awaitEither(workers, SLOW_ATTEMPT);
            workers[victim].process().destroyForcibly();
            assertThat(workers[victim].process().waitFor(10, TimeUnit.SECONDS)).isTrue();
            String killed = workers[victim].output();
            assertThat(killed).as("the killed worker had not finished the attempt").doesNotContain(line(killed) + " ended");
            CrashHarnessTest.Child survivor = workers[1 - victim];

            int status = run.waitFor();
            String shown = run.output();
            assertThat(status).as(shown).isZero();
            assertThat(shown).contains("succeeded: every accepted artifact is on branch synod/r")
                    .contains("section[editor3]: attempt 1 by editor[3] started")
                    .contains("6 of 6 steps accepted, 8 attempts (2 retries, 1 escalation), 1 decision");
            // The survivor carried out the killed worker's attempt again, under the same attempt number.
            assertThat(survivor.output()).contains(line(killed) + " started").contains(line(killed) + " ended");
            assertThat(releaseTree(dir)).isEqualTo(embedded);

            // SIGTERM stops a worker cleanly.
            survivor.process().destroy();
            assertThat(survivor.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(survivor.process().exitValue()).as(survivor.output()).isZero();
            assertThat(survivor.output()).contains("worker of team relay stopped");
        } finally {
            for (CrashHarnessTest.Child w : new CrashHarnessTest.Child[] {first, second}) {
                if (w != null) {
                    w.process().destroyForcibly();
                    w.process().waitFor(10, TimeUnit.SECONDS);
                }
            }
            server.destroyForcibly();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** The id of the slow attempt's command with its run, as the worker's line names it. */
    private static String line(String output) {
        int at = output.indexOf(SLOW_ATTEMPT);
        int end = output.indexOf(' ', at + SLOW_ATTEMPT.length());
        return output.substring(at, end);
    }

    private Path team(String name) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        for (String file : List.of("team.synod", "synod.yaml", "agents.yaml")) {
            try (InputStream in = TemporalProcessesTest.class.getResourceAsStream("/temporal/" + file)) {
                Files.write(dir.resolve(file), in.readAllBytes());
            }
        }
        return dir;
    }

    /** Runs the team on the embedded engine, in process; the tree of its release branch. */
    private static String embeddedTree(Path dir) throws IOException {
        StringWriter out = new StringWriter();
        int status = SynodCli.commandLine(new PrintWriter(out), new PrintWriter(out)).execute("run", "--plain", "--yes",
                dir.toString());
        assertThat(status).as(out.toString()).isZero();
        return releaseTree(dir);
    }

    /** The tree of the one release branch ({@code synod/<run>}) of the repository in {@code dir}. */
    private static String releaseTree(Path dir) throws IOException {
        try (Repository repo = new FileRepositoryBuilder().setGitDir(dir.resolve(".git").toFile()).build()) {
            List<Ref> releases = repo.getRefDatabase().getRefsByPrefix("refs/heads/synod/");
            assertThat(releases).hasSize(1);
            return repo.resolve(releases.get(0).getName() + "^{tree}").name();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Temporal's standalone test server (no time skipping) on {@code port}, from the test's classpath. */
    private Process testServer(int port) throws IOException {
        Path log = tmp.resolve("server.out");
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.temporal.testserver.TestServer", Integer.toString(port))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void awaitPort(Process server, int port) throws Exception {
        for (int look = 0; look < 600; look++) {
            assertThat(server.isAlive()).as("the test server runs").isTrue();
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("expected the test server to listen on port " + port + ", which it did not");
    }

    private static void awaitOutput(CrashHarnessTest.Child child, String text) throws Exception {
        awaitEither(new CrashHarnessTest.Child[] {child}, text);
    }

    /** Waits until one of {@code children} has printed {@code text}; its index. */
    private static int awaitEither(CrashHarnessTest.Child[] children, String text) throws Exception {
        for (int look = 0; look < 1200; look++) {
            for (int i = 0; i < children.length; i++) {
                if (children[i].output().contains(text)) {
                    return i;
                }
                assertThat(children[i].process().isAlive()).as(children[i].output()).isTrue();
            }
            Thread.sleep(50);
        }
        StringBuilder seen = new StringBuilder();
        for (CrashHarnessTest.Child c : children) {
            seen.append(c.output()).append("\n---\n");
        }
        throw new AssertionError("expected a process to print '" + text + "'; they printed:\n" + seen);
    }
}
