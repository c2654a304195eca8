package dev.synod.runtime.gates.internal;

import com.sun.source.util.TaskEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import javax.lang.model.element.TypeElement;

/**
 * Compiles one unit (a module's main or test sources) from an earlier {@link UnitState} of it:
 * the changed sources, then the sources that depend on a class whose API changed
 * ({@link UnitState#dependents}), against the earlier class files of every other source; and
 * from scratch whenever that could differ from a compilation from scratch: no earlier state, a
 * different release or class path, a removed source or class, a changed constant, a changed
 * {@code package-info.java}, a unit with a {@code module-info.java}, a class produced by two sources, and
 * errors (which are always a compilation from scratch's, so that the diagnostics are exactly its).
 *
 * <p>The earlier state's directory is never written: the new state's directory starts as hard
 * links to the class files of the sources not recompiled, and javac writes into a directory of
 * its own, whose files are then moved in.
 */
public final class IncrementalCompiler {
    private final WarmCompiler compiler;

    public IncrementalCompiler(WarmCompiler compiler) {
        this.compiler = compiler;
    }

    /**
     * One unit to compile.
     *
     * @param sources   its source files, absolute
     * @param upstream  the class directories of the units it compiles against, first on the class path
     * @param classpath the rest of the class path: jars and directories
     */
    public record Unit(List<Path> sources, List<Path> upstream, List<Path> classpath, int release, String upstreamKeys) {
        public Unit {
            sources = List.copyOf(sources);
            upstream = List.copyOf(upstream);
            classpath = List.copyOf(classpath);
        }
    }

    /** How a unit was compiled, for tests, benchmarks and the reasons behind a fall back. */
    public enum Mode { FULL, INCREMENTAL, UNCHANGED }

    /** What compiling a unit gave. */
    public sealed interface Outcome {
        /** It compiled; the caller holds {@code state} and releases it. */
        record Compiled(UnitState state, ApiDelta delta, Mode mode, String reason) implements Outcome {
        }

        /** It did not; the errors are a compilation from scratch's. */
        record Failed(List<Located> errors) implements Outcome {
        }
    }

    /**
     * Compiles {@code unit}.
     *
     * @param tree     the tree, to which the sources' keys and the diagnostics' paths are relative
     * @param previous the unit's earlier state, or null; only read
     * @param upstream how the units it compiles against changed since {@code previous}
     */
    public Outcome compile(Unit unit, Path tree, UnitState previous, ApiDelta upstream) {
        String fingerprint = fingerprint(unit);
        Map<String, byte[]> texts = new HashMap<>();
        Map<String, String> hashes = new HashMap<>();
        Map<String, Path> paths = new HashMap<>();
        for (Path source : unit.sources()) {
            String key = key(tree, source);
            byte[] bytes = read(source);
            texts.put(key, bytes);
            hashes.put(key, Hashing.sha256(bytes));
            paths.put(key, source);
        }
        String reason;
        if (previous == null) {
            reason = "no earlier compilation of this unit";
        } else if (!previous.fingerprint().equals(fingerprint)) {
            reason = "the release, the class path or its jars changed";
        } else if (hashes.keySet().stream().anyMatch(k -> k.endsWith("module-info.java"))) {
            // A subset compiled without its module-info.java would compile in the unnamed module, by other rules.
            reason = "the unit is a named module (module-info.java)";
        } else if (upstream.unsure()) {
            reason = "a unit it compiles against changed unsafely: " + upstream.reason();
        } else {
            reason = null;
        }
        if (reason == null) {
            Attempt attempt = incremental(unit, tree, previous, upstream, fingerprint, texts, hashes, paths);
            if (attempt.compiled() != null) {
                return attempt.compiled();
            }
            reason = attempt.fallback();
        }
        return full(unit, tree, previous, fingerprint, texts, hashes, reason);
    }

    /** An incremental compilation's result, or why it gave way to a full one; never leaves this class. */
    private record Attempt(Outcome.Compiled compiled, String fallback) {
        static Attempt fallback(String reason) {
            return new Attempt(null, reason);
        }
    }

