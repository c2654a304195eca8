package dev.synod.runtime.gates.internal;

import dev.synod.core.SynodException;
import dev.synod.runtime.internal.PathLookup;
import dev.synod.runtime.sandbox.Sandbox;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The class path of a tree with a {@code pom.xml}, from Maven
 * ({@code mvn -o -q dependency:build-classpath}), computed once per SHA-256 of the pom and kept
 * in {@code <cache>/<sha256>.classpath}. The class path includes every scope, test included.
 *
 * <p>The pom is agent-written, so Maven runs inside the {@link Sandbox} (docs/security.md): no
 * network (a repository the pom names cannot be reached, offline or not), the local repository
 * ({@code ~/.m2/repository}, not the rest of {@code ~/.m2}, where settings and their credentials
 * are) and Maven's own installation read-only, and as its only writable place a
 * scratch directory holding a copy of the pom alone. The tree is never written to, and nothing
 * else of the tree ({@code .mvn/} extensions and options, parent poms, wrappers) takes part, so
 * that the pom's bytes alone decide the class path, as the cache assumes. A pom that inherits
 * from a parent in the tree must find that parent in the local repository, except a module of a
 * reactor, which is shown its reactor's pom as its parent ({@link #classpath(byte[], byte[])}),
 * and whose class path is kept by the hash of both.
 */
public final class MavenClasspath {
    /** The goal, with a version of the plugin that runs offline with the project's own build. */
    static final String GOAL = "org.apache.maven.plugins:maven-dependency-plugin:3.9.0:build-classpath";
    private static final Duration TIMEOUT = Duration.ofMinutes(10);
    /** Maven's JVM and its resolver threads, with room to spare. */
    private static final int PROCESSES = 512;

