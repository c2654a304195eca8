package dev.synod.bench.gates;

import dev.synod.core.Event;
import dev.synod.core.Gate;
import dev.synod.runtime.config.GateSettings;
import dev.synod.runtime.gates.CompileGate;
import dev.synod.runtime.gates.GateLimits;
import dev.synod.runtime.gates.TestGate;
import dev.synod.runtime.gates.VerdictCache;
import dev.synod.runtime.gates.internal.ConsoleJar;
import dev.synod.runtime.sandbox.Sandbox;
import dev.synod.runtime.workspace.GitRepository;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The {@code compile} gate side by side with its alternatives, on one generated module
 * ({@link GeneratedModule}: about a thousand lines in ten files, twenty JUnit tests, a
 * {@code pom.xml}), in one run:
 * <ul>
 *   <li>{@code compile gate}: {@link CompileGate#check} in this process, warm (after
 *       {@value #WARMUP} warm-up checks), class path from the pom (computed by Maven once, before the measurement, and
 *       reported on its own): main sources, then tests;</li>
 *   <li>{@code javac forked}: a fresh {@code javac} process of the same JDK on the same ten files,
 *       with the same options and class path, in one compilation (less work than the gate's two);</li>
 *   <li>{@code mvn -o -q compile}: Maven from a clean {@code target/}, as on a fresh checkout;</li>
 *   <li>{@code cached verdict}: what the engine does before a gate runs: the commit's tree id
 *       from git, the gate's configuration, and the lookup in the {@link VerdictCache}, a hit;</li>
 *   <li>{@code mvn -o -q test}: the baseline for the {@code test} gate, from a clean
 *       {@code target/};</li>
 *   <li>{@code test gate}: the warm {@code test} gate, JUnit forked in the sandbox
 *       ({@link #measureTestGate}).</li>
 * </ul>
 * Each round measures every part in turn, so slow phases of a shared machine fall on all of
 * them; the samples of all rounds are pooled. Every sample checks its own result (the gate
 * passes, javac and Maven exit 0), so a broken setup cannot report fast figures.
 */
public final class GateBenchmark {
    private static final String USAGE = """
            usage: java -cp benchmarks.jar dev.synod.bench.gates.GateBenchmark [options]
              --rounds N     repeat every measurement N times, interleaved, and pool them (default: 3)
              --maven PATH   the Maven to compare with and to compute the class path (default: the mvnw of
                             the Synod checkout above the current directory, else mvn on the PATH)
              --dir DIR      where to generate the module (default: a new temporary directory, deleted after)""";

    private static final int WARMUP = 40;

    private final int rounds;
    private final List<String> maven;
    private final Path root;
    private final Samples samples = new Samples();

    private GateBenchmark(int rounds, List<String> maven, Path root) {
        this.rounds = rounds;
        this.maven = maven;
        this.root = root;
    }

    public static void main(String[] args) throws Exception {
        int rounds = 3;
        Optional<Path> mavenPath = Optional.empty();
        Optional<Path> dir = Optional.empty();
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--rounds" -> rounds = Integer.parseInt(value(args, ++i));
                    case "--maven" -> mavenPath = Optional.of(Path.of(value(args, ++i)));
                    case "--dir" -> dir = Optional.of(Path.of(value(args, ++i)));
                    default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
                }
            }
            if (rounds < 1) {
                throw new IllegalArgumentException("--rounds must be at least 1, found " + rounds);
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        Path root = dir.isPresent() ? Files.createDirectories(dir.get()) : Files.createTempDirectory("synod-gate-bench");
        List<String> maven = List.of(mavenPath.orElseGet(GateBenchmark::defaultMaven).toAbsolutePath().toString());
        try {
            new GateBenchmark(rounds, maven, root).run();
        } finally {
            if (dir.isEmpty()) {
                delete(root);
            }
        }
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    private static Path defaultMaven() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isExecutable(d.resolve("mvnw")) && Files.isDirectory(d.resolve(".mvn"))) {
                return d.resolve("mvnw");
            }
        }
        return Path.of("mvn");
    }

    private void run() throws Exception {
        Path module = root.resolve("module");
        int lines = GeneratedModule.write(module);
        System.out.printf(Locale.ROOT, "module: %d Java files, %d lines, 20 JUnit tests, in %s%n",
                GeneratedModule.PARTS + 2, lines, module);
        System.out.printf(Locale.ROOT, "JDK %s, %d processors, Maven %s%n", Runtime.version(),
                Runtime.getRuntime().availableProcessors(), String.join(" ", maven));

        CompileGate.Settings d = CompileGate.Settings.defaults();
        CompileGate gate = new CompileGate(d.withMaven(maven), root.resolve("classpath-cache"),
                Sandbox.create(Sandbox.Mode.BWRAP, System.getenv(), warning -> { }));
        Gate.Input input = new Gate.Input(module, null, List.of("src/**"));
        long start = System.nanoTime();
        expectPass(gate.check(input));
        System.out.printf(Locale.ROOT, "first compile gate check, with the class path from Maven: %.0f ms%n",
                (System.nanoTime() - start) / 1e6);
        // javac's own code needs many compilations before the JIT has compiled its hot paths.
        for (int i = 0; i < WARMUP; i++) {
            expectPass(gate.check(input));
        }
        String classpath = keptClasspath(root.resolve("classpath-cache"));

        Path repoDir = root.resolve("repository");
        GeneratedModule.write(repoDir);
        try (GitRepository repo = GitRepository.openOrInit(repoDir)) {
            String commit = repo.head();
            VerdictCache cache = VerdictCache.in(root.resolve("verdicts"));
            VerdictCache.Key stored = VerdictCache.key(gate, "compile", null, input.globs(), () -> repo.tree(commit)).orElseThrow();
            cache.store(stored, Gate.Verdict.pass());
            for (int round = 1; round <= rounds; round++) {
                System.out.printf(Locale.ROOT, "round %d of %d (load average %s)%n", round, rounds, loadAverage());
                samples.time("compile gate (warm, in process)", 20, () -> expectPass(gate.check(input)));
                samples.time("javac (forked)", 5, () -> forkedJavac(module, classpath));
                samples.time("mvn -o -q compile", 3, () -> maven(module, "compile"));
                samples.time("cached verdict (tree id, configuration, lookup)", 2_000, () -> {
                    VerdictCache.Key key = VerdictCache.key(gate, "compile", null, input.globs(), () -> repo.tree(commit))
                            .orElseThrow();
                    if (cache.find(key).isEmpty()) {
                        throw new IllegalStateException("the cached verdict was not found");
                    }
                });
                samples.time("mvn -o -q test", 2, () -> maven(module, "test"));
                measureTestGate(module);
            }
        }
        report();
    }

    private TestGate testGate;

    /**
     * The warm {@code test} gate on {@code module}: its in-process compilation of main and test
     * sources, then JUnit in a forked JVM inside the bubblewrap sandbox (as in a run), beside the
     * {@code mvn -o -q test} baseline above.
     */
    private void measureTestGate(Path module) throws Exception {
        if (testGate == null) {
            testGate = new TestGate(Sandbox.create(Sandbox.Mode.BWRAP, System.getenv(), warning -> { }),
                    GateLimits.of("test", GateSettings.DEFAULTS), new ConsoleJar());
            expectPass(testGate.check(new Gate.Input(module, null, List.of("src/**"))));
        }
        samples.time("test gate (in-process compile, forked JUnit, sandboxed)", 3,
                () -> expectPass(testGate.check(new Gate.Input(module, null, List.of("src/**")))));
    }

    private static void expectPass(Gate.Verdict verdict) {
        if (verdict.kind() != Event.Verdict.PASS) {
            throw new IllegalStateException("the compile gate did not pass the generated module: " + verdict.diagnostics());
        }
    }

    private static String keptClasspath(Path cache) throws IOException {
        try (Stream<Path> files = Files.list(cache)) {
            Path kept = files.filter(p -> p.toString().endsWith(".classpath")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("Maven's class path was not kept in " + cache));
            return Files.readString(kept, StandardCharsets.UTF_8).strip();
        }
    }

    /** A fresh javac of the same JDK, with the gate's options, on the same files. */
    static void forkedJavac(Path module, String classpath) throws Exception {
        Path out = Files.createTempDirectory("synod-bench-javac");
        try {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "javac").toString(),
                    "-proc:none", "--release", "21", "-encoding", "UTF-8", "-implicit:none", "-nowarn", "-Xlint:none",
                    "-d", out.toString(), "-cp", classpath));
            try (Stream<Path> files = Files.walk(module.resolve("src"))) {
                files.filter(p -> p.toString().endsWith(".java")).sorted().forEach(p -> command.add(p.toString()));
            }
            run(command, module);
        } finally {
            delete(out);
        }
    }

    /** Maven from a clean {@code target/}, so that it compiles as on a fresh checkout. */
    private void maven(Path module, String phase) throws Exception {
        delete(module.resolve("target"));
        List<String> command = new ArrayList<>(maven);
        command.addAll(List.of("-o", "-q", "-B", "-f", module.resolve("pom.xml").toString(), phase));
        run(command, module);
    }

    private static void run(List<String> command, Path dir) throws Exception {
        Path log = Files.createTempFile("synod-bench", ".log");
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + String.join(" ", command));
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("exit status " + process.exitValue() + " from " + String.join(" ", command)
                        + ":\n" + Files.readString(log));
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private void report() {
        System.out.println();
        System.out.println("| what | samples | p50 ms | p10–p90 ms | min–max ms |");
        System.out.println("|---|---:|---:|---:|---:|");
        Map<String, Spread> spreads = new LinkedHashMap<>();
        samples.forEach((name, s) -> {
            spreads.put(name, s);
            System.out.printf(Locale.ROOT, "| %s | %d | %s | %s–%s | %s–%s |%n", name, s.count(), ms(s.p50()), ms(s.p10()),
                    ms(s.p90()), ms(s.min()), ms(s.max()));
        });
        Spread gate = spreads.get("compile gate (warm, in process)");
        System.out.println();
        System.out.printf(Locale.ROOT, "forked javac / compile gate (p50): %.1f× (target at least 5×)%n",
                spreads.get("javac (forked)").p50() / gate.p50());
        System.out.printf(Locale.ROOT, "mvn -o -q compile / compile gate (p50): %.1f× (target at least 20×)%n",
                spreads.get("mvn -o -q compile").p50() / gate.p50());
        System.out.printf(Locale.ROOT, "mvn -o -q test / test gate (p50): %.1f× (target at least 5×)%n",
                spreads.get("mvn -o -q test").p50() / spreads.get("test gate (in-process compile, forked JUnit, sandboxed)").p50());
        System.out.printf(Locale.ROOT, "cached verdict p50: %.3f ms, p90 %.3f ms (target under 5 ms)%n",
                spreads.get("cached verdict (tree id, configuration, lookup)").p50(),
                spreads.get("cached verdict (tree id, configuration, lookup)").p90());
    }

    /** Milliseconds with three significant digits at least, as the tables in docs/benchmarks.md give them. */
    private static String ms(double millis) {
        return millis >= 100 ? String.format(Locale.ROOT, "%,.0f", millis)
                : millis >= 10 ? String.format(Locale.ROOT, "%.1f", millis)
                : millis >= 1 ? String.format(Locale.ROOT, "%.2f", millis) : String.format(Locale.ROOT, "%.3f", millis);
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