    private Attempt incremental(Unit unit, Path tree, UnitState previous, ApiDelta upstream, String fingerprint,
            Map<String, byte[]> texts, Map<String, String> hashes, Map<String, Path> paths) {
        for (String key : previous.sources().keySet()) {
            if (!hashes.containsKey(key)) {
                return Attempt.fallback(key + " was removed");
            }
        }
        Set<String> changed = new HashSet<>();
        hashes.forEach((key, hash) -> {
            UnitState.Source old = previous.sources().get(key);
            if (old == null || !old.hash().equals(hash)) {
                changed.add(key);
            }
        });
        for (String key : changed) {
            if (key.endsWith("package-info.java") || key.endsWith("module-info.java")) {
                return Attempt.fallback(key + " changed");
            }
        }
        if (changed.isEmpty() && upstream.changed().isEmpty()) {
            return new Attempt(new Outcome.Compiled(new UnitState(fingerprint, previous.sources(), previous.classes(),
                    previous.dir().retain()), ApiDelta.NONE, Mode.UNCHANGED, "nothing changed"), null);
        }
        Map<String, UnitState.Source> sources = new HashMap<>(previous.sources());
        Map<String, ClassApi> classes = new HashMap<>(previous.classes());
        Set<String> round = new HashSet<>(changed);
        round.addAll(UnitState.dependents(previous.sources(), previous.classes(), upstream.changed()));
        Set<String> compiled = new HashSet<>();
        ClassDir dir = ClassDir.create();
        boolean done = false;
        try {
            for (String key : previous.sources().keySet()) {
                if (!round.contains(key)) {
                    link(previous.sources().get(key).classFiles(), previous.dir().path(), dir.path());
                }
            }
            for (int pass = 1; !round.isEmpty(); pass++) {
                if (pass > 2) {
                    return Attempt.fallback("the API changes reached beyond the sources that depend on the changed classes");
                }
                Run run;
                try (Scratch out = Scratch.create("synod-compile-")) {
                    List<Path> classpath = new ArrayList<>();
                    classpath.add(dir.path());
                    classpath.addAll(unit.upstream());
                    classpath.addAll(unit.classpath());
                    run = run(round.stream().map(paths::get).sorted().toList(), classpath, out.path(), unit.release(), tree);
                    if (!run.errors().isEmpty()) {
                        return Attempt.fallback("the incremental compilation found errors");
                    }
                    Set<String> kept = new HashSet<>();
                    sources.forEach((key, source) -> {
                        if (!round.contains(key) && !compiled.contains(key)) {
                            kept.addAll(source.classFiles());
                        }
                    });
                    for (Set<String> produced : run.classFiles().values()) {
                        for (String name : produced) {
                            if (kept.contains(name)) {
                                return Attempt.fallback("class " + name + " is produced by two sources");
                            }
                        }
                    }
                    moveAll(out.path(), dir.path());
                }
                Map<String, ClassApi> before = new HashMap<>();
                Map<String, ClassApi> after = new HashMap<>();
                for (String key : round) {
                    UnitState.Source old = sources.get(key);
                    if (old != null) {
                        old.classFiles().stream().filter(classes::containsKey).forEach(c -> before.put(c, classes.get(c)));
                        old.classFiles().forEach(classes::remove);
                    }
                    Set<String> produced = run.classFiles().getOrDefault(key, Set.of());
                    sources.put(key, facts(hashes.get(key), produced, dir.path(),
                            changed.contains(key) || old == null ? UnitState.tokens(text(texts.get(key))) : old.tokens()));
                    produced.stream().filter(run.apis()::containsKey).forEach(c -> after.put(c, run.apis().get(c)));
                }
                classes.putAll(after);
                ApiDelta delta = ApiDelta.between(before, after);
                if (delta.unsure()) {
                    return Attempt.fallback(delta.reason());
                }
                compiled.addAll(round);
                Set<String> next = UnitState.dependents(sources, classes, delta.changed());
                next.removeAll(compiled);
                for (String key : next) {
                    for (String name : sources.get(key).classFiles()) {
                        Files.deleteIfExists(classFile(dir.path(), name));
                    }
                }
                round.clear();
                round.addAll(next);
            }
            UnitState state = new UnitState(fingerprint, sources, classes, dir);
            ApiDelta delta = ApiDelta.between(previous.classes(), classes);
            done = true;
            return new Attempt(new Outcome.Compiled(state, delta, Mode.INCREMENTAL, "recompiled " + compiled.size() + " of "
                    + sources.size() + " sources"), null);
        } catch (IOException e) {
            throw new UncheckedIOException("could not keep the compile gate's class files", e);
        } finally {
            if (!done) {
                dir.release();
            }
        }
    }

