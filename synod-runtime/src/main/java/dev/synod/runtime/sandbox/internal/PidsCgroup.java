package dev.synod.runtime.sandbox.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The process limit when Synod runs as root: each command gets a cgroup of its own under the
 * pids controller (cgroup v1 or v2), with {@code pids.max} set, which the kernel enforces for
 * root too. A small shell enters the cgroup and then executes the sandbox, so that everything
 * the command starts is counted from its first process on. The cgroup also lists every process
 * to kill on a timeout, and {@code pids.events} says whether the limit was hit.
 *
 * @param root    the directory of the hierarchy where the command cgroups are made
 * @param v2      whether it is a cgroup v2 (unified) hierarchy
 * @param prlimit the {@code prlimit} program, for the memory limit
 */
public record PidsCgroup(Path root, boolean v2, String prlimit) implements ProcessLimit {
    private static final String PREFIX = "synod-";
    private static final Pattern OWN = Pattern.compile(Pattern.quote(PREFIX) + "(\\d+)-\\d+");
    private static final AtomicLong SEQUENCE = new AtomicLong();

    /**
     * Bubblewrap's own processes in the cgroup besides the command's: the outer bwrap and the
     * reaper that is the sandbox's pid 1.
     */
    private static final int OWN_PROCESSES = 2;

    /** The pids hierarchy mounted on this machine, if Synod may make cgroups in it. */
    static Optional<PidsCgroup> find(String prlimit) {
        List<String> mounts;
        try {
            mounts = Files.readAllLines(Path.of("/proc/self/mountinfo"));
        } catch (IOException e) {
            return Optional.empty();
        }
        for (String line : mounts) {
            String[] halves = line.split(" - ", 2);
            if (halves.length < 2) {
                continue;
            }
            String[] left = halves[0].split(" ");
            String[] right = halves[1].split(" ");
            if (left.length < 5 || right.length < 3) {
                continue;
            }
            Path mountPoint = Path.of(unescape(left[4]));
            boolean v1 = right[0].equals("cgroup") && Arrays.asList(right[2].split(",")).contains("pids");
            boolean unified = right[0].equals("cgroup2") && words(mountPoint.resolve("cgroup.controllers")).contains("pids");
            if (v1 || unified) {
                PidsCgroup cgroup = new PidsCgroup(mountPoint, unified, prlimit);
                if (cgroup.usable()) {
                    return Optional.of(cgroup);
                }
            }
        }
        return Optional.empty();
    }

    /** Removes the cgroups of Synod processes that died, then checks that a cgroup can be made here. */
    private boolean usable() {
        try {
            if (v2 && !words(root.resolve("cgroup.subtree_control")).contains("pids")) {
                Files.writeString(root.resolve("cgroup.subtree_control"), "+pids");
            }
            sweep();
            Path probe = create(1);
            ProcessLimit.removeQuietly(probe);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private void sweep() throws IOException {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, PREFIX + "*")) {
            for (Path dir : dirs) {
                Matcher m = OWN.matcher(dir.getFileName().toString());
                if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).isEmpty()) {
                    ProcessLimit.removeQuietly(dir);
                }
            }
        }
    }

    private Path create(int maxProcesses) throws IOException {
        Path dir = root.resolve(PREFIX + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet());
        Files.createDirectory(dir);
        Files.writeString(dir.resolve("pids.max"), Integer.toString(maxProcesses));
        return dir;
    }

    @Override
    public Session open(int maxProcesses, boolean namespaced) throws IOException {
        Path dir = create(maxProcesses + (namespaced ? OWN_PROCESSES : 0));
        return new Session() {
            @Override
            public List<String> outer() {
                // $0 is the cgroup's process list; the shell moves itself there, then becomes the sandbox.
                return List.of("/bin/sh", "-c", "echo $$ > \"$0\" && exec \"$@\"", dir.resolve("cgroup.procs").toString());
            }

            @Override
            public List<String> inner(OptionalLong memory) {
                return ProcessLimit.addressSpace(prlimit, memory);
            }

            @Override
            public boolean killAll() throws InterruptedException {
                boolean killed = false;
                for (int round = 0; round < 1000; round++) {
                    List<Long> pids = pids(dir);
                    if (pids.isEmpty()) {
                        return killed;
                    }
                    killed = true;
                    if (v2 && Files.exists(dir.resolve("cgroup.kill"))) {
                        write(dir.resolve("cgroup.kill"), "1");
                    } else {
                        pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
                    }
                    // Killed processes leave the list once the kernel has reaped them; this waits for that, not for time.
                    Thread.sleep(5);
                }
                throw new IllegalStateException("processes of " + dir + " survived 1000 rounds of SIGKILL: " + pids(dir));
            }

            @Override
            public boolean limitReached(String stderr) {
                // The kernel counts every fork the limit refused, whether or not the command said so.
                for (String line : lines(dir.resolve("pids.events"))) {
                    String[] parts = line.strip().split("\\s+");
                    if (parts.length == 2 && parts[0].equals("max") && !parts[1].equals("0")) {
                        return true;
                    }
                }
                return false;
            }

            @Override
            public void close() {
                ProcessLimit.removeQuietly(dir);
            }
        };
    }

    private static List<Long> pids(Path dir) {
        return lines(dir.resolve("cgroup.procs")).stream().map(String::strip).filter(s -> !s.isEmpty())
                .map(Long::parseLong).toList();
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + file, e);
        }
    }

    private static List<String> words(Path file) {
        return lines(file).stream().flatMap(l -> Arrays.stream(l.strip().split("\\s+"))).toList();
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Mount points in mountinfo escape space, tab, newline and backslash as octal. */
    private static String unescape(String field) {
        Matcher m = Pattern.compile("\\\\([0-7]{3})").matcher(field);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(m.group(1), 8))));
        }
        m.appendTail(out);
        return out.toString();
    }
}
