package dev.synod.bench.engine;

import dev.synod.bench.ModelResponse;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The cost of durability, measured in one process on one disk:
 * <ol>
 *   <li>{@code raw} — {@link RawCommits}: one 4 KB row per SQLite commit, the floor;</li>
 *   <li>{@code journal} — {@link JournalDriver}: hand-off attempts through the interpreter and the
 *       SQLite journal alone, appended in the same batches as the engine appends them;</li>
 *   <li>{@code engine} — {@link EngineDriver}: the same attempts through the real engine, scratch
 *       directories and the git commit of each attempt included.</li>
 * </ol>
 * Above concurrency 1 each runs in two {@link Shape}s: one run with a {@code par} of N branches,
 * and N independent runs against the one journal. The whole sequence ({@link Case#round}) is
 * repeated {@code --rounds} times and pooled, so that slow phases of a shared machine fall on
 * every part alike. Each case gets a new directory; each figure is printed as it is measured.
 */
public final class EngineBenchmark {
    private final HarnessOptions options;
    private final Report report = new Report(System.out);

    private EngineBenchmark(HarnessOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Optional<HarnessOptions> parsed = HarnessOptions.parseOrExplain(args, System.err);
        if (parsed.isEmpty()) {
            System.exit(2);
            return;
        }
        HarnessOptions options = parsed.get();
        new EngineBenchmark(options).run();
    }

    private void run() throws Exception {
        Path root = options.directory().isPresent() ? Files.createDirectories(options.directory().get())
                : Files.createTempDirectory("synod-engine-bench");
        String response = ModelResponse.ofBytes(options.responseBytes());
        describeMachine(root);
        Map<String, Measurement> pooled = new LinkedHashMap<>();
        List<Map<String, Measurement>> rounds = new ArrayList<>();
        for (int round = 1; round <= options.rounds(); round++) {
            Map<String, Measurement> thisRound = new LinkedHashMap<>();
            for (Case c : Case.round(options)) {
                Path dir = root.resolve(c.directoryName(round));
                String name = c.directoryName(round);
                Optional<Path> profile = options.profile().map(p -> p.resolve(name + ".jfr"));
                Measurement m = measure(c, dir, response, profile);
                report.line(round, m, loadAverage());
                if (profile.isPresent()) {
                    Phases.print(System.out, Phases.read(profile.get()), m, profile.get());
                }
                thisRound.put(m.key(), m);
                pooled.merge(m.key(), m, Measurement::plus);
                delete(dir);
            }
            rounds.add(thisRound);
        }
        report.table(pooled.values());
        report.targets(pooled, rounds);
        if (options.directory().isEmpty()) {
            delete(root);
        }
    }

    private Measurement measure(Case c, Path dir, String response, Optional<Path> profile) throws Exception {
        if (c.part().equals("raw")) {
            Files.createDirectories(dir);
            return RawCommits.measure(dir.resolve("raw.db"), response, options.schedule(), profile);
        }
        StepRecorder recorder = new StepRecorder();
        int branches = c.shape().branches(c.concurrency());
        try (RunDriver driver = c.part().equals("journal")
                ? new JournalDriver(dir, branches, options.stepsPerRun(), response, recorder)
                : new EngineDriver(dir, branches, options.stepsPerRun(), response, recorder)) {
            return ConcurrentRuns.measure(c.part(), c.shape().label(), c.concurrency(), driver, recorder,
                    c.shape().runs(c.concurrency()), options.schedule(), profile);
        }
    }

    private void describeMachine(Path root) throws IOException {
        FileStore store = Files.getFileStore(root);
        System.out.printf("machine: %d processors, %s; java %s (%s)%n", Runtime.getRuntime().availableProcessors(),
                cpuModel().orElse(System.getProperty("os.arch")), System.getProperty("java.version"),
                System.getProperty("java.vm.name"));
        System.out.printf("disk: %s on %s (%s)%n", root, store.name(), store.type());
        System.out.printf("schedule: %d rounds; per case a warm-up of %ss, then %d windows of %ss; %d steps per run"
                        + " (per branch); %d-byte response%n%n", options.rounds(),
                options.schedule().warmup().toMillis() / 1000.0, options.schedule().iterations(),
                options.schedule().window().toMillis() / 1000.0, options.stepsPerRun(), options.responseBytes());
    }

    private static Optional<String> cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The 1, 5 and 15 minute load averages, where the system says them: other work on the machine shows here. */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).strip().split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    private void delete(Path dir) throws IOException {
        if (options.keep() || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
