package dev.synod.runtime.gates;

import dev.synod.core.Event;
import dev.synod.runtime.config.SynodConfig;
import dev.synod.runtime.gates.internal.ApiDelta;
import dev.synod.runtime.gates.internal.ClasspathEntries;
import dev.synod.runtime.gates.internal.CompiledTrees;
import dev.synod.runtime.gates.internal.Hashing;
import dev.synod.runtime.gates.internal.IncrementalCompiler;
import dev.synod.runtime.gates.internal.JavaFiles;
import dev.synod.runtime.gates.internal.Reactor;
import dev.synod.runtime.gates.internal.UnitState;
import dev.synod.runtime.gates.internal.ConsoleJar;
import dev.synod.runtime.gates.internal.JavaSources;
import dev.synod.runtime.gates.internal.Located;
import dev.synod.runtime.gates.internal.MavenClasspath;
import dev.synod.runtime.gates.internal.WarmCompiler;
import dev.synod.runtime.sandbox.Sandbox;
import java.io.IOException;
import java.lang.ref.Cleaner;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * <p>A {@code pom.xml} with {@code <modules>} is a reactor ({@link Reactor}): its modules compile
 * in build order, each module's main sources against the class files of the modules it depends
 * on and their class paths, then its tests; each module's class path comes from Maven once per
 * SHA-256 of the module's pom (less its dependencies on other modules) and the reactor's pom.
 *
 * <p>Compilation is incremental ({@link IncrementalCompiler}): the gate keeps the units of the
 * last {@value #KEPT_TREES} trees it compiled and continues from the one sharing the most
 * unchanged sources, recompiling the changed sources and those depending on a changed API, and
 * compiling from scratch whenever the result could differ from a compilation from scratch's, and
 * on every error, so that verdicts and diagnostics are always a compilation from scratch's.
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

    /** How many compiled trees a gate keeps to continue from. */
    private static final int KEPT_TREES = 4;
    /** Releases a gate's kept class files when the gate is no longer reachable, before the JVM exits. */
    private static final Cleaner CLEANER = Cleaner.create();

    private final Settings settings;
    private final IncrementalCompiler units = new IncrementalCompiler(new WarmCompiler());
    private final CompiledTrees trees = new CompiledTrees(KEPT_TREES);
    private final boolean incremental;
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
        this(settings, classpathCache, sandbox, true);
    }

    /**
     * @param incremental whether to continue from the trees compiled before; without, every
     *                    check compiles from scratch (for comparisons: the verdicts are the same)
     */
    public CompileGate(Settings settings, Path classpathCache, Sandbox sandbox, boolean incremental) {
        this.settings = settings;
        this.incremental = incremental;
        CLEANER.register(this, trees::clear);
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
        return checkAndReport(input).verdict();
    }

    /**
     * How one unit was compiled: {@code main}, {@code test}, or {@code <module>/main} and
     * {@code <module>/test} in a reactor.
     *
     * @param mode   from scratch, incrementally, or not at all (nothing it depends on changed)
     * @param reason why it was compiled that way
     */
    public record UnitReport(String unit, Compilation mode, String reason) {
    }

    /** How a unit was compiled. */
    public enum Compilation {
        /** from scratch, all its sources */
        FULL,
        /** its changed sources and those depending on a changed API, against its earlier classes */
        INCREMENTAL,
        /** not at all: its sources and what it compiles against are as before */
        UNCHANGED
    }

    /** A verdict, with how each unit that compiled was compiled, for tests and benchmarks. */
    public record Report(Verdict verdict, List<UnitReport> units) {
        public Report {
            units = List.copyOf(units);
        }
    }

    /** {@link #check}, saying how each unit was compiled. */
    public Report checkAndReport(Input input) throws InterruptedException {
        Path tree = input.tree().toAbsolutePath().normalize();
        Plan plan;
        try {
            plan = plan(tree);
        } catch (Reactor.Invalid e) {
            return new Report(new Verdict(Event.Verdict.ERROR, List.of(e.getMessage())), List.of());
        }
        if (plan.error() != null) {
            return new Report(plan.error(), List.of());
        }
        Map<String, String> hashes = new HashMap<>();
        for (PlannedUnit unit : plan.units()) {
            for (Path source : unit.sources()) {
                hashes.put(tree.relativize(source).toString().replace('\\', '/'), hash(source));
            }
        }
        Map<String, UnitState> base = incremental ? trees.closest(hashes) : Map.of();
        Map<String, UnitState> done = new LinkedHashMap<>();
        Map<String, ApiDelta> deltas = new HashMap<>();
        List<UnitReport> reports = new ArrayList<>();
        Verdict verdict = Verdict.pass();
        try {
            for (PlannedUnit unit : plan.units()) {
                if (unit.sources().isEmpty()) {
                    continue;
                }
                List<String> upstream = unit.upstream().stream().filter(done::containsKey).toList();
                ApiDelta delta = ApiDelta.NONE;
                for (String key : upstream) {
                    delta = delta.and(deltas.get(key));
                }
                IncrementalCompiler.Unit task = new IncrementalCompiler.Unit(unit.sources(),
                        upstream.stream().map(k -> done.get(k).dir().path()).toList(), unit.classpath(), settings.release(),
                        String.join(",", upstream));
                switch (units.compile(task, tree, base.get(unit.key()), delta)) {
                    case IncrementalCompiler.Outcome.Failed f -> verdict = Verdict.fail(f.errors().stream().map(Located::format).toList());
                    case IncrementalCompiler.Outcome.Compiled c -> {
                        done.put(unit.key(), c.state());
                        deltas.put(unit.key(), c.delta());
                        reports.add(new UnitReport(unit.key(), Compilation.valueOf(c.mode().name()), c.reason()));
                    }
                }
                if (verdict.kind() != Event.Verdict.PASS) {
                    break;
                }
            }
        } finally {
            CompiledTrees.release(base);
            if (incremental && !done.isEmpty()) {
                trees.keep(done);
            } else {
                CompiledTrees.release(done);
            }
        }
        return new Report(verdict, reports);
    }

    /** A unit to compile: its sources, the units it compiles against (by key), and its class path. */
    private record PlannedUnit(String key, List<Path> sources, List<String> upstream, List<Path> classpath) {
    }

    /** The units of a tree in the order they compile, or the verdict that stopped planning. */
    private record Plan(List<PlannedUnit> units, Verdict error) {
        static Plan failed(Verdict error) {
            return new Plan(List.of(), error);
        }
    }

    private Plan plan(Path tree) throws InterruptedException, Reactor.Invalid {
        Path pom = tree.resolve("pom.xml");
        boolean maven = settings.classpath().isEmpty() && Files.isRegularFile(pom);
        if (maven) {
            Optional<Reactor> reactor = Reactor.of(pom);
            if (reactor.isPresent()) {
                return reactorPlan(tree, pom, reactor.get());
            }
        }
        JavaSources sources = JavaSources.of(tree, settings.tests());
        if (sources.isEmpty()) {
            return new Plan(List.of(), null);
        }
        List<Path> classpath;
        List<Path> testLibraries = List.of();
        if (!settings.classpath().isEmpty()) {
            classpath = ClasspathEntries.resolve(settings.classpath(), tree);
        } else if (maven) {
            switch (this.maven.classpath(pom)) {
                case MavenClasspath.Outcome.Resolved r -> classpath = r.entries();
                case MavenClasspath.Outcome.Failed f -> {
                    return Plan.failed(new Verdict(Event.Verdict.ERROR, f.diagnostics()));
                }
            }
        } else {
            classpath = List.of();
            if (!sources.test().isEmpty()) {
                testLibraries = List.of(ConsoleJar.shared().path());
            }
        }
        List<Path> testClasspath = new ArrayList<>(classpath);
        testClasspath.addAll(testLibraries);
        return new Plan(List.of(new PlannedUnit("main", sources.main(), List.of(), classpath),
                new PlannedUnit("test", sources.test(), List.of("main"), testClasspath)), null);
    }

    /**
     * A reactor's units: each module's main sources against the class files of the modules they
     * depend on and the class paths Maven gives those modules, then its test sources against its
     * own main classes as well. A module's class path comes from its pom without its dependencies
     * on other modules (which the local repository does not hold), with the reactor's pom as its
     * parent.
     */
    private Plan reactorPlan(Path tree, Path pom, Reactor reactor) throws InterruptedException {
        byte[] parent;
        try {
            parent = Files.readAllBytes(pom);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + pom, e);
        }
        Map<String, List<Path>> resolved = new HashMap<>();
        List<PlannedUnit> planned = new ArrayList<>();
        for (Reactor.Module module : reactor.modules()) {
            switch (maven.classpath(module.resolving(), parent)) {
                case MavenClasspath.Outcome.Resolved r -> resolved.put(module.dir(), r.entries());
                case MavenClasspath.Outcome.Failed f -> {
                    return Plan.failed(new Verdict(Event.Verdict.ERROR, f.diagnostics().stream()
                            .map(d -> d.startsWith("pom.xml:") ? module.dir() + "/" + d : d).toList()));
                }
            }
            Path dir = tree.resolve(module.dir());
            LinkedHashSet<Path> mainClasspath = new LinkedHashSet<>(resolved.get(module.dir()));
            module.main().forEach(d -> mainClasspath.addAll(resolved.get(d)));
            LinkedHashSet<Path> testClasspath = new LinkedHashSet<>(mainClasspath);
            module.test().forEach(d -> testClasspath.addAll(resolved.get(d)));
            List<String> mainUpstream = module.main().stream().map(d -> d + "/main").toList();
            List<String> testUpstream = new ArrayList<>(List.of(module.dir() + "/main"));
            testUpstream.addAll(mainUpstream);
            module.test().forEach(d -> testUpstream.add(d + "/main"));
            planned.add(new PlannedUnit(module.dir() + "/main", JavaFiles.under(dir.resolve("src/main/java")), mainUpstream,
                    List.copyOf(mainClasspath)));
            if (settings.tests()) {
                planned.add(new PlannedUnit(module.dir() + "/test", JavaFiles.under(dir.resolve("src/test/java")), testUpstream,
                        List.copyOf(testClasspath)));
            }
        }
        return new Plan(planned, null);
    }

    private static String hash(Path source) {
        try {
            return Hashing.sha256(source);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + source, e);
        }
    }
}
