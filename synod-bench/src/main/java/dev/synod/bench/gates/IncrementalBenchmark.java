package dev.synod.bench.gates;

import dev.synod.core.Event;
import dev.synod.core.Gate;
import dev.synod.runtime.gates.CompileGate;
import dev.synod.runtime.gates.internal.ConsoleJar;
import dev.synod.runtime.sandbox.Sandbox;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The incremental {@code compile} gate beside a compilation from scratch and a forked javac, in
 * one run, on two trees: Apache Commons Lang 3.17.0's sources (249 files, 97,600 lines; the
 * sources jar from the local Maven repository, else from Maven Central) and the generated module
 * of {@link GateBenchmark} (its pom left out, so no Maven is needed: the tests compile against
 * the JUnit jar the gate brings). For each tree:
 * <ul>
 *   <li>{@code full gate}: a gate that keeps nothing, warm, on the unchanged tree;</li>
 *   <li>{@code one-file body change}: the incremental gate after a statement is added to one
 *       method's body (a new value each time, so that every check sees a tree it has not seen);</li>
 *   <li>{@code public signature change}: the incremental gate after a public method of a class
 *       that other files use changes its parameter type ({@code Validate}, named by 19 other
 *       files of Commons Lang), which recompiles every file that uses the class;</li>
 *   <li>{@code javac (forked)}: a fresh javac process on every source, with the gate's options.</li>
 * </ul>
 * Every sample checks that the gate passed, and the incremental ones that they compiled
 * incrementally, so a fall back cannot pass for a fast figure.
 */
public final class IncrementalBenchmark {
    private static final String LANG = "org/apache/commons/commons-lang3/3.17.0/commons-lang3-3.17.0-sources.jar";
    private static final String CENTRAL = "https://repo1.maven.org/maven2/";

    private final Samples samples = new Samples();
    private int edits;

    public static void main(String[] args) throws Exception {
        int rounds = args.length == 2 && args[0].equals("--rounds") ? Integer.parseInt(args[1]) : 2;
        Path root = Files.createTempDirectory("synod-incremental-bench");
        try {
            new IncrementalBenchmark().run(root, rounds);
        } finally {
            GateBenchmark.delete(root);
        }
    }

    /** A tree and the edits measured on it. */
    private record Subject(String name, Path tree, Path bodyFile, String bodyAnchor, Path apiFile, String classpath) {
    }

    private void run(Path root, int rounds) throws Exception {
        Path lang = root.resolve("commons-lang/src/main/java");
        int files = unpack(langSources(), lang);
        Path module = root.resolve("module");
        GeneratedModule.write(module);
        Files.delete(module.resolve("pom.xml"));
        System.out.printf(Locale.ROOT, "Commons Lang 3.17.0: %d Java files; JDK %s, %d processors%n", files, Runtime.version(),
                Runtime.getRuntime().availableProcessors());
        String dir = GeneratedModule.PACKAGE.replace('.', '/');
        List<Subject> subjects = List.of(
                new Subject("Commons Lang", root.resolve("commons-lang"), lang.resolve("org/apache/commons/lang3/CharUtils.java"),
                        "    public static boolean isAscii(final char ch) {\n", lang.resolve("org/apache/commons/lang3/Validate.java"), ""),
                new Subject("generated module", module, module.resolve("src/main/java/" + dir + "/Part3.java"),
                        "        lines.add(new Line(sku, quantity, cents));\n", module.resolve("src/main/java/" + dir + "/Part1.java"),
                        ConsoleJar.shared().path().toString()));
        Sandbox sandbox = Sandbox.create(Sandbox.Mode.BWRAP, System.getenv(), warning -> { });
        CompileGate full = new CompileGate(CompileGate.Settings.defaults(), root.resolve("cache"), sandbox, false);
        // One incremental gate per tree: a gate keeps its last four trees, and each tree continues from its own.
        Map<String, CompileGate> incremental = new LinkedHashMap<>();
        for (Subject s : subjects) {
            CompileGate gate = new CompileGate(CompileGate.Settings.defaults(), root.resolve("cache"), sandbox);
            expect(gate.checkAndReport(input(s)), CompileGate.Compilation.FULL);
            incremental.put(s.name(), gate);
        }
        Map<Path, String> originals = new LinkedHashMap<>();
        for (Subject s : subjects) {
            originals.put(s.bodyFile(), Files.readString(s.bodyFile()));
            originals.put(s.apiFile(), Files.readString(s.apiFile()));
        }
        // javac's own code needs many compilations before the JIT has compiled its hot paths.
        for (int i = 0; i < 3; i++) {
            for (Subject s : subjects) {
                expect(full.checkAndReport(input(s)), CompileGate.Compilation.FULL);
                bodyChange(s, originals, incremental.get(s.name()));
                signatureChange(s, originals, incremental.get(s.name()));
            }
        }
        for (int round = 1; round <= rounds; round++) {
            System.out.printf(Locale.ROOT, "round %d of %d%n", round, rounds);
            for (Subject s : subjects) {
                samples.time(s.name() + ": full gate", 3, () -> expect(full.checkAndReport(input(s)), CompileGate.Compilation.FULL));
                samples.time(s.name() + ": one-file body change", 10, () -> bodyChange(s, originals, incremental.get(s.name())));
                samples.time(s.name() + ": public signature change", 5, () -> signatureChange(s, originals, incremental.get(s.name())));
                samples.time(s.name() + ": javac (forked)", 2, () -> GateBenchmark.forkedJavac(s.tree(), s.classpath()));
            }
        }
        report(subjects);
    }

