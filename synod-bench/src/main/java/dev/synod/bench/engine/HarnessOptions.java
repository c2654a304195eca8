package dev.synod.bench.engine;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The command line of {@link EngineBenchmark}.
 *
 * @param directory   where the databases and repositories go; empty for a new temporary directory
 * @param parts       which parts to run, of {@code raw}, {@code journal}, {@code engine}
 * @param concurrency the concurrencies of the journal and engine parts
 * @param shapes      how concurrency above 1 is made ({@link Shape})
 * @param rounds      how many times the whole sequence of measurements is repeated, interleaved
 * @param stepsPerRun hand-offs per run (per branch, for {@link Shape#PAR})
 * @param keep        keep the files of each case instead of deleting them (a directory given by {@code --dir}
 *                    itself is never deleted)
 * @param profile     where to write a JFR recording of each case's windows ({@code CASE.jfr}) and whose
 *                    CPU samples to print by phase ({@link Phases}); empty for none
 */
record HarnessOptions(Optional<Path> directory, Set<String> parts, List<Integer> concurrency, List<Shape> shapes,
                      int rounds, Schedule schedule, int stepsPerRun, int responseBytes, boolean keep,
                      Optional<Path> profile) {
    static final String USAGE = """
            usage: java -cp benchmarks.jar dev.synod.bench.engine.EngineBenchmark [options]
              --dir DIR            where to put the databases (default: a new directory under java.io.tmpdir)
              --parts LIST         of raw, journal, engine (default: all three)
              --concurrency LIST   steps in flight for journal and engine (default: 1,8,64)
              --shapes LIST        of par (one run, a par of N branches), runs (N runs at once) (default: par,runs)
              --rounds N           repeat everything N times, interleaved, and pool the results (default: 3)
              --warmup SECONDS     unrecorded time before the windows, per part and concurrency (default: 5)
              --iterations N       measurement windows per round (default: 4)
              --window SECONDS     length of a window (default: 4)
              --steps-per-run N    hand-offs in each run (default: 20)
              --response-bytes N   size of the agent's response (default: 4096)
              --keep               keep the files afterwards
              --profile DIR        record each case's windows with JFR into DIR/CASE.jfr and print its CPU by phase""";

    /**
     * Parses {@code args}.
     *
     * @throws IllegalArgumentException with a message that names the bad argument
     */
    static HarnessOptions parse(String... args) {
        Optional<Path> directory = Optional.empty();
        Set<String> parts = Set.of("raw", "journal", "engine");
        List<Integer> concurrency = List.of(1, 8, 64);
        List<Shape> shapes = List.of(Shape.PAR, Shape.RUNS);
        int rounds = 3;
        double warmup = 5;
        int iterations = 4;
        double window = 4;
        int stepsPerRun = 20;
        int responseBytes = 4096;
        boolean keep = false;
        Optional<Path> profile = Optional.empty();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--keep")) {
                keep = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("expected a value after " + arg);
            }
            String value = args[++i];
            switch (arg) {
                case "--dir" -> directory = Optional.of(Path.of(value));
                case "--parts" -> parts = parts(value);
                case "--concurrency" -> concurrency = Arrays.stream(value.split(",")).map(v -> positive(arg, v)).toList();
                case "--shapes" -> shapes = Arrays.stream(value.split(",")).map(HarnessOptions::shape).toList();
                case "--rounds" -> rounds = positive(arg, value);
                case "--warmup" -> warmup = Double.parseDouble(value);
                case "--iterations" -> iterations = positive(arg, value);
                case "--window" -> window = Double.parseDouble(value);
                case "--steps-per-run" -> stepsPerRun = positive(arg, value);
                case "--response-bytes" -> responseBytes = positive(arg, value);
                case "--profile" -> profile = Optional.of(Path.of(value));
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        return new HarnessOptions(directory, parts, concurrency, shapes, rounds,
                new Schedule(seconds(warmup), iterations, seconds(window)), stepsPerRun, responseBytes, keep, profile);
    }

    /**
     * Parses {@code args} for a {@code main}: a bad argument is written to {@code err} with the
     * usage, and the caller exits with status 2 on an empty result.
     */
    static Optional<HarnessOptions> parseOrExplain(String[] args, PrintStream err) {
        try {
            return Optional.of(parse(args));
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return Optional.empty();
        }
    }

    private static Set<String> parts(String value) {
        Set<String> parts = Set.of(value.split(","));
        for (String p : parts) {
            if (!Set.of("raw", "journal", "engine").contains(p)) {
                throw new IllegalArgumentException("--parts expects raw, journal or engine, found " + p);
            }
        }
        return parts;
    }

    private static Shape shape(String value) {
        return switch (value.strip()) {
            case "par" -> Shape.PAR;
            case "runs" -> Shape.RUNS;
            default -> throw new IllegalArgumentException("--shapes expects par or runs, found " + value);
        };
    }

    private static int positive(String option, String value) {
        int n = Integer.parseInt(value.strip());
        if (n < 1) {
            throw new IllegalArgumentException(option + " expects a positive number, found " + value);
        }
        return n;
    }

    private static Duration seconds(double seconds) {
        return Duration.ofNanos((long) (seconds * 1e9));
    }
}
