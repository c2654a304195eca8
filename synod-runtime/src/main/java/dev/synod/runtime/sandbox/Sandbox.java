package dev.synod.runtime.sandbox;

import dev.synod.core.SynodException;
import dev.synod.runtime.sandbox.internal.BwrapCommand;
import dev.synod.runtime.sandbox.internal.Execution;
import dev.synod.runtime.sandbox.internal.ProcessLimit;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * Runs a command where agent-written code cannot reach what it should not (ARCHITECTURE.md §6):
 * under bubblewrap with no network, a read-only system, the working directory as the only
 * writable place besides a private {@code /tmp}, no view of the caller's home directory, an
 * environment holding only {@code PATH}, {@code HOME}, {@code LANG}, {@code TMPDIR} and what the
 * {@link Spec} names, and limits on processes, address space and wall-clock time.
 *
 * <p>With {@link Mode#NONE} the command runs directly with the same environment scrubbing and
 * limits but no isolation, and every run says so through the warnings consumer. With
 * {@link Mode#BWRAP}, when bubblewrap is missing or cannot create its namespaces, {@link #run}
 * refuses with an {@link SynodException.InvalidInput} that names the fix.
 */
public final class Sandbox {
    /** The limits of a {@link Spec} that sets none: 10 minutes, 256 processes (and no address-space limit). */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);
    public static final int DEFAULT_MAX_PROCESSES = 256;

    /** How commands are isolated: {@code sandbox: bwrap} (the default) or {@code sandbox: none}. */
    public enum Mode {
        BWRAP, NONE
    }

    /** A host path made visible inside the sandbox at the same path, read-only unless {@code writable}. */
    public record Bind(Path path, boolean writable) {
        public Bind {
            Objects.requireNonNull(path, "path");
            if (!path.isAbsolute()) {
                throw new IllegalArgumentException("a sandbox bind must be an absolute path, found " + path);
            }
            path = path.normalize();
        }

        public static Bind readOnly(Path path) {
            return new Bind(path, false);
        }

        public static Bind writable(Path path) {
            return new Bind(path, true);
        }
    }

    /**
     * What to run and within which limits.
     *
     * @param dir          the working directory, bound writable at the same path
     * @param argv         the command and its arguments
     * @param env          variables the command sees besides PATH, HOME, LANG and TMPDIR (which these may override,
     *                     except HOME and TMPDIR: the command's private home)
     * @param timeout      wall-clock limit; past it the whole process tree is killed
     * @param memory       address-space limit in bytes, or empty for none (a JVM gets {@code -Xmx} instead,
     *                     since an address-space limit breaks it)
     * @param maxProcesses processes and threads the command may have at once
     * @param network      whether the command may use the network (false: it has only a loopback of its own)
     * @param stdin        what the command reads on standard input ("" for nothing)
     * @param binds        further host paths to show, such as a JDK outside {@code /usr}
     */
    public record Spec(Path dir, List<String> argv, Map<String, String> env, Duration timeout, OptionalLong memory,
                       int maxProcesses, boolean network, String stdin, List<Bind> binds) {
        public Spec {
            Objects.requireNonNull(dir, "dir");
            if (!dir.isAbsolute()) {
                throw new IllegalArgumentException("the sandbox's directory must be absolute, found " + dir);
            }
            dir = dir.normalize();
            argv = List.copyOf(argv);
            if (argv.isEmpty()) {
                throw new IllegalArgumentException("the sandbox needs a command to run, found an empty argv");
            }
            env = Map.copyOf(env);
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("the sandbox's timeout must be positive, found " + timeout);
            }
            if (memory.isPresent() && memory.getAsLong() <= 0) {
                throw new IllegalArgumentException("the sandbox's memory limit must be positive, found " + memory.getAsLong());
            }
            if (maxProcesses < 1) {
                throw new IllegalArgumentException("the sandbox's process limit must be at least 1, found " + maxProcesses);
            }
            Objects.requireNonNull(stdin, "stdin");
            binds = List.copyOf(binds);
        }

        /** {@code argv} in {@code dir} with the defaults: 10 minutes, no address-space limit, 256 processes, no network. */
        public static Spec of(Path dir, List<String> argv) {
            return new Spec(dir, argv, Map.of(), DEFAULT_TIMEOUT, OptionalLong.empty(), DEFAULT_MAX_PROCESSES, false, "",
                    List.of());
        }

        public Spec withEnv(Map<String, String> variables) {
            return new Spec(dir, argv, variables, timeout, memory, maxProcesses, network, stdin, binds);
        }

        public Spec withTimeout(Duration limit) {
            return new Spec(dir, argv, env, limit, memory, maxProcesses, network, stdin, binds);
        }

        public Spec withMemory(long bytes) {
            return new Spec(dir, argv, env, timeout, OptionalLong.of(bytes), maxProcesses, network, stdin, binds);
        }

        public Spec withMaxProcesses(int limit) {
            return new Spec(dir, argv, env, timeout, memory, limit, network, stdin, binds);
        }

        public Spec withNetwork(boolean allowed) {
            return new Spec(dir, argv, env, timeout, memory, maxProcesses, allowed, stdin, binds);
        }

        public Spec withStdin(String input) {
            return new Spec(dir, argv, env, timeout, memory, maxProcesses, network, input, binds);
        }

        public Spec withBinds(List<Bind> paths) {
            return new Spec(dir, argv, env, timeout, memory, maxProcesses, network, stdin, paths);
        }
    }

    /** Captured output: its text (head and tail when it was too long) and how many bytes were cut from the middle. */
    public record Output(String text, long cutBytes) {
        public boolean cut() {
            return cutBytes > 0;
        }
    }

    /**
     * How the command ended.
     *
     * @param exitCode            the command's exit status (128 + signal when a signal ended it)
     * @param timedOut            the wall-clock limit passed and the sandbox killed the command's processes
     * @param killed              the sandbox killed processes: on a timeout, or ones the command left running
     * @param processLimitReached the command tried to exceed its process limit; counted by the kernel where the
     *                            limit is a pids cgroup (Synod running as root), elsewhere seen in the command's
     *                            own output ("Cannot fork", "fork: Resource temporarily unavailable")
     */
    public record Result(int exitCode, Output stdout, Output stderr, boolean timedOut, boolean killed,
                         boolean processLimitReached) {
        /**
         * Exit status 0 within the time and the process limit. A command that was refused a
         * process did not do all it meant to, whatever status it then chose to exit with.
         */
        public boolean succeeded() {
            return exitCode == 0 && !timedOut && !processLimitReached;
        }
    }

    private final Mode mode;
    private final Map<String, String> parentEnv;
    private final Consumer<String> warnings;
    private ProcessLimit limit;
    private String unavailable;
    private boolean probed;

    private Sandbox(Mode mode, Map<String, String> parentEnv, Consumer<String> warnings) {
        this.mode = mode;
        this.parentEnv = Map.copyOf(parentEnv);
        this.warnings = warnings;
    }

    /**
     * A sandbox of the given mode. {@code parentEnv} is the environment of the process that runs
     * Synod (secrets included): bubblewrap is started with it and clears it; {@code warnings}
     * receives the warning of every unisolated run.
     */
    public static Sandbox create(Mode mode, Map<String, String> parentEnv, Consumer<String> warnings) {
        return new Sandbox(mode, parentEnv, warnings);
    }

    /** A sandbox for the {@code sandbox:} value of {@code synod.yaml}, in this process's environment. */
    public static Sandbox forConfig(Mode sandbox, Consumer<String> warnings) {
        return create(sandbox, System.getenv(), warnings);
    }

    public Mode mode() {
        return mode;
    }

    /** The values of the named variables in the parent environment, for passing them on explicitly. */
    public Map<String, String> inherited(Collection<String> names) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : names) {
            String value = parentEnv.get(name);
            if (value != null) {
                out.put(name, value);
            }
        }
        return out;
    }

    /**
     * Fails with a message naming the fix when this sandbox cannot run commands here: bubblewrap
     * missing or unable to create namespaces, or no way to limit the number of processes.
     */
    public synchronized void requireAvailable() throws InterruptedException {
        if (!probed) {
            probed = true;
            try {
                limit = ProcessLimit.detect();
                if (mode == Mode.BWRAP) {
                    unavailable = BwrapCommand.probe(BwrapCommand.program(), parentEnv).orElse(null);
                }
            } catch (SynodException.InvalidInput e) {
                unavailable = e.getMessage();
            }
        }
        if (unavailable != null) {
            throw new SynodException.InvalidInput(unavailable);
        }
    }

    /** Runs the command of {@code spec} and waits for it, at most its timeout. */
    public Result run(Spec spec) throws InterruptedException {
        requireAvailable();
        if (mode == Mode.NONE) {
            warnings.accept("warning: sandbox: none — running " + String.join(" ", spec.argv()) + " in " + spec.dir()
                    + " without isolation: it can read your files and use the network (set 'sandbox: bwrap' to isolate it)");
        }
        Map<String, String> env = scrubbedEnvironment(spec);
        return Execution.run(mode == Mode.BWRAP, spec, env, parentEnv, limit);
    }

    /**
     * PATH and LANG, then the spec's own variables; nothing else of the parent. HOME and TMPDIR
     * are set where the private home is made: by bubblewrap's command line, or for a direct run.
     */
    private Map<String, String> scrubbedEnvironment(Spec spec) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin:/usr/local/sbin:/usr/sbin:/sbin");
        env.put("LANG", parentEnv.getOrDefault("LANG", "C.UTF-8"));
        env.putAll(spec.env());
        return env;
    }
}
