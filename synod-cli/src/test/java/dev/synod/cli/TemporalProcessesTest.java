package dev.synod.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.runtime.workspace.GitRepository;
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
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A team on Temporal across processes, as issue 14 asks: Temporal's standalone test server, two
 * {@code synod worker} processes and {@code synod run}, each its own JVM on loopback. One worker
 * is killed with SIGKILL while it carries out an attempt; the other takes the attempt over once
 * its heartbeat stops, and the run releases the tree the embedded engine releases for the same
 * team. Each process has its own clone of the project, as on its own machine; commits and blobs
 * travel only through the bare remote that synod.yaml names. The workers cache no workflow ({@code --no-sticky}): the test server never moves a killed worker's
 * cached workflow to another, as Temporal's own service does after 5 s.
 */
class TemporalProcessesTest {
    private static final String SLOW_ATTEMPT = "agent:section[editor3]#1 of run ";

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void a_worker_killed_mid_attempt_leaves_the_run_to_the_other_which_releases_the_embedded_tree() throws Exception {
        Map<String, String> embedded = embeddedRelease(team(tmp.resolve("embedded")));
        int port = freePort();
        // The project as on three machines: the starter's clone and each worker's, of one bare remote,
        // whose synod.yaml names the test server and the remote.
        Path project = team(tmp.resolve("project"));
        Path remote = tmp.resolve("remote.git");
        Files.writeString(project.resolve("synod.yaml"), "engine: { temporal: { target: \"127.0.0.1:" + port
                + "\", remote: \"" + remote + "\" } }\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        publish(project, remote);
        Path starter = cloneOf(remote, tmp.resolve("starter"));
        Path[] clones = {cloneOf(remote, tmp.resolve("worker-a")), cloneOf(remote, tmp.resolve("worker-b"))};
        Process server = testServer(port);
        CrashHarnessTest.Child[] workers = new CrashHarnessTest.Child[2];
        try {
            awaitPort(server, port);
            for (int i = 0; i < 2; i++) {
                workers[i] = CrashHarnessTest.Child.start(clones[i], "worker", "--no-sticky");
                awaitOutput(workers[i], "worker of team relay on 127.0.0.1:" + port);
            }
            CrashHarnessTest.Child run = CrashHarnessTest.Child.start(starter, "run", "--plain", "--yes",
                    "--heartbeat-timeout", "2s");

            // editor[3]'s attempt takes three seconds: kill whichever worker took it while it runs.
            int victim = awaitEither(workers, SLOW_ATTEMPT);
            workers[victim].process().destroyForcibly();
            assertThat(workers[victim].process().waitFor(10, TimeUnit.SECONDS)).isTrue();
            String killed = workers[victim].output();
            assertThat(killed).as("the killed worker had not finished the attempt").doesNotContain(line(killed) + " ended");
            CrashHarnessTest.Child survivor = workers[1 - victim];

            if (!run.process().waitFor(90, TimeUnit.SECONDS)) {
                throw new AssertionError("expected synod run to end within 90 s after the kill; the run printed:\n"
                        + run.output() + "\n--- the killed worker:\n" + killed + "\n--- the survivor:\n" + survivor.output());
            }
            int status = run.process().exitValue();
            String shown = run.output();
            assertThat(status).as(shown).isZero();
            assertThat(shown).contains("succeeded: every accepted artifact is on branch synod/r")
                    .contains("section[editor3]: attempt 1 by editor[3] started")
                    .contains("6 of 6 steps accepted, 8 attempts (2 retries, 1 escalation), 1 decision");
            // The survivor carried out the killed worker's attempt again, under the same attempt number.
            assertThat(survivor.output()).as(survivor.output()).contains(line(killed) + " started")
                    .contains(line(killed) + " ended");
            // The release was made on a worker and pushed; the starter fetched it.
            // Its files are the embedded engine's, synod.yaml apart, which names the engine.
            Map<String, String> released = releaseFiles(starter);
            assertThat(released.remove("synod.yaml")).isEqualTo(Files.readString(project.resolve("synod.yaml")));
            embedded.remove("synod.yaml");
            assertThat(released).isEqualTo(embedded).containsKey("notes/editor3/c.md");

            // The starter reads the run from Temporal: status and log as for the embedded engine.
            StringWriter out = new StringWriter();
            assertThat(SynodCli.commandLine(new PrintWriter(out), new PrintWriter(out)).execute("status", "--dir",
                    starter.toString())).as(out.toString()).isZero();
            assertThat(out.toString()).contains("succeeded (every step was accepted)")
                    .contains("section[editor2]  attempt 3  accepted  by lead");
            // log reads the turns' blobs, which the workers made, through the remote.
            out = new StringWriter();
            assertThat(SynodCli.commandLine(new PrintWriter(out), new PrintWriter(out)).execute("log", "--dir",
                    starter.toString())).as(out.toString()).isZero();
            assertThat(out.toString()).contains("outline#1: turn 1 by writer: write_file notes/OUTLINE.md")
                    .contains("section[editor3]#1: gate exists: pass in ");

            // SIGTERM stops a worker cleanly.
            survivor.process().destroy();
            assertThat(survivor.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(survivor.process().exitValue()).as(survivor.output()).isZero();
            assertThat(survivor.output()).contains("worker of team relay stopped");
        } finally {
            for (CrashHarnessTest.Child w : workers) {
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

    private static Path team(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (String file : List.of("team.synod", "synod.yaml", "agents.yaml")) {
            try (InputStream in = TemporalProcessesTest.class.getResourceAsStream("/temporal/" + file)) {
                Files.write(dir.resolve(file), in.readAllBytes());
            }
        }
        return dir;
    }

    /** Makes {@code project} a repository with its files committed and pushes it to a new bare {@code remote}. */
    private static void publish(Path project, Path remote) throws Exception {
        try (Git git = Git.init().setInitialBranch("main").setDirectory(project.toFile()).call()) {
            git.add().addFilepattern(".").call();
            git.commit().setMessage("the team").setAuthor("test", "test@synod.invalid")
                    .setCommitter("test", "test@synod.invalid").setSign(false).call();
        }
        Git.init().setBare(true).setInitialBranch("main").setDirectory(remote.toFile()).call().close();
        try (Git git = Git.open(project.toFile())) {
            git.push().setRemote(remote.toString()).setRefSpecs(new RefSpec("main:refs/heads/main")).call();
        }
    }

    private static Path cloneOf(Path remote, Path to) throws Exception {
        Git.cloneRepository().setURI(remote.toString()).setDirectory(to.toFile()).setBranch("main").call().close();
        return to;
    }

    /** Runs the team on the embedded engine, in process; the files of its release branch. */
    private static Map<String, String> embeddedRelease(Path dir) throws IOException {
        StringWriter out = new StringWriter();
        int status = SynodCli.commandLine(new PrintWriter(out), new PrintWriter(out)).execute("run", "--plain", "--yes",
                dir.toString());
        assertThat(status).as(out.toString()).isZero();
        return releaseFiles(dir);
    }

    /**
     * The files on the one release branch ({@code synod/<run>}) of the repository in {@code dir},
     * the dates of decision records left out: the two runs are made at different times.
     */
    private static Map<String, String> releaseFiles(Path dir) throws IOException {
        String release;
        try (Repository git = new FileRepositoryBuilder().setGitDir(dir.resolve(".git").toFile()).build()) {
            List<Ref> releases = git.getRefDatabase().getRefsByPrefix("refs/heads/synod/");
            assertThat(releases).hasSize(1);
            release = releases.get(0).getObjectId().name();
        }
        try (GitRepository repo = GitRepository.openOrInit(dir)) {
            Map<String, String> files = new TreeMap<>();
            repo.read(release).forEach((path, bytes) -> files.put(path,
                    new String(bytes, StandardCharsets.UTF_8).replaceAll("(?m)^- Date: .*$", "- Date: (left out)")));
            return files;
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
