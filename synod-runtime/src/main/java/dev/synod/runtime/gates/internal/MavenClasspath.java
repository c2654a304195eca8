package dev.synod.runtime.gates.internal;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The class path of a tree with a {@code pom.xml}, from Maven
 * ({@code mvn -o -q dependency:build-classpath}), computed once per SHA-256 of the pom and kept
 * in {@code <cache>/<sha256>.classpath}. The class path includes every scope, test included.
 *
 * <p>Maven runs offline on a copy of the pom alone, in a directory of its own: the tree is never
 * written to, and nothing else of the tree ({@code .mvn/} extensions and options, parent poms,
 * wrappers) takes part, so that the pom's bytes alone decide the class path, as the cache
 * assumes. A pom that inherits from a parent in the tree must find that parent in the local
 * repository.
 */
public final class MavenClasspath {
    /** The goal, with a version of the plugin that runs offline with the project's own build. */
    static final String GOAL = "org.apache.maven.plugins:maven-dependency-plugin:3.9.0:build-classpath";
    private static final long TIMEOUT_MINUTES = 10;

    private final List<String> command;
    private final Path cache;
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    /**
     * @param command how to start Maven, such as {@code [mvn]}
     * @param cache   the directory of the kept class paths
     */
    public MavenClasspath(List<String> command, Path cache) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("expected a command to start Maven, found none");
        }
        this.command = List.copyOf(command);
        this.cache = cache;
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
        String hash;
        try {
            hash = Hashing.sha256(pom);
        } catch (IOException e) {
            return new Outcome.Failed(List.of("pom.xml: cannot be read: " + e.getMessage()));
        }
        Path kept = cache.resolve(hash + ".classpath");
        // One computation per pom at a time: concurrent gates on the same pom wait for the first.
        ReentrantLock lock = locks.computeIfAbsent(hash, h -> new ReentrantLock());
        lock.lockInterruptibly();
        try {
            if (Files.isRegularFile(kept)) {
                return new Outcome.Resolved(parse(Files.readString(kept, StandardCharsets.UTF_8)));
            }
            return compute(pom, kept);
        } catch (IOException e) {
            return new Outcome.Failed(List.of("pom.xml: could not compute the class path with Maven: " + e.getMessage()));
        } finally {
            lock.unlock();
        }
    }

    private Outcome compute(Path pom, Path kept) throws IOException, InterruptedException {
        try (Scratch scratch = Scratch.create("synod-maven-")) {
            Path work = scratch.path();
            Files.copy(pom, work.resolve("pom.xml"));
            Path output = work.resolve("classpath.txt");
            Path log = work.resolve("maven.log");
            List<String> args = new ArrayList<>(command);
            args.addAll(List.of("-o", "-q", "-B", "-f", work.resolve("pom.xml").toString(), GOAL,
                    "-Dmdep.outputFile=" + output));
            Process process;
            try {
                process = new ProcessBuilder(args).directory(work.toFile()).redirectErrorStream(true)
                        .redirectOutput(log.toFile()).start();
            } catch (IOException e) {
                return new Outcome.Failed(List.of("pom.xml: cannot start Maven (" + String.join(" ", command)
                        + "): " + e.getMessage() + "; set gates.compile.maven in synod.yaml, or gates.compile.classpath"));
            }
            try {
                if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                    return new Outcome.Failed(List.of("pom.xml: Maven did not compute the class path within "
                            + TIMEOUT_MINUTES + " minutes"));
                }
            } finally {
                // Still running only after a timeout or an interrupt: it must not outlive the gate.
                process.destroyForcibly();
            }
            if (process.exitValue() != 0 || !Files.isRegularFile(output)) {
                return new Outcome.Failed(failure(process.exitValue(), Files.readAllLines(log, StandardCharsets.UTF_8)));
            }
            String classpath = Files.readString(output, StandardCharsets.UTF_8).strip();
            AtomicFiles.write(kept, classpath.getBytes(StandardCharsets.UTF_8));
            return new Outcome.Resolved(parse(classpath));
        }
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
