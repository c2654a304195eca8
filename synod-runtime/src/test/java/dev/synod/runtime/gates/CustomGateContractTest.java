package dev.synod.runtime.gates;

import dev.synod.core.Gate;
import dev.synod.runtime.config.SynodConfig;
import dev.synod.runtime.sandbox.Sandbox;
import dev.synod.testkit.GateContract;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** A custom gate from synod.yaml's gates: section, built by the Gates factory. */
class CustomGateContractTest extends GateContract {
    @Override
    protected Gate gate() {
        SynodConfig config = SynodConfig.parse("""
                gates:
                  todo: { sh: "! grep -rn TODO src", timeout: 60s, memory: 256m, processes: 64 }
                """, Path.of("synod.yaml"));
        return Gates.forRun(config, Sandbox.create(Sandbox.Mode.BWRAP, System.getenv(), w -> { })).get("todo");
    }

    @Override
    protected Gate.Input passing(Path tree) throws IOException {
        new ShGateContractTest().passing(tree);
        return new Gate.Input(tree, null, List.of("src/**"));
    }

    @Override
    protected Gate.Input failing(Path tree) throws IOException {
        new ShGateContractTest().failing(tree);
        return new Gate.Input(tree, null, List.of("src/**"));
    }

    /** The sh gate hands its output on raw: the engine's one normalizer locates it. */
    @Override
    protected Gate.Verdict asTheEngineSeesIt(Gate.Verdict verdict, Path tree) {
        return Diagnostics.normalize(verdict, tree);
    }
}
