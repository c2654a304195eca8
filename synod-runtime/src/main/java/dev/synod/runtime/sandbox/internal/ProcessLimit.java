package dev.synod.runtime.sandbox.internal;

import dev.synod.core.SynodException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How a sandboxed command's number of processes (threads included) is bounded, so that a fork
 * bomb stays contained.
 *
 * <p>For an ordinary user, {@code RLIMIT_NPROC} set by {@code prlimit} inside the sandbox does
 * it: bubblewrap has created a user namespace by then, and the kernel counts a namespace's
 * processes separately, so the limit counts the command's processes only. The kernel never
 * applies {@code RLIMIT_NPROC} to the global root user, however, so when Synod runs as root the
 * limit is a pids cgroup of its own instead ({@link PidsCgroup}). Memory is an address-space
 * rlimit ({@code prlimit --as}) in both cases; it binds root too.
 */
public sealed interface ProcessLimit permits ProcessLimit.Rlimit, PidsCgroup {

    /** One command's limit: what to put before and inside the sandbox, and what it saw afterwards. */
    interface Session extends AutoCloseable {
        /** Words before the sandbox's own command line (entering a cgroup), or none. */
        List<String> outer();

        /** Words inside the sandbox before the command, applying the rlimits. */
        List<String> inner(OptionalLong memory);

        /** Kills every process still counted against the limit; true when there was one. */
        boolean killAll() throws InterruptedException;

        /**
         * Whether the command tried to go past its limit: counted by the kernel where the limit
         * is a cgroup, else seen in what the command printed on {@code stderr}, where shells and the
         * JVM complain. Standard output is the command's own: a correct gate may print the words.
         */
        boolean limitReached(String stderr);

        @Override
        void close();
    }

    /** The limit that works for the user running Synod, or an error naming the fix. */
    static ProcessLimit detect() {
        String prlimit = Executables.find("prlimit").orElseThrow(() -> new SynodException.InvalidInput(
                "prlimit (from util-linux) is not installed; the sandbox needs it to limit processes and memory: "
                        + "install util-linux"));
        if (Executables.effectiveUid() != 0) {
            return new Rlimit(prlimit);
        }
        Optional<PidsCgroup> cgroup = PidsCgroup.find(prlimit);
        return cgroup.orElseThrow(() -> new SynodException.InvalidInput("Synod runs as root, where the kernel does not "
                + "apply a process limit (RLIMIT_NPROC), and no writable pids cgroup was found under /sys/fs/cgroup to "
                + "limit agent-written code instead; run Synod as an ordinary user, or mount the pids cgroup "
                + "controller read-write"));
    }

    /** Opens the limit of one command; {@code namespaced} when it runs in a user namespace of its own. */
    Session open(int maxProcesses, boolean namespaced) throws IOException;

    /** {@code prlimit --nproc} inside the sandbox. */
    record Rlimit(String prlimit) implements ProcessLimit {
        @Override
        public Session open(int maxProcesses, boolean namespaced) {
            // Outside a user namespace the kernel counts all of the user's processes, so the command
            // gets its allowance on top of what the user already runs.
            long limit = namespaced ? maxProcesses : maxProcesses + Executables.tasksOfCurrentUser();
            return new Session() {
                @Override
                public List<String> outer() {
                    return List.of();
                }

                @Override
                public List<String> inner(OptionalLong memory) {
                    return memory.isPresent()
                            ? List.of(prlimit, "--nproc=" + limit + ":" + limit, "--as=" + memory.getAsLong() + ":"
                            + memory.getAsLong(), "--")
                            : List.of(prlimit, "--nproc=" + limit + ":" + limit, "--");
                }

                @Override
                public boolean killAll() {
                    return false;
                }

                @Override
                public boolean limitReached(String stderr) {
                    // The kernel keeps no count of refused forks under an rlimit; the refused
                    // program's own complaint, on stderr, is the only sign of it.
                    return ForkRefusal.in(stderr);
                }

                @Override
                public void close() {
                }
            };
        }
    }

    /** The words of {@code prlimit --as}, or none without a memory limit. */
    static List<String> addressSpace(String prlimit, OptionalLong memory) {
        return memory.isPresent()
                ? List.of(prlimit, "--as=" + memory.getAsLong() + ":" + memory.getAsLong(), "--")
                : List.of();
    }

    /** Deletes {@code dir} if it is there, ignoring a failure that the next sweep will retry. */
    static void removeQuietly(Path dir) {
        try {
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // A cgroup that still holds a dying process cannot be removed yet; PidsCgroup sweeps it later.
        }
    }
}
