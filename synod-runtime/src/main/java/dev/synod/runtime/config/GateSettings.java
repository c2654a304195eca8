package dev.synod.runtime.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The settings of one entry under {@code gates:} in {@code synod.yaml}: a custom gate
 * ({@code typecheck: { sh: "npx tsc --noEmit", timeout: 120s, memory: 1g }}) or the limits of a
 * built-in one ({@code test: { timeout: 15m, memory: 4g }}). Read by {@link GateReader}.
 *
 * @param sh        the command of a custom gate, run with {@code sh -c} in the sandbox; empty for a built-in gate
 * @param timeout   the wall-clock limit of one check
 * @param memory    the memory limit of one check in bytes (the heap of a JVM, the address space of anything else)
 * @param processes how many processes and threads one check may have at once
 * @param env       names of variables passed on from Synod's environment (by default the check sees none)
 */
public record GateSettings(Optional<String> sh, Optional<Duration> timeout, OptionalLong memory, OptionalInt processes,
                           List<String> env) {
    /** The keys a gate entry that runs in the sandbox may have. */
    public static final Set<String> KEYS = Set.of("sh", "timeout", "memory", "processes", "env");

    /** No settings: a built-in gate with its defaults. */
    public static final GateSettings DEFAULTS = new GateSettings(Optional.empty(), Optional.empty(), OptionalLong.empty(),
            OptionalInt.empty(), List.of());

    public GateSettings {
        env = List.copyOf(env);
    }
}