    private static Gate.Input input(Subject s) {
        return new Gate.Input(s.tree(), null, List.of("**"));
    }

    /** A statement with a new value in one method's body; the file's API is as before. */
    private void bodyChange(Subject s, Map<Path, String> originals, CompileGate gate) throws Exception {
        String text = originals.get(s.bodyFile());
        if (!text.contains(s.bodyAnchor())) {
            throw new IllegalStateException("the method to change is not in " + s.bodyFile());
        }
        int value = ++edits;
        Files.writeString(s.bodyFile(), text.replace(s.bodyAnchor(), s.bodyAnchor().endsWith("{\n")
                ? s.bodyAnchor() + "        final int bench = " + value + ";\n"
                : "        final int bench = " + value + ";\n" + s.bodyAnchor()));
        String reason = expect(gate.checkAndReport(input(s)), CompileGate.Compilation.INCREMENTAL);
        note(s.name() + ": one-file body change", reason);
    }

    /** A public method whose parameter type alternates between int and long, with a new value each time. */
    private void signatureChange(Subject s, Map<Path, String> originals, CompileGate gate) throws Exception {
        String text = originals.get(s.apiFile());
        int value = ++edits;
        String type = value % 2 == 0 ? "int" : "long";
        int end = text.lastIndexOf('}');
        Files.writeString(s.apiFile(), text.substring(0, end) + "    public static long synodBench(final " + type + " x) {\n"
                + "        return x + " + value + ";\n    }\n" + text.substring(end));
        String reason = expect(gate.checkAndReport(input(s)), CompileGate.Compilation.INCREMENTAL);
        note(s.name() + ": public signature change", reason);
    }

    private final Map<String, String> reasons = new LinkedHashMap<>();

    private void note(String name, String reason) {
        reasons.put(name, reason);
    }

    /** Checks the verdict passed and the first unit (the main sources) was compiled as expected; returns why. */
    private static String expect(CompileGate.Report report, CompileGate.Compilation mode) {
        if (report.verdict().kind() != Event.Verdict.PASS) {
            throw new IllegalStateException("the compile gate did not pass: " + report.verdict().diagnostics());
        }
        CompileGate.UnitReport main = report.units().getFirst();
        if (main.mode() != mode) {
            throw new IllegalStateException("expected the main sources compiled " + mode + ", found " + main);
        }
        return main.reason();
    }

    private void report(List<Subject> subjects) {
        System.out.println();
        System.out.println("| tree | what | samples | p50 ms | p10–p90 ms | recompiled |");
        System.out.println("|---|---|---:|---:|---:|---|");
        samples.forEach((name, s) -> {
            String[] parts = name.split(": ", 2);
            System.out.printf(Locale.ROOT, "| %s | %s | %d | %.0f | %.0f–%.0f | %s |%n", parts[0], parts[1], s.count(), s.p50(),
                    s.p10(), s.p90(), reasons.getOrDefault(name, ""));
        });
        System.out.println();
        for (Subject subject : subjects) {
            double fullGate = p50(subject.name() + ": full gate");
            System.out.printf(Locale.ROOT, "%s: one-file change / full gate (p50): %.3f (target under 0.1 on Commons Lang); "
                            + "signature change / full gate: %.3f; forked javac / full gate: %.2f%n", subject.name(),
                    p50(subject.name() + ": one-file body change") / fullGate,
                    p50(subject.name() + ": public signature change") / fullGate,
                    p50(subject.name() + ": javac (forked)") / fullGate);
        }
    }

    private double p50(String name) {
        return samples.spread(name).p50();
    }

    /** The sources jar: from the local Maven repository, else downloaded from Maven Central. */
    private static Path langSources() throws IOException, InterruptedException {
        Path local = Path.of(System.getProperty("user.home"), ".m2", "repository").resolve(LANG);
        if (Files.isRegularFile(local)) {
            return local;
        }
        Path download = Files.createTempFile("commons-lang3-sources", ".jar");
        download.toFile().deleteOnExit();
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<Path> response = http.send(HttpRequest.newBuilder(URI.create(CENTRAL + LANG)).build(),
                    HttpResponse.BodyHandlers.ofFile(download));
            if (response.statusCode() != 200) {
                throw new IOException("expected the Commons Lang sources jar from " + CENTRAL + LANG + ", found HTTP "
                        + response.statusCode());
            }
        }
        return download;
    }

    /** The jar's Java files under {@code dir}; returns how many. */
    private static int unpack(Path jar, Path dir) throws IOException {
        int count = 0;
        try (InputStream in = Files.newInputStream(jar); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                if (e.isDirectory() || !e.getName().endsWith(".java")) {
                    continue;
                }
                Path target = dir.resolve(e.getName()).normalize();
                if (!target.startsWith(dir)) {
                    throw new IOException("the jar's entry " + e.getName() + " lies outside the directory it is unpacked to");
                }
                Files.createDirectories(target.getParent());
                Files.copy(zip, target);
                count++;
            }
        }
        return count;
    }
}
