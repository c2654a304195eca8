package dev.synod.bench.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Keeps {@code runs} runs going at once, each worker starting a new run as soon as its last one
 * finished, and records the steps they make during the measurement windows. Every run goes to
 * the same journal, so concurrent appends meet in its writer and are committed together.
 */
final class ConcurrentRuns {
    private ConcurrentRuns() {
    }

    /**
     * Measures {@code driver} with {@code runs} workers; the driver reports to {@code recorder}.
     *
     * @param profile where to write a JFR recording of the windows, if anywhere
     *
     * @throws IllegalStateException when a run failed; the first failure is its cause
     */
    static Measurement measure(String part, String shape, int concurrency, RunDriver driver, StepRecorder recorder,
                               int runs, Schedule schedule, java.util.Optional<java.nio.file.Path> profile)
            throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < runs; w++) {
            int worker = w;
            workers.add(Thread.ofPlatform().name("bench-" + part + "-" + w).start(() -> {
                for (int n = 0; !stop.get() && failure.get() == null; n++) {
                    try {
                        driver.run("w" + worker + "-r" + n, worker);
                    } catch (RuntimeException | Error e) {
                        failure.compareAndSet(null, e);
                    }
                }
            }));
        }
        List<StepRecorder.Window> windows = new ArrayList<>();
        long cpuNanos;
        try {
            sleep(schedule.warmup(), failure);
            CpuProfile cpu = CpuProfile.start(profile);
            for (int i = 0; i < schedule.iterations(); i++) {
                recorder.open();
                sleep(schedule.window(), failure);
                windows.add(recorder.close());
            }
            cpuNanos = cpu.stop();
        } finally {
            stop.set(true);
            for (Thread t : workers) {
                t.join();
            }
        }
        if (failure.get() != null) {
            throw new IllegalStateException(part + " (" + shape + ") at concurrency " + concurrency + " failed: "
                    + failure.get(), failure.get());
        }
        return new Measurement(part, shape, concurrency,
                windows.stream().map(StepRecorder.Window::stepsPerSecond).toList(),
                Samples.concat(windows.stream().map(w -> w.steps).toList()),
                Samples.concat(windows.stream().map(w -> w.appends).toList()),
                windows.stream().mapToLong(StepRecorder.Window::started).sum(), cpuNanos);
    }

    /** Waits, but gives up early once a run failed: the measurement is lost anyway. */
    private static void sleep(Duration duration, AtomicReference<Throwable> failure) throws InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        for (long left = duration.toNanos(); left > 0 && failure.get() == null; left = end - System.nanoTime()) {
            Thread.sleep(Duration.ofNanos(Math.min(left, 100_000_000L)));
        }
    }
}
