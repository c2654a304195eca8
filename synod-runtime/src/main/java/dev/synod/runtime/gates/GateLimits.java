package dev.synod.runtime.gates;

import dev.synod.runtime.config.GateSettings;
import dev.synod.runtime.sandbox.Sandbox;
import dev.synod.runtime.config.Units;
import java.time.Duration;
import java.util.List;

/**
 * The limits of one gate's check, from its entry under {@code gates:} in {@code synod.yaml}
 * with the defaults filled in: 10 minutes, 2 GiB, 256 processes, no inherited variables.
 *
 * @param name      the gate's name, for saying which key to change
 * @param timeout   wall-clock limit of one check
 * @param memory    bytes: the heap of a JVM the gate starts, the address space of anything else
 * @param processes processes and threads at once
 * @param env       names of Synod's environment variables passed on to the check
 */
public record GateLimits(String name, Duration timeout, long memory, int processes, List<String> env) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);
    public static final long DEFAULT_MEMORY = 2L << 30;
    public static final int DEFAULT_PROCESSES = 256;

    public GateLimits {
        env = List.copyOf(env);
    }

    /** The limits of gate {@code name} with {@code settings}, defaults where they say nothing. */
    public static GateLimits of(String name, GateSettings settings) {
        return new GateLimits(name, settings.timeout().orElse(DEFAULT_TIMEOUT), settings.memory().orElse(DEFAULT_MEMORY),
                settings.processes().orElse(DEFAULT_PROCESSES), settings.env());
    }

    /**
     * Why a check that ran out of time or processes failed, naming the keys that change the
     * limits; null if it did not. Reaching the process limit fails a check whatever its exit
     * status: a command refused a process did not do all it meant to.
     */
    String overrun(String what, Sandbox.Result result) {
        String processes = "reached its process limit of " + this.processes + " (gates." + name + ".processes in synod.yaml)";
        if (result.timedOut()) {
            return what + " did not finish within " + Units.describe(timeout) + " (gates." + name + ".timeout in synod.yaml); "
                    + "the sandbox killed its processes" + (result.processLimitReached() ? "; it also " + processes : "");
        }
        return result.processLimitReached() ? what + " " + processes + ": the sandbox refused to start more processes, "
                + "so the check fails whatever its exit status (it exited with status " + result.exitCode() + ")" : null;
    }
}
