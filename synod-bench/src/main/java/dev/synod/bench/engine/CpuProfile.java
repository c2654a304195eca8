package dev.synod.bench.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import jdk.jfr.Recording;

/**
 * What the process spent on CPU over a measurement's windows: the process's CPU time, as the
 * operating system counts it (every thread: the engine's, the JVM's garbage collector and JIT
 * compilers), and, with {@code --profile}, a JFR recording of the same span whose samples say
 * where the Java threads spent it ({@link Phases}).
 *
 * <p>The recording samples by CPU time ({@code jdk.CPUTimeSample}, JDK 25 on Linux: one sample per
 * {@link #SAMPLE_PERIOD} of a thread's CPU, native code such as SQLite's included); on a platform
 * without it the wall-clock sampler {@code jdk.ExecutionSample}, recorded beside it, stands in,
 * which sees Java code only.
 */
final class CpuProfile {
    /** A thread's CPU time per sample of {@code jdk.CPUTimeSample}. */
    static final Duration SAMPLE_PERIOD = Duration.ofMillis(10);

    private final Optional<Path> file;
    private final Recording recording;
    private final long startNanos;

    private CpuProfile(Optional<Path> file) {
        this.file = file;
        this.recording = file.map(f -> {
            Recording r = new Recording();
            r.setName("synod-engine-profile");
            r.enable("jdk.CPUTimeSample").with("throttle", SAMPLE_PERIOD.toMillis() + "ms").withStackTrace();
            r.enable("jdk.CPUTimeSamplesLost");
            r.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10)).withStackTrace();
            // What no sample of a Java thread sees: the collector's CPU and the JIT's compilations.
            r.enable("jdk.GCCPUTime");
            r.enable("jdk.Compilation").withThreshold(Duration.ZERO).withoutStackTrace();
            r.start();
            return r;
        }).orElse(null);
        this.startNanos = processCpuNanos();
    }

    /** Starts counting now, and recording into {@code file} when one is given. */
    static CpuProfile start(Optional<Path> file) {
        return new CpuProfile(file);
    }

    /** Stops, writes the recording, and returns the process's CPU time since the start, in nanoseconds. */
    long stop() {
        long used = processCpuNanos() - startNanos;
        if (recording != null) {
            recording.stop();
            try {
                Files.createDirectories(file.get().toAbsolutePath().getParent());
                recording.dump(file.get());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the profile " + file.get(), e);
            } finally {
                recording.close();
            }
        }
        return used;
    }

    /** The process's CPU time so far, or -1 where the platform does not say. */
    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
