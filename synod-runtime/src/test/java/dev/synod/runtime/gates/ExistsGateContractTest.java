package dev.synod.runtime.gates;

import dev.synod.core.Gate;
import dev.synod.testkit.GateContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

class ExistsGateContractTest extends GateContract {
    @Override
    protected Gate gate() {
        return new ExistsGate();
    }

    @Override
    protected Gate.Input passing(Path tree) throws IOException {
        Files.createDirectories(tree.resolve("src"));
        Files.writeString(tree.resolve("src/Shop.java"), "class Shop {}\n");
        Files.writeString(tree.resolve("README.md"), "# Shop\n");
        return new Gate.Input(tree, null, List.of("src/**", "README.md"));
    }

    /** One glob matches only an empty file, another nothing at all. */
    @Override
    protected Gate.Input failing(Path tree) throws IOException {
        Files.createDirectories(tree.resolve("src"));
        Files.writeString(tree.resolve("src/Shop.java"), "");
        return new Gate.Input(tree, null, List.of("src/**", "docs/*.md"));
    }
}
