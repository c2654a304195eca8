package dev.synod.runtime.gates;

import dev.synod.core.Gate;
import dev.synod.core.Plan;
import dev.synod.core.SynodException;
import dev.synod.runtime.config.GateSettings;
import dev.synod.runtime.config.SynodConfig;
import dev.synod.runtime.gates.internal.ConsoleJar;
import dev.synod.runtime.sandbox.Sandbox;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The gates of a run by name: the built-in ones and the custom gates of {@code synod.yaml},
 * each with its limits from {@code gates:}. Gates that run agent-written code ({@code sh},
 * {@code test} and every custom gate) share the run's {@link Sandbox}; when a plan uses one of
 * them and the sandbox cannot run here, the run is refused before it starts.
 *
 * <p>A new built-in gate is one more {@code gates.put} in {@link #forRun}, plus its name in
 * {@link #SANDBOXED} when it runs agent-written code.
 */
public final class Gates {
    /** The built-in gates that run agent-written code, and so need the sandbox. */
    private static final Set<String> SANDBOXED = Set.of("sh", "test");

    private Gates() {
    }

    /** The gates of a run with {@code config}, sandboxed by {@code sandbox}. */
    public static Map<String, Gate> forRun(SynodConfig config, Sandbox sandbox) {
        Map<String, Gate> gates = new LinkedHashMap<>();
        gates.put("exists", new ExistsGate());
        gates.put("sh", ShGate.withArgument(sandbox, GateLimits.of("sh", config.gate("sh"))));
        gates.put("test", new TestGate(sandbox, GateLimits.of("test", config.gate("test")), ConsoleJar.shared()));
        for (String name : config.gates().keySet()) {
            GateSettings settings = config.gate(name);
            settings.sh().ifPresent(command -> gates.put(name, ShGate.custom(sandbox, command, GateLimits.of(name, settings))));
        }
        return gates;
    }

    /**
     * The gates of a run of {@code plan}, with the sandbox of {@code config} whose warnings go to
     * {@code warnings}. Refuses (an {@link dev.synod.core.SynodException.InvalidInput} naming the
     * fix) when the plan runs agent-written code and the sandbox cannot run here.
     */
    public static Map<String, Gate> forRun(SynodConfig config, Plan plan, Consumer<String> warnings) {
        Sandbox sandbox = Sandbox.forConfig(config.sandbox(), warnings);
        if (!sandboxed(config, plan).isEmpty()) {
            try {
                sandbox.requireAvailable();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SynodException.Retriable("interrupted while checking the sandbox; start the run again", e);
            }
        }
        return forRun(config, sandbox);
    }

    /** The gates of {@code plan} that run agent-written code in the sandbox. */
    static Set<String> sandboxed(SynodConfig config, Plan plan) {
        Set<String> out = new TreeSet<>();
        for (Plan.Step step : plan.steps()) {
            if (step instanceof Plan.Handoff h) {
                for (Plan.GateSpec g : h.gates()) {
                    if (SANDBOXED.contains(g.name()) || config.gate(g.name()).sh().isPresent()) {
                        out.add(g.name());
                    }
                }
            }
        }
        return out;
    }
}
