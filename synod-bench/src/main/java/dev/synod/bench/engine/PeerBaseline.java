package dev.synod.bench.engine;

import dev.synod.bench.ModelResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Synod's side of the peer comparison ({@code synod-bench/peers/run.sh}): the raw SQLite commit,
 * the journal path and the whole engine at concurrency 1, each printed as one tab-separated
 * {@code result} line that the script reads next to the peers' own. It takes
 * {@link EngineBenchmark}'s options and measures exactly as that harness does ({@link RawCommits},
 * then one sequential run after another through {@link JournalDriver} and {@link EngineDriver});
 * what it adds is the mean, which the per-step comparison needs beside the median.
 */
public final class PeerBaseline {
    private PeerBaseline() {
    }

    public static void main(String[] args) throws Exception {
        Optional<HarnessOptions> parsed = HarnessOptions.parseOrExplain(args, System.err);
        if (parsed.isEmpty()) {
            System.exit(2);
            return;
        }
        HarnessOptions options = parsed.get();
        Path root = options.directory().isPresent() ? Files.createDirectories(options.directory().get())
                : Files.createTempDirectory("synod-peer-baseline");
        String response = ModelResponse.ofBytes(options.responseBytes());
        try {
            for (String part : new String[] {"raw", "journal", "engine"}) {
                if (options.parts().contains(part)) {
                    System.out.println(resultLine(part, measure(part, root.resolve(part), response, options)));
                }
            }
        } finally {
            if (options.directory().isEmpty()) {
                delete(root);
            }
        }
    }

    private static Measurement measure(String part, Path dir, String response, HarnessOptions options)
            throws Exception {
        Files.createDirectories(dir);
        if (part.equals("raw")) {
            return RawCommits.measure(dir.resolve("raw.db"), response, options.schedule(), Optional.empty());
        }
        StepRecorder recorder = new StepRecorder();
        try (RunDriver driver = part.equals("journal")
                ? new JournalDriver(dir, 1, options.stepsPerRun(), response, recorder)
                : new EngineDriver(dir, 1, options.stepsPerRun(), response, recorder)) {
            return ConcurrentRuns.measure(part, Shape.SEQ.label(), 1, driver, recorder, 1, options.schedule(), Optional.empty());
        }
    }

    /**
     * The line the peers script reads: {@code result}, the part, the number of samples, their mean
     * and nearest-rank median in microseconds, and the durability settings, separated by tabs. Both
     * {@link RawCommits} and the journal read their settings back and refuse to run without them.
     */
    static String resultLine(String part, Measurement m) {
        long[] nanos = m.latencies().clone();
        if (nanos.length == 0) {
            throw new IllegalStateException(part + " recorded no samples: lengthen --window or --iterations");
        }
        Arrays.sort(nanos);
        double mean = Arrays.stream(nanos).average().orElseThrow();
        return String.format(Locale.ROOT, "result\t%s\t%d\t%.1f\t%.1f\tjournal_mode=wal synchronous=FULL", part,
                nanos.length, mean / 1e3, Latencies.percentile(nanos, 50) / 1e3);
    }

    private static void delete(Path dir) throws java.io.IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