    private final List<String> command;
    private final Path cache;
    private final Sandbox sandbox;
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    /**
     * @param command how to start Maven, such as {@code [mvn]}
     * @param cache   the directory of the kept class paths
     * @param sandbox where Maven runs
     */
    public MavenClasspath(List<String> command, Path cache, Sandbox sandbox) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("expected a command to start Maven, found none");
        }
        this.command = List.copyOf(command);
        this.cache = cache;
        this.sandbox = sandbox;
    }

    /** What asking Maven gave. */
    public sealed interface Outcome {
        /** The class path, in Maven's order. */
        record Resolved(List<Path> entries) implements Outcome {
            public Resolved {
                entries = List.copyOf(entries);
            }
        }

        /** Maven could not compute it; the lines say why. */
        record Failed(List<String> diagnostics) implements Outcome {
            public Failed {
                diagnostics = List.copyOf(diagnostics);
            }
        }
    }

    /** The class path of {@code pom}, from the cache when this pom was seen before. */
    public Outcome classpath(Path pom) throws InterruptedException {
        try {
            return classpath(Files.readAllBytes(pom), null);
        } catch (IOException e) {
            return new Outcome.Failed(List.of("pom.xml: cannot be read: " + e.getMessage()));
        }
    }

    /**
     * The class path of a pom given as bytes, with the pom of its reactor as its parent when not
     * null (then Maven sees the parent as {@code pom.xml} and the module as {@code module/pom.xml}
     * beneath it, where a module's {@code <parent>} finds it by default); kept by the SHA-256 of both.
     */
    public Outcome classpath(byte[] pom, byte[] parent) throws InterruptedException {
        String hash = parent == null ? Hashing.sha256(pom)
                : Hashing.sha256((Hashing.sha256(parent) + " " + Hashing.sha256(pom)).getBytes(StandardCharsets.UTF_8));
        Path kept = cache.resolve(hash + ".classpath");
        // One computation per pom at a time: concurrent gates on the same pom wait for the first.
        ReentrantLock lock = locks.computeIfAbsent(hash, h -> new ReentrantLock());
        lock.lockInterruptibly();
        try {
            if (Files.isRegularFile(kept)) {
                return new Outcome.Resolved(parse(Files.readString(kept, StandardCharsets.UTF_8)));
            }
            return compute(pom, parent, kept);
        } catch (IOException e) {
            return new Outcome.Failed(List.of("pom.xml: could not compute the class path with Maven: " + e.getMessage()));
        } finally {
            lock.unlock();
        }
    }

    private Outcome compute(byte[] pom, byte[] parent, Path kept) throws IOException, InterruptedException {
        Optional<Path> program = program(command.get(0));
        if (program.isEmpty()) {
            return new Outcome.Failed(List.of("pom.xml: cannot start Maven (" + String.join(" ", command) + "): "
                    + command.get(0) + " is not an executable file or on the PATH; set gates.compile.maven in synod.yaml, "
                    + "or gates.compile.classpath"));
        }
        // Only the local repository, and as Maven is told where it is: the rest of ~/.m2 holds
        // settings.xml and settings-security.xml, credentials an agent-written pom must not read.
        Path repository = Path.of(System.getProperty("user.home"), ".m2", "repository");
        Path javaHome = JavaHome.real();
        List<Sandbox.Bind> binds = new ArrayList<>();
        if (Files.isDirectory(repository)) {
            repository = repository.toRealPath();
            binds.add(Sandbox.Bind.readOnly(repository));
        }
        binds.add(Sandbox.Bind.readOnly(installation(program.get())));
        binds.add(Sandbox.Bind.readOnly(javaHome));
        try (Scratch scratch = Scratch.create("synod-maven-")) {
            Path work = scratch.path().toRealPath();
            Path projectPom = work.resolve("pom.xml");
            if (parent != null) {
                Files.write(projectPom, parent);
                projectPom = Files.createDirectories(work.resolve("module")).resolve("pom.xml");
            }
            Files.write(projectPom, pom);
            Path output = work.resolve("classpath.txt");
            List<String> args = new ArrayList<>(List.of(program.get().toString()));
            args.addAll(command.subList(1, command.size()));
            args.addAll(List.of("-o", "-q", "-B", "-f", projectPom.toString(), GOAL,
                    "-Dmdep.outputFile=" + output, "-Dmaven.repo.local=" + repository));
            Sandbox.Result result;
            try {
                result = sandbox.run(Sandbox.Spec.of(work, args).withTimeout(TIMEOUT).withMaxProcesses(PROCESSES)
                        .withEnv(Map.of("JAVA_HOME", javaHome.toString())).withBinds(binds));
            } catch (SynodException.InvalidInput e) {
                return new Outcome.Failed(List.of("pom.xml: Maven resolves an agent-written pom only inside the sandbox, "
                        + "which cannot run here: " + e.getMessage()));
            } catch (UncheckedIOException e) {
                return new Outcome.Failed(List.of("pom.xml: cannot start Maven (" + String.join(" ", command)
                        + ") in the sandbox: " + e.getMessage() + "; set gates.compile.maven in synod.yaml, "
                        + "or gates.compile.classpath"));
            }
            if (result.timedOut()) {
                return new Outcome.Failed(List.of("pom.xml: Maven did not compute the class path within "
                        + TIMEOUT.toMinutes() + " minutes; the sandbox killed it"));
            }
            if (result.exitCode() != 0 || !Files.isRegularFile(output)) {
                List<String> log = (result.stdout().text() + "\n" + result.stderr().text()).lines().toList();
                return new Outcome.Failed(failure(result.exitCode(), log));
            }
            String classpath = Files.readString(output, StandardCharsets.UTF_8).strip();
            AtomicFiles.write(kept, classpath.getBytes(StandardCharsets.UTF_8));
            return new Outcome.Resolved(parse(classpath));
        }
    }

    /** The program that starts Maven: a path as given, or a name looked up on this process's PATH. */
    private static Optional<Path> program(String name) throws IOException {
        Optional<Path> found = name.contains("/") ? Optional.of(Path.of(name).toAbsolutePath()).filter(Files::isExecutable)
                : PathLookup.find(name, Optional.ofNullable(System.getenv("PATH")).orElse("/usr/bin:/bin"));
        return found.isPresent() ? Optional.of(found.get().toRealPath()) : Optional.empty();
    }

    /**
     * The directory of Maven's installation to show read-only in the sandbox: the directory above
     * {@code bin/}, where Maven's {@code boot/}, {@code lib/} and {@code conf/} are; else the
     * program's directory.
     */
    private static Path installation(Path program) {
        Path dir = program.getParent();
        if (dir.getFileName() != null && dir.getFileName().toString().equals("bin") && dir.getParent() != null) {
            dir = dir.getParent();
        }
        return dir;
    }

    /** Maven's error lines, which say what is missing, under a line saying what was run. */
    private List<String> failure(int exit, List<String> log) {
        List<String> out = new ArrayList<>();
        out.add("pom.xml: Maven could not compute the class path offline (" + String.join(" ", command) + " -o " + GOAL
                + ", exit status " + exit + "):");
        log.stream().filter(l -> l.startsWith("[ERROR]") && !l.strip().equals("[ERROR]") && !l.contains("re-run Maven")
                        && !l.contains("Re-run Maven") && !l.contains("[Help ") && !l.contains("For more information"))
                .map(l -> l.substring("[ERROR]".length()).strip()).forEach(out::add);
        return out;
    }

    private static List<Path> parse(String classpath) {
        return Arrays.stream(classpath.strip().split(File.pathSeparator)).filter(s -> !s.isBlank()).map(Path::of).toList();
    }
}
