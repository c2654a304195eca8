package dev.synod.runtime.agents.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

/** Shell scripts that stand in for coding-agent CLIs, and a look at the processes they leave. */
final class Scripts {
    private Scripts() {
    }

    /** Writes an executable {@code /bin/sh} script {@code name} with {@code body} into {@code dir}. */
    static Path write(Path dir, String name, String body) throws IOException {
        Path script = dir.resolve(name);
        Files.createDirectories(dir);
        Files.writeString(script, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    /**
     * Whether process {@code pid} still runs. A zombie does not: it has exited and waits only to
     * be reaped, which in a container whose PID 1 does not reap orphans may never happen (the JDK's
     * {@code ProcessHandle.isAlive} counts zombies as alive, so it cannot be used here).
     */
    static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (NoSuchFileException gone) {
            return false;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Whether {@code pid} stops running within {@code patience} (a SIGKILL is delivered asynchronously). */
    static boolean stops(long pid, Duration patience) throws InterruptedException {
        long end = System.nanoTime() + patience.toNanos();
        while (running(pid)) {
            if (System.nanoTime() > end) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    /** The process ids a script wrote into {@code file}, one a line, once there are {@code count} of them. */
    static List<Long> pids(Path file, int count, Duration patience) throws InterruptedException, IOException {
        long end = System.nanoTime() + patience.toNanos();
        while (true) {
            if (Files.exists(file)) {
                List<Long> pids = Files.readAllLines(file).stream().filter(l -> !l.isBlank()).map(String::strip)
                        .map(Long::parseLong).toList();
                if (pids.size() >= count) {
                    return pids;
                }
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("the script did not write " + count + " process ids into " + file + " within "
                        + patience);
            }
            Thread.sleep(20);
        }
    }
}
