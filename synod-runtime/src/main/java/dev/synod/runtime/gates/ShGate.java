package dev.synod.runtime.gates;

import dev.synod.core.Event;
import dev.synod.core.Gate;
import dev.synod.runtime.sandbox.Sandbox;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code sh "COMMAND"}, and every custom gate of {@code synod.yaml} ({@code typecheck: { sh: "npx
 * tsc --noEmit" }}): runs {@code sh -c COMMAND} in the sandbox with the checked-out tree as its
 * working directory. Exit status 0 passes; anything else fails, with the command's output
 * (standard error first) as raw diagnostics, which {@link Diagnostics#normalize} locates and caps.
 */
public final class ShGate implements Gate {
    private final Sandbox sandbox;
    private final Optional<String> command;
    private final GateLimits limits;

    private ShGate(Sandbox sandbox, Optional<String> command, GateLimits limits) {
        this.sandbox = sandbox;
        this.command = command;
        this.limits = limits;
    }

    /** The built-in {@code sh}, whose command is its argument in the choreography. */
    public static ShGate withArgument(Sandbox sandbox, GateLimits limits) {
        return new ShGate(sandbox, Optional.empty(), limits);
    }

    /** A custom gate that always runs {@code command}. */
    public static ShGate custom(Sandbox sandbox, String command, GateLimits limits) {
        return new ShGate(sandbox, Optional.of(command), limits);
    }

    @Override
    public Verdict check(Input input) throws InterruptedException {
        String script = command.orElse(input.argument());
        if (script == null || script.isBlank()) {
            return new Verdict(Event.Verdict.ERROR, List.of("the sh gate needs the command to run as its argument, "
                    + "such as gate sh \"make check\"; found " + (script == null ? "none" : "an empty string")));
        }
        Sandbox.Result result = sandbox.run(Sandbox.Spec.of(input.tree().toAbsolutePath(), List.of("sh", "-c", script))
                .withTimeout(limits.timeout()).withMemory(limits.memory()).withMaxProcesses(limits.processes())
                .withEnv(sandbox.inherited(limits.env())));
        if (result.succeeded()) {
            return Verdict.pass();
        }
        String what = limits.name() + " \"" + script + "\"";
        List<String> diagnostics = new ArrayList<>();
        String overrun = limits.overrun(what, result);
        diagnostics.add(overrun != null ? overrun : what + " exited with status " + result.exitCode());
        // The output as it is: the engine's one normalizer (Diagnostics) locates, dedupes and caps it.
        diagnostics.add(result.stderr().text());
        diagnostics.add(result.stdout().text());
        return Verdict.fail(diagnostics);
    }
}