    private Outcome full(Unit unit, Path tree, UnitState previous, String fingerprint, Map<String, byte[]> texts,
            Map<String, String> hashes, String reason) {
        ClassDir dir = ClassDir.create();
        boolean done = false;
        try {
            List<Path> classpath = new ArrayList<>(unit.upstream());
            classpath.addAll(unit.classpath());
            Run run = run(unit.sources(), classpath, dir.path(), unit.release(), tree);
            if (!run.errors().isEmpty()) {
                return new Outcome.Failed(run.errors());
            }
            Map<String, UnitState.Source> sources = new HashMap<>();
            for (Map.Entry<String, String> e : hashes.entrySet()) {
                sources.put(e.getKey(), facts(e.getValue(), run.classFiles().getOrDefault(e.getKey(), Set.of()), dir.path(),
                        UnitState.tokens(text(texts.get(e.getKey())))));
            }
            UnitState state = new UnitState(fingerprint, sources, run.apis(), dir);
            ApiDelta delta = previous == null ? ApiDelta.unsure("no earlier compilation")
                    : ApiDelta.between(previous.classes(), run.apis());
            done = true;
            return new Outcome.Compiled(state, delta, Mode.FULL, reason);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the class files javac wrote", e);
        } finally {
            if (!done) {
                dir.release();
            }
        }
    }

    /** What one javac compilation gave: its errors, the API of each class, the class files of each source. */
    private record Run(List<Located> errors, Map<String, ClassApi> apis, Map<String, Set<String>> classFiles) {
    }

    private Run run(List<Path> sources, List<Path> classpath, Path out, int release, Path tree) {
        Map<String, ClassApi> apis = new ConcurrentHashMap<>();
        Map<String, Set<String>> classFiles = new ConcurrentHashMap<>();
        List<Located> errors = compiler.compile(new WarmCompiler.Task(sources, classpath, out, release), tree, (event, task) -> {
            TypeElement type = event.getTypeElement();
            if (type == null || event.getSourceFile() == null) {
                return;
            }
            if (event.getKind() == TaskEvent.Kind.ANALYZE) {
                ClassApi.collect(type, task.getElements(), apis);
            } else if (event.getKind() == TaskEvent.Kind.GENERATE) {
                String key = key(tree, Path.of(event.getSourceFile().toUri()));
                classFiles.computeIfAbsent(key, k -> new HashSet<>()).add(task.getElements().getBinaryName(type).toString());
            }
        });
        return new Run(errors, apis, classFiles);
    }

    private static UnitState.Source facts(String hash, Set<String> classFiles, Path dir, Set<String> tokens) throws IOException {
        Set<String> references = new HashSet<>();
        for (String name : classFiles) {
            references.addAll(ClassReferences.of(Files.readAllBytes(classFile(dir, name))));
        }
        references.removeAll(classFiles);
        return new UnitState.Source(hash, classFiles, references, tokens);
    }

    private static void link(Set<String> classFiles, Path from, Path to) throws IOException {
        for (String name : classFiles) {
            Path target = classFile(to, name);
            Files.createDirectories(target.getParent());
            Files.createLink(target, classFile(from, name));
        }
    }

    private static void moveAll(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.move(file, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static Path classFile(Path dir, String binaryName) {
        return dir.resolve(binaryName.replace('.', '/') + ".class");
    }

    private static String fingerprint(Unit unit) {
        StringBuilder out = new StringBuilder("release=").append(unit.release()).append(" upstream=").append(unit.upstreamKeys());
        for (Path entry : unit.classpath()) {
            out.append(' ').append(entry);
            try {
                if (Files.isRegularFile(entry)) {
                    out.append(':').append(Files.size(entry)).append(':').append(Files.getLastModifiedTime(entry).toMillis());
                } else if (Files.isDirectory(entry)) {
                    // A directory's classes are not tracked: each compilation sees it as new, and compiles fully.
                    out.append(":dir:").append(System.nanoTime());
                }
            } catch (IOException e) {
                out.append(":unreadable:").append(System.nanoTime());
            }
        }
        return out.toString();
    }

    private static String key(Path tree, Path source) {
        Path path = source.toAbsolutePath().normalize();
        return (path.startsWith(tree) ? tree.relativize(path) : path).toString().replace('\\', '/');
    }

    private static byte[] read(Path source) {
        try {
            return Files.readAllBytes(source);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + source, e);
        }
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
