package dev.synod.runtime.sandbox.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Facts about this machine that the sandbox needs: where a program is, who we are, how many tasks we run. */
final class Executables {
    private static final List<String> SYSTEM_PATH = List.of("/usr/local/bin", "/usr/bin", "/bin", "/usr/sbin", "/sbin");

    private Executables() {
    }

    /** The absolute path of a system program, looked up on the system path rather than the caller's PATH. */
    static Optional<String> find(String name) {
        return SYSTEM_PATH.stream().map(dir -> Path.of(dir, name)).filter(Files::isExecutable).findFirst()
                .map(Path::toString);
    }

    /** The effective user id of this process: the owner of its {@code /proc/self}. */
    static int effectiveUid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/self to find the user running Synod", e);
        }
    }

    /** The number of tasks (threads) whose real user is this process's, as RLIMIT_NPROC counts them. */
    static long tasksOfCurrentUser() {
        String uid = Integer.toString(effectiveUid());
        long tasks = 0;
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString()
                .chars().allMatch(Character::isDigit))) {
            for (Path proc : procs) {
                tasks += tasksOf(proc, uid);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list /proc to count this user's processes", e);
        }
        return tasks;
    }

    private static long tasksOf(Path proc, String uid) {
        try {
            String real = null;
            long threads = 0;
            for (String line : Files.readAllLines(proc.resolve("status"))) {
                if (line.startsWith("Uid:")) {
                    real = line.substring(4).strip().split("\\s+")[0];
                } else if (line.startsWith("Threads:")) {
                    threads = Long.parseLong(line.substring(8).strip());
                }
            }
            return uid.equals(real) ? threads : 0;
        } catch (IOException | RuntimeException e) {
            // The process ended while we looked: it no longer counts.
            return 0;
        }
    }
}
