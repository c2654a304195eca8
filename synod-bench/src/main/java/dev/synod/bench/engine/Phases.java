package dev.synod.bench.engine;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a profiled case's CPU went, phase by phase: each CPU sample of a JFR recording
 * ({@link CpuProfile}) is given to the phase of the innermost frame of its stack that a rule of
 * {@link #RULES} names, so that SHA-1 called while committing counts as hashing and Jackson called
 * by the journal as JSON, while a {@code HashMap} lookup counts for whoever made it. A stack no
 * rule names is {@code other}, and its top frames are printed so that the rules can be improved.
 *
 * <p>Shares are of the Java threads' samples; CPU per step is the share times the process's CPU
 * per step, which also counts the JVM's own threads (garbage collector, JIT compilers) that no
 * sample sees: with {@code jdk.CPUTimeSample}, each sample stands for {@link CpuProfile#SAMPLE_PERIOD}
 * of CPU, and what the samples do not account for is printed as its own row.
 */
final class Phases {
    /** A phase and the frames ({@code class.method} prefixes) that mark it. */
    record Rule(String phase, List<String> frames) {
    }

    static final String OTHER = "other";
    static final String UNSAMPLED = "rest of the process's CPU (the JVM's other threads, samples missed)";

    /** In the order a frame is tried against them; the first that names it wins for that frame. */
    static final List<Rule> RULES = List.of(
            new Rule("hashing", List.of("java.security.MessageDigest", "sun.security.provider.", "org.eclipse.jgit.util.sha1.",
                    "dev.synod.runtime.workspace.internal.ObjectIds", "java.util.zip.CRC32", "java.util.HexFormat")),
            new Rule("JSON of events", List.of("com.fasterxml.jackson.", "dev.synod.core.Journals")),
            new Rule("pack at the end", List.of("dev.synod.runtime.workspace.internal.PackFiles",
                    "dev.synod.runtime.workspace.internal.ObjectStaging.flushStaged",
                    "dev.synod.runtime.workspace.internal.ObjectStaging.writePack",
                    "dev.synod.runtime.workspace.internal.ObjectStaging.verify",
                    "dev.synod.runtime.workspace.GitRepository.flushStaged", "dev.synod.runtime.workspace.GitRepository.setBranch")),
            new Rule("journal commit/fsync", List.of("org.sqlite.", "dev.synod.runtime.engine.internal.SqliteJournal",
                    "dev.synod.runtime.engine.internal.Journal", "dev.synod.runtime.engine.internal.WriteRequest",
                    "dev.synod.runtime.engine.internal.StoredEvent", "dev.synod.runtime.engine.internal.ReadConnections",
                    "dev.synod.runtime.engine.internal.ObjectChange", "dev.synod.runtime.engine.internal.FileBlobStore")),
            new Rule("workspace checkout", List.of("dev.synod.runtime.workspace.internal.DirectoryCommits.checkout",
                    "dev.synod.runtime.workspace.GitRepository.checkout")),
            new Rule("workspace scan+commit", List.of("dev.synod.runtime.workspace.internal.DirectoryCommits",
                    "dev.synod.runtime.workspace.internal.DirectoryIndex", "dev.synod.runtime.workspace.internal.FileNames",
                    "dev.synod.runtime.workspace.GitRepository.commit")),
            new Rule("workspace: trees, compose, diffs", List.of("dev.synod.runtime.workspace.", "org.eclipse.jgit.")),
            new Rule("gate effect", List.of("dev.synod.runtime.engine.Effects.gate", "dev.synod.runtime.gates.",
                    "dev.synod.bench.engine.PassGate")),
            new Rule("agent effect (no-op agent, scope check)", List.of("dev.synod.runtime.engine.Effects.agent",
                    "dev.synod.runtime.engine.Deadlines", "dev.synod.runtime.engine.AttemptSession",
                    "dev.synod.runtime.engine.ScopeViolations", "dev.synod.runtime.agents.", "dev.synod.bench.engine.NoOpAgent")),
            new Rule("interpreter turn", List.of("dev.synod.core.")),
            new Rule("engine loop (hand-offs of results, bookkeeping)", List.of("dev.synod.runtime.")),
            new Rule("harness", List.of("dev.synod.bench.")),
            new Rule("virtual-thread scheduling", List.of("java.util.concurrent.ForkJoin", "java.lang.VirtualThread",
                    "jdk.internal.vm.Continuation", "java.util.concurrent.locks.", "jdk.internal.misc.Unsafe.park",
                    "jdk.internal.misc.Unsafe.unpark", "java.util.concurrent.CompletableFuture",
                    "java.util.concurrent.LinkedBlockingQueue", "java.util.concurrent.SynchronousQueue",
                    "java.util.concurrent.ThreadPerTaskExecutor", "java.lang.Thread.yield", "java.lang.Thread.sleep")));

    /**
     * The samples of one recording by phase.
     *
     * @param event      the sample event used ({@code jdk.CPUTimeSample}, else {@code jdk.ExecutionSample})
     * @param byPhase    samples per phase, in the table's order
     * @param unnamed    the top frames of the samples no rule named, by count
     * @param lost       samples the JVM reported lost
     * @param gcNanos    the garbage collector's CPU time (user and system, {@code jdk.GCCPUTime})
     * @param jitNanos   the JIT's compilations, their summed durations ({@code jdk.Compilation})
     */
    record Profile(String event, Map<String, Long> byPhase, Map<String, Long> unnamed, long lost, long gcNanos,
                   long jitNanos) {
        long samples() {
            return byPhase.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private Phases() {
    }

    /** Reads the CPU samples of {@code file}. */
    static Profile read(Path file) {
        List<RecordedEvent> events;
        try {
            events = RecordingFile.readAllEvents(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the profile " + file, e);
        }
        boolean cpuTime = events.stream().anyMatch(e -> e.getEventType().getName().equals("jdk.CPUTimeSample"));
        String event = cpuTime ? "jdk.CPUTimeSample" : "jdk.ExecutionSample";
        Map<String, Long> byPhase = new LinkedHashMap<>();
        for (String phase : List.of("interpreter turn", "JSON of events", "journal commit/fsync", "workspace checkout",
                "workspace scan+commit", "workspace: trees, compose, diffs", "hashing", "gate effect",
                "agent effect (no-op agent, scope check)", "engine loop (hand-offs of results, bookkeeping)",
                "virtual-thread scheduling", "pack at the end", "harness", OTHER)) {
            byPhase.put(phase, 0L);
        }
        Map<String, Long> unnamed = new LinkedHashMap<>();
        long lost = 0;
        long gcNanos = 0;
        long jitNanos = 0;
        for (RecordedEvent e : events) {
            String type = e.getEventType().getName();
            switch (type) {
                case "jdk.CPUTimeSamplesLost" -> lost += e.getInt("lostSamples");
                case "jdk.GCCPUTime" -> gcNanos += e.getLong("userTime") + e.getLong("systemTime");
                case "jdk.Compilation" -> jitNanos += e.getDuration().toNanos();
                default -> { }
            }
            if (!type.equals(event) || e.getStackTrace() == null) {
                continue;
            }
            String phase = phase(e.getStackTrace());
            byPhase.merge(phase, 1L, Long::sum);
            if (phase.equals(OTHER)) {
                unnamed.merge(top(e.getStackTrace(), 3), 1L, Long::sum);
            }
        }
        return new Profile(event, byPhase, unnamed, lost, gcNanos, jitNanos);
    }

    /** The phase of the innermost frame a rule names, else {@link #OTHER}. */
    static String phase(RecordedStackTrace stack) {
        return phase(stack.getFrames().stream().map(f -> f.getMethod().getType().getName() + "." + f.getMethod().getName())
                .toList());
    }

    /** The phase of the innermost of {@code frames} ({@code class.method}, innermost first) that a rule names. */
    static String phase(List<String> frames) {
        for (String name : frames) {
            for (Rule rule : RULES) {
                for (String prefix : rule.frames()) {
                    if (name.startsWith(prefix)) {
                        return rule.phase();
                    }
                }
            }
        }
        return OTHER;
    }

    private static String top(RecordedStackTrace stack, int frames) {
        return String.join(" < ", stack.getFrames().stream().limit(frames)
                .map(f -> f.getMethod().getType().getName() + "." + f.getMethod().getName()).toList());
    }

    /** The Markdown table of {@code profile}: each phase's share of the samples and its CPU per step of {@code m}. */
    static void print(PrintStream out, Profile profile, Measurement m, Path file) {
        long samples = profile.samples();
        double perStep = m.cpuMicrosPerOperation();
        out.printf(Locale.ROOT, "%nprofile %s: %d %s samples (%d lost), process CPU %.0f µs per step over %d steps%n",
                file, samples, profile.event(), profile.lost(), perStep, m.operations());
        if (samples == 0) {
            out.println("no CPU samples were recorded");
            return;
        }
        // With CPU-time samples, what the Java threads' samples do not cover is the JVM's own threads.
        double sampledPerStep = profile.event().equals("jdk.CPUTimeSample")
                ? (samples + profile.lost()) * CpuProfile.SAMPLE_PERIOD.toNanos() / 1e3 / m.operations() : perStep;
        double javaPerStep = Math.min(perStep, sampledPerStep);
        out.println("| phase | share of samples | CPU µs per step |");
        out.println("|---|---:|---:|");
        profile.byPhase().forEach((phase, n) -> out.printf(Locale.ROOT, "| %s | %.1f%% | %.1f |%n", phase,
                100.0 * n / samples, javaPerStep * n / samples));
        double gc = profile.gcNanos() / 1e3 / m.operations();
        double jit = profile.jitNanos() / 1e3 / m.operations();
        out.printf(Locale.ROOT, "| garbage collection (jdk.GCCPUTime) | | %.1f |%n", gc);
        out.printf(Locale.ROOT, "| JIT compilation (jdk.Compilation, wall time) | | %.1f |%n", jit);
        if (perStep > javaPerStep + gc + jit) {
            out.printf(Locale.ROOT, "| %s | | %.1f |%n", UNSAMPLED, perStep - javaPerStep - gc - jit);
        }
        out.printf(Locale.ROOT, "| all | 100%% | %.1f |%n", perStep);
        profile.unnamed().entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .limit(8).forEach(e -> out.printf(Locale.ROOT, "  other: %5.1f%%  %s%n", 100.0 * e.getValue() / samples,
                        e.getKey()));
    }
}
