package dev.synod.runtime.sandbox.internal;

import dev.synod.runtime.sandbox.Sandbox;
import dev.synod.runtime.internal.Directories;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One sandboxed command from start to end: starts it (under bubblewrap, or directly), feeds its
 * standard input, captures its output within a cap, enforces the timeout by killing the whole
 * process tree, and makes sure that nothing it started is left running.
 */
public final class Execution {
    /** Bytes kept of each stream's beginning and of its end. */
    static final int HEAD_BYTES = 64 * 1024;
    static final int TAIL_BYTES = 64 * 1024;

    /** How long the readers may take to drain the pipes once every process is gone. */
    private static final Duration DRAIN = Duration.ofSeconds(5);

    private Execution() {
    }

    /**
     * Runs {@code spec}. {@code env} is the scrubbed environment the command sees; bubblewrap
     * itself starts in {@code parentEnv} and clears it, while a direct run starts in {@code env}.
     */
    public static Sandbox.Result run(boolean bwrap, Sandbox.Spec spec, Map<String, String> env,
                                     Map<String, String> parentEnv, ProcessLimit limit) throws InterruptedException {
        Path home = null;
        try (ProcessLimit.Session session = limit.open(spec.maxProcesses(), bwrap)) {
            List<String> inner = concat(session.inner(spec.memory()), spec.argv());
            ProcessBuilder builder;
            if (bwrap) {
                builder = new ProcessBuilder(concat(session.outer(), BwrapCommand.of(spec, env, inner)));
                builder.environment().clear();
                builder.environment().putAll(parentEnv);
            } else {
                // Without namespaces HOME and TMPDIR cannot be a private /tmp; they get a fresh directory.
                home = Files.createTempDirectory("synod-home", PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
                Map<String, String> direct = new LinkedHashMap<>(env);
                direct.put("HOME", home.toString());
                direct.put("TMPDIR", home.toString());
                String setsid = Executables.find("setsid").orElseThrow(() -> new IllegalStateException(
                        "setsid (from util-linux) is not installed; sandbox: none needs it to kill what a command leaves running"));
                builder = new ProcessBuilder(concat(session.outer(), concat(List.of(setsid), inner)));
                builder.environment().clear();
                builder.environment().putAll(direct);
            }
            builder.directory(spec.dir().toFile());
            return wait(builder.start(), spec, session, bwrap);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + String.join(" ", spec.argv()) + " in the sandbox: "
                    + e.getMessage(), e);
        } finally {
            if (home != null) {
                Directories.deleteTree(home, "the sandbox's home");
            }
        }
    }

    private static Sandbox.Result wait(Process process, Sandbox.Spec spec, ProcessLimit.Session session, boolean bwrap)
            throws InterruptedException {
        CappedOutput out = new CappedOutput(HEAD_BYTES, TAIL_BYTES);
        CappedOutput err = new CappedOutput(HEAD_BYTES, TAIL_BYTES);
        Thread outReader = Thread.ofVirtual().start(() -> out.readFrom(process.getInputStream()));
        Thread errReader = Thread.ofVirtual().start(() -> err.readFrom(process.getErrorStream()));
        Thread.ofVirtual().start(() -> feed(process.getOutputStream(), spec.stdin()));
        boolean timedOut = false;
        boolean killed = false;
        try {
            if (!process.waitFor(spec.timeout().toNanos(), TimeUnit.NANOSECONDS)) {
                timedOut = true;
                killed = true;
                killTree(process, bwrap);
                process.waitFor();
            }
        } finally {
            if (process.isAlive()) {
                // Interrupted while waiting: nothing of the command may outlive the caller.
                killTree(process, bwrap);
            }
        }
        if (!bwrap) {
            // The command ran in a session of its own (setsid): whatever it left running is in that group.
            killed |= killGroup(process.pid());
        }
        killed |= session.killAll();
        outReader.join(DRAIN);
        errReader.join(DRAIN);
        if (outReader.isAlive() || errReader.isAlive()) {
            // A process that escaped its group still holds a pipe: stop reading rather than wait for it.
            closeQuietly(process);
            outReader.join();
            errReader.join();
        }
        Sandbox.Output stdout = out.output();
        Sandbox.Output stderr = err.output();
        return new Sandbox.Result(process.exitValue(), stdout, stderr, timedOut, killed,
                session.limitReached(stderr.text()));
    }

    /**
     * Kills the command and everything it started. Under bubblewrap, killing the outer bwrap
     * kills the sandbox's pid 1 (--die-with-parent), and with it the whole pid namespace.
     */
    private static void killTree(Process process, boolean bwrap) throws InterruptedException {
        List<ProcessHandle> tree = process.toHandle().descendants().toList();
        process.destroyForcibly();
        tree.forEach(ProcessHandle::destroyForcibly);
        if (!bwrap) {
            killGroup(process.pid());
        }
    }

    /** Sends SIGKILL to the process group {@code pgid}; true when there was a process in it. */
    private static boolean killGroup(long pgid) throws InterruptedException {
        String kill = Executables.find("kill").orElse("kill");
        try {
            Process p = new ProcessBuilder(kill, "-KILL", "--", "-" + pgid).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor() == 0;
        } catch (IOException e) {
            throw new UncheckedIOException("could not run kill to end the processes of group " + pgid, e);
        }
    }

    private static void feed(OutputStream stdin, String text) {
        try (stdin) {
            stdin.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // The command exited or closed its input before reading all of it; that is its choice.
        }
    }

    private static void closeQuietly(Process process) {
        try {
            process.getInputStream().close();
            process.getErrorStream().close();
        } catch (IOException e) {
            // Closing only unblocks the readers; what they read stands.
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
