package dev.synod.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.core.Clock;
import dev.synod.core.Command;
import dev.synod.core.Event;
import dev.synod.runtime.Runs;
import dev.synod.runtime.workspace.GitRepository;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts {@code synod run} as a separate process on a scripted team, kills it with SIGKILL at
 * random moments (fixed seed), resumes it until it finishes, and checks what ARCHITECTURE.md §1
 * promises: the journal always opens; the run reaches the same artifacts as an undisturbed run;
 * no completed effect runs twice; the effects repeated after a kill are among those in flight at it.
 */
class CrashHarnessTest {
    private static final long SEED = 20261128L;
    /** 50 in CI; {@code -Dsynod.crash.kills=500} for the long run reported in docs/benchmarks.md. */
    private static final int MIN_KILLS = Integer.getInteger("synod.crash.kills", 50);
    private static final int KILLS_PER_RUN = 5;

    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
    Path tmp;

    private final Random random = new Random(SEED);

    @Test
    void killed_runs_resume_to_the_same_artifacts_without_repeating_completed_work() throws Exception {
        Map<String, String> reference = runUndisturbed(team("reference"));
        int kills = 0;
        for (int round = 0; kills < MIN_KILLS; round++) {
            assertThat(round).as("rounds needed for %d kills", MIN_KILLS).isLessThan(MIN_KILLS + 10);
            kills += killAndResume(team("round" + round), reference);
        }
    }

    private Map<String, String> runUndisturbed(Path dir) throws Exception {
        Child child = Child.start(dir, "run", dir.toString(), "--yes");
        assertThat(child.waitFor()).as(child.output()).isZero();
        return release(dir);
    }

    /** One run killed up to {@link #KILLS_PER_RUN} times, then resumed to its end; returns the kills. */
    private int killAndResume(Path dir, Map<String, String> reference) throws Exception {
        int kills = 0;
        Set<String> inFlightAtKill = null;
        boolean started = false;
        while (true) {
            Child child = started ? Child.start(dir, "resume", "--yes") : Child.start(dir, "run", dir.toString(), "--yes");
            // A JVM takes about a second to start; the window covers start-up and the whole run.
            boolean killed = kills < KILLS_PER_RUN && child.killAfter(400 + random.nextInt(2600));
            int exit = killed ? -9 : child.waitFor();
            String output = child.output();
            if (inFlightAtKill != null) {
                for (String line : output.lines().toList()) {
                    if (line.contains("resuming ")) {
                        String id = line.substring(line.indexOf("resuming ") + 9, line.indexOf(" (it was in flight"));
                        assertThat(inFlightAtKill).as("re-run after a kill: %s", id).contains(id);
                    }
                }
            }
            if (!killed) {
                assertThat(exit).as(output).isZero();
                assertThat(output).contains("succeeded");
                break;
            }
            kills++;
            Optional<Set<String>> latest = inFlightOfLatest(dir);
            started = latest.isPresent();
            inFlightAtKill = latest.orElse(null);
        }
        assertThat(release(dir)).isEqualTo(reference);
        try (Runs runs = Runs.open(dir, Clock.SYSTEM)) {
            String run = runs.resolve(Optional.empty());
            assertOnce(runs.events(run));
            assertThat(runs.replay(run)).isEmpty();
        }
        return kills;
    }

    /** What was in flight in the latest run at the kill; empty when the kill came before a run was journaled. */
    private static Optional<Set<String>> inFlightOfLatest(Path dir) {
        try (Runs runs = Runs.open(dir, Clock.SYSTEM)) {
            return Optional.of(inFlight(runs, runs.resolve(Optional.empty())));
        } catch (dev.synod.core.SynodException.InvalidInput noRunYet) {
            return Optional.empty();
        }
    }

    private static Set<String> inFlight(Runs runs, String run) {
        Set<String> ids = new HashSet<>();
        for (Command c : runs.state(run).inFlight()) {
            ids.add(c.id());
        }
        return ids;
    }

    /**
     * Every command started once, and answered at most once, and every model turn journaled once:
     * nothing completed ran again, and no turn was paid for twice.
     */
    private static void assertOnce(List<Event> events) {
        Set<String> started = new HashSet<>();
        Set<String> answered = new HashSet<>();
        Set<String> turns = new HashSet<>();
        for (Event e : events) {
            if (e instanceof Event.TurnRecorded t) {
                assertThat(turns.add(t.command() + " turn " + t.turn())).as("journaled twice: %s turn %d", t.command(), t.turn())
                        .isTrue();
            }
            if (e instanceof Event.Started s) {
                assertThat(started.add(s.command().id())).as("started twice: %s", s.command().id()).isTrue();
            }
            String result = switch (e) {
                case Event.AgentFinished r -> r.command();
                case Event.GateFinished r -> r.command();
                case Event.ReviewFinished r -> r.command();
                case Event.HumanAnswered r -> r.command();
                case Event.LeaderAnswered r -> r.command();
                case Event.DecisionRecorded r -> r.command();
                case Event.RunFinished r -> r.command();
                default -> null;
            };
            if (result != null) {
                assertThat(answered.add(result)).as("answered twice: %s", result).isTrue();
            }
        }
    }

    /** The files on the release branch; the date line of decision records is left out. */
    private static Map<String, String> release(Path dir) {
        String branch;
        try (Runs runs = Runs.open(dir, Clock.SYSTEM)) {
            branch = "synod/" + runs.resolve(Optional.empty());
        }
        try (GitRepository repo = GitRepository.openOrInit(dir)) {
            Map<String, String> files = new TreeMap<>();
            repo.read(repo.branch(branch).orElseThrow()).forEach((path, bytes) -> files.put(path,
                    new String(bytes, StandardCharsets.UTF_8).replaceAll("(?m)^- Date: .*$", "- Date: (left out)")));
            return files;
        }
    }

    private Path team(String name) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        for (String file : List.of("team.synod", "synod.yaml", "agents.yaml")) {
            try (InputStream in = CrashHarnessTest.class.getResourceAsStream("/crash/" + file)) {
                Files.write(dir.resolve(file), in.readAllBytes());
            }
        }
        return dir;
    }

    /** A {@code synod} process with its output in a file, so that a killed one's output can be read. */
    record Child(Process process, Path out) {
        static Child start(Path dir, String... args) throws IOException {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), SynodCli.class.getName()));
            command.addAll(List.of(args));
            Path out = Files.createTempFile(dir.getParent(), "child", ".out");
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).start();
            return new Child(p, out);
        }

        /** Kills the process with SIGKILL after {@code millis}, unless it ended first; true when killed. */
        boolean killAfter(long millis) throws InterruptedException {
            if (process.waitFor(millis, TimeUnit.MILLISECONDS)) {
                return false;
            }
            process.destroyForcibly();
            process.waitFor();
            return true;
        }

        int waitFor() throws InterruptedException {
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("synod finished within 120 s").isTrue();
            return process.exitValue();
        }

        String output() throws IOException {
            return Files.readString(out);
        }
    }
}
