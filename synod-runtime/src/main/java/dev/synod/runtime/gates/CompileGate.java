package dev.synod.runtime.gates;

import dev.synod.core.Event;
import dev.synod.runtime.config.SynodConfig;
import dev.synod.runtime.gates.internal.ClasspathEntries;
import dev.synod.runtime.gates.internal.ConsoleJar;
import dev.synod.runtime.gates.internal.JavaSources;
import dev.synod.runtime.gates.internal.Located;
import dev.synod.runtime.gates.internal.MavenClasspath;
import dev.synod.runtime.gates.internal.Scratch;
import dev.synod.runtime.gates.internal.WarmCompiler;
import dev.synod.runtime.sandbox.Sandbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code compile}: the Java sources of the tree compile (ARCHITECTURE.md §6). javac runs in
 * this process with {@code -proc:none} and {@code --release}, one warm compiler for every check
 * of the run; class files go to a scratch directory outside the tree, which is never written.
 *
 * <p>Which sources: a Maven layout compiles {@code src/main/java/**}, then {@code src/test/java/**}
 * against the main classes (unless {@code tests: false}), and the tests only when the main
 * sources compile, so that an agent sees the cause and not its echoes. Any other tree compiles
 * every {@code *.java} file in one compilation. A tree without Java sources passes.
 *
 * <p>The class path: {@code gates.compile.classpath} in {@code synod.yaml} when set (entries
 * relative to the tree or absolute, globs allowed); else, for a tree with a {@code pom.xml},
 * Maven's class path of that pom (every scope), computed offline inside the sandbox (no network,
 * {@code ~/.m2} read-only, a copy of the pom alone), once per SHA-256 of the pom, and kept under
 * {@code .synod/cache/classpath/}; else none for the main sources, and JUnit for the test sources
 * (the JUnit Platform console launcher's standalone jar that the {@code test} gate runs: Jupiter's
 * API and parameterized tests), so that a tree without a build file compiles the same tests the
 * {@code test} gate runs.
 *
 * <p>Settings, under {@code gates: { compile: { … } }}:
 * <ul>
 *   <li>{@code release}: the Java release to compile for, default 21;</li>
 *   <li>{@code classpath}: a list of jars, class directories or globs;</li>
 *   <li>{@code tests}: whether to compile {@code src/test/java}, default true;</li>
 *   <li>{@code maven}: the command that starts Maven for a {@code pom.xml}, default {@code mvn}.</li>
 * </ul>
 *
 * <p>Diagnostics are javac's errors as {@code path:line:col: error: message}, the path relative
 * to the tree; warnings are not reported. A class path that Maven cannot compute is an
 * {@code ERROR} verdict (not cached), with Maven's reasons.
 */
public final class CompileGate implements CacheableGate {
    /** Where a run directory keeps Maven's class paths, relative to the run directory. */
    public static final Path CLASSPATH_CACHE = Path.of(".synod", "cache", "classpath");

    private final Settings settings;
    private final WarmCompiler compiler = new WarmCompiler();
    private final MavenClasspath maven;

    /**
     * The settings of the gate.
     *
     * @param release   the {@code --release} to compile for
     * @param classpath entries from {@code synod.yaml}; when empty, a {@code pom.xml} decides
     * @param tests     whether to compile {@code src/test/java} after {@code src/main/java}
     * @param maven     the command that starts Maven
     */
    public record Settings(int release, List<String> classpath, boolean tests, List<String> maven) {
        public Settings {
            classpath = List.copyOf(classpath);
            maven = List.copyOf(maven);
        }

        /** The defaults: release 21, no class path of its own, tests compiled, {@code mvn} from the PATH. */
        public static Settings defaults() {
            return new Settings(21, List.of(), true, List.of("mvn"));
        }

        /** These settings with Maven started by {@code command} instead. */
        public Settings withMaven(List<String> command) {
            return new Settings(release, classpath, tests, command);
        }
    }

    /**
     * @param settings       how to compile
     * @param classpathCache where Maven's class paths are kept, by pom hash
     * @param sandbox        where Maven resolves a tree's (agent-written) {@code pom.xml}
     */
    public CompileGate(Settings settings, Path classpathCache, Sandbox sandbox) {
        this.settings = settings;
        this.maven = new MavenClasspath(settings.maven(), classpathCache, sandbox);
    }

    /**
     * The gate of a run directory, configured by its {@code synod.yaml}, with Maven in the
     * sandbox its {@code sandbox:} names; with {@code sandbox: none}, every unisolated Maven run
     * is said to {@code warnings}.
     */
    public static CompileGate configure(SynodConfig config, Path runDirectory, Consumer<String> warnings) {
        return new CompileGate(config.compile(), runDirectory.resolve(CLASSPATH_CACHE),
                Sandbox.forConfig(config.sandbox(), warnings));
    }

    @Override
    public String configuration() {
        // The JDK's version: the compiler is the running JDK's, and its verdicts are its own.
        return "compile release=" + settings.release() + " tests=" + settings.tests() + " classpath=" + settings.classpath()
                + " outside-tree=" + ClasspathEntries.describeAbsolute(settings.classpath()) + " maven=" + settings.maven()
                + " junit=" + ConsoleJar.shared().version() + " javac=" + Runtime.version();
    }

    @Override
    public Verdict check(Input input) throws InterruptedException {
        Path tree = input.tree().toAbsolutePath().normalize();
        JavaSources sources = JavaSources.of(tree, settings.tests());
        if (sources.isEmpty()) {
            return Verdict.pass();
        }
        List<Path> classpath;
        List<Path> testLibraries = List.of();
        if (!settings.classpath().isEmpty()) {
            classpath = ClasspathEntries.resolve(settings.classpath(), tree);
        } else if (Files.isRegularFile(tree.resolve("pom.xml"))) {
            switch (maven.classpath(tree.resolve("pom.xml"))) {
                case MavenClasspath.Outcome.Resolved r -> classpath = r.entries();
                case MavenClasspath.Outcome.Failed f -> {
                    return new Verdict(Event.Verdict.ERROR, f.diagnostics());
                }
            }
        } else {
            classpath = List.of();
            if (!sources.test().isEmpty()) {
                testLibraries = List.of(ConsoleJar.shared().path());
            }
        }
        try (Scratch out = Scratch.create("synod-compile-")) {
            Path mainClasses = Files.createDirectories(out.path().resolve("main"));
            List<Located> errors = compiler.compile(new WarmCompiler.Task(sources.main(), classpath, mainClasses,
                    settings.release()), tree);
            if (errors.isEmpty() && !sources.test().isEmpty()) {
                List<Path> testClasspath = new ArrayList<>();
                testClasspath.add(mainClasses);
                testClasspath.addAll(classpath);
                testClasspath.addAll(testLibraries);
                errors = compiler.compile(new WarmCompiler.Task(sources.test(), testClasspath,
                        Files.createDirectories(out.path().resolve("test")), settings.release()), tree);
            }
            return errors.isEmpty() ? Verdict.pass() : Verdict.fail(errors.stream().map(Located::format).toList());
        } catch (IOException e) {
            throw new UncheckedIOException("could not make a scratch directory for class files", e);
        }
    }
}
