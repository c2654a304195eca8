package dev.synod.runtime.agents.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One run of a CLI agent's program: its input fed, both output streams read line by line into a
 * {@link Transcript} (each chunk that arrives is a heartbeat), its end awaited. When the calling
 * thread is interrupted (the step's timeout), or the program overruns its own limit, the whole
 * process tree is killed.
 */
final class CliProcess {
    /**
     * Longer lines are cut into pieces of about this length (shorter where a key would be cut), so
     * one endless line cannot exhaust memory.
     */
    static final int MAX_LINE = 16 * 1024;
    /** How long output may keep flowing after the program exited before Synod stops waiting for it. */
    private static final Duration DRAIN = Duration.ofSeconds(2);

    private CliProcess() {
    }

    /** How a run ended. */
    sealed interface Ended {
        /** The program exited by itself with {@code status}. */
        record Exited(int status) implements Ended {
        }

        /** The program ran past {@code limit} and was killed. */
        record Overran(Duration limit) implements Ended {
        }
    }

    /**
     * Runs {@code launch} to its end.
     *
     * @param input     written to the program's standard input, which is then closed; empty closes it at once
     * @param heartbeat called whenever output arrives
     * @param limit     the program's own bound, beside the caller's interrupt
     * @throws IOException          when the program cannot be started
     * @throws InterruptedException when the calling thread is interrupted; the process tree is killed first
     */
    static Ended run(ProcessLauncher launcher, ProcessLauncher.Launch launch, Optional<String> input, Transcript transcript,
                     Runnable heartbeat, Optional<Duration> limit) throws IOException, InterruptedException {
        Process process = launcher.start(launch);
        ProcessTree.watch(process);
        try {
            Thread out = Thread.ofVirtual().name("synod-cli-stdout").start(
                    () -> pump(process.getInputStream(), false, transcript, heartbeat));
            Thread err = Thread.ofVirtual().name("synod-cli-stderr").start(
                    () -> pump(process.getErrorStream(), true, transcript, heartbeat));
            feed(process, input, transcript);
            boolean exited = true;
            if (limit.isPresent()) {
                exited = process.waitFor(limit.get().toNanos(), TimeUnit.NANOSECONDS);
            } else {
                process.waitFor();
            }
            if (!exited) {
                ProcessTree.kill(process);
                drain(out, err, transcript);
                return new Ended.Overran(limit.get());
            }
            drain(out, err, transcript);
            return new Ended.Exited(process.exitValue());
        } catch (InterruptedException e) {
            ProcessTree.kill(process);
            throw e;
        } finally {
            if (process.isAlive()) {
                ProcessTree.kill(process);
            }
            ProcessTree.forget(process);
        }
    }

    /** Writes the input from a thread of its own: a program that does not read it must not block the run. */
    private static void feed(Process process, Optional<String> input, Transcript transcript) throws IOException {
        OutputStream stdin = process.getOutputStream();
        if (input.isEmpty()) {
            stdin.close();
            return;
        }
        byte[] bytes = input.get().getBytes(StandardCharsets.UTF_8);
        Thread.ofVirtual().name("synod-cli-stdin").start(() -> {
            try (stdin) {
                stdin.write(bytes);
            } catch (IOException e) {
                transcript.note("the program ended without reading all of its instructions");
            }
        });
    }

    /**
     * Waits a little for the readers to take in the last output. When the program exits, the JDK
     * reads what is buffered in its pipes and closes them, so a process the program left running
     * in the background cannot hold the attempt up; what it prints later is lost. (That process
     * is no longer the program's descendant and cannot be found to be stopped; the sandbox's PID
     * namespace stops it.)
     */
    private static void drain(Thread out, Thread err, Transcript transcript) throws InterruptedException {
        long end = System.nanoTime() + DRAIN.toNanos();
        for (Thread reader : new Thread[] {out, err}) {
            long left = end - System.nanoTime();
            if (left <= 0 || !reader.join(Duration.ofNanos(left))) {
                transcript.note("the output was still being read " + DRAIN.toSeconds() + "s after the program exited; "
                        + "the rest is left out");
                return;
            }
        }
    }

    /**
     * Splits a stream into lines (at {@code \n}, {@code \r} or {@link #MAX_LINE}, moved back to
     * before a key that spans it) until it ends.
     */
    private static void pump(InputStream stream, boolean error, Transcript transcript, Runnable heartbeat) {
        StringBuilder line = new StringBuilder();
        int reach = transcript.reach();
        boolean afterCr = false;
        try (Reader reader = new InputStreamReader(stream, StandardCharsets.UTF_8)) {
            char[] buffer = new char[8192];
            int n;
            while ((n = reader.read(buffer)) != -1) {
                heartbeat.run();
                for (int i = 0; i < n; i++) {
                    char c = buffer[i];
                    if (c == '\n' && afterCr) {
                        afterCr = false;
                        continue;
                    }
                    afterCr = c == '\r';
                    if (c == '\n' || c == '\r') {
                        transcript.add(line.toString(), error);
                        line.setLength(0);
                    } else {
                        line.append(c);
                        // Redaction works on whole lines, so a piece must never end inside a key:
                        // hold back enough to see every key that begins before the cut.
                        if (line.length() >= MAX_LINE + reach) {
                            int cut = transcript.cutPoint(line, MAX_LINE);
                            transcript.add(line.substring(0, cut), error);
                            line.delete(0, cut);
                        }
                    }
                }
            }
        } catch (IOException e) {
            transcript.note("reading the program's " + (error ? "standard error" : "output") + " failed: " + e.getMessage());
        }
        if (!line.isEmpty()) {
            transcript.add(line.toString(), error);
        }
    }
}
