package dev.synod.runtime.gates;

import dev.synod.core.Gate;
import dev.synod.runtime.config.GateSettings;
import dev.synod.runtime.sandbox.Sandbox;
import dev.synod.testkit.GateContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code sh "COMMAND"} in the bubblewrap sandbox: a linter-like command that prints grep -n locations. */
class ShGateContractTest extends GateContract {
    static final String NO_TODO = "! grep -rn TODO src";

    @Override
    protected Gate gate() {
        return ShGate.withArgument(Sandbox.create(Sandbox.Mode.BWRAP, System.getenv(), w -> { }),
                GateLimits.of("sh", GateSettings.DEFAULTS));
    }

    @Override
    protected Gate.Input passing(Path tree) throws IOException {
        Files.createDirectories(tree.resolve("src"));
        Files.writeString(tree.resolve("src/Shop.java"), "class Shop {\n}\n");
        return new Gate.Input(tree, NO_TODO, List.of("src/**"));
    }

    @Override
    protected Gate.Input failing(Path tree) throws IOException {
        Files.createDirectories(tree.resolve("src"));
        Files.writeString(tree.resolve("src/Shop.java"), "class Shop {\n  // TODO pay\n}\n");
        return new Gate.Input(tree, NO_TODO, List.of("src/**"));
    }

    /** The sh gate hands its output on raw: the engine's one normalizer locates it. */
    @Override
    protected Gate.Verdict asTheEngineSeesIt(Gate.Verdict verdict, Path tree) {
        return Diagnostics.normalize(verdict, tree);
    }
}
