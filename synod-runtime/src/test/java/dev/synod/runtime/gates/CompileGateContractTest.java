package dev.synod.runtime.gates;

import dev.synod.core.Gate;
import dev.synod.testkit.GateContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

class CompileGateContractTest extends GateContract {
    @Override
    protected Gate gate() {
        try {
            return new CompileGate(CompileGate.Settings.defaults(), Files.createTempDirectory("synod-classpath-cache"),
                    TreeFiles.sandbox());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    protected Gate.Input passing(Path tree) throws IOException {
        TreeFiles.write(tree, Map.of(
                "src/main/java/shop/Shop.java", "package shop;\n\npublic class Shop {\n    long total(long a, long b) {\n"
                        + "        return a + b;\n    }\n}\n",
                "src/test/java/shop/ShopCheck.java", "package shop;\n\nclass ShopCheck {\n    boolean adds() {\n"
                        + "        return new Shop().total(1, 2) == 3;\n    }\n}\n"));
        return new Gate.Input(tree, null, List.of("src/**"));
    }

    /** The main class calls a method that does not exist. */
    @Override
    protected Gate.Input failing(Path tree) throws IOException {
        TreeFiles.write(tree, Map.of("src/main/java/shop/Shop.java",
                "package shop;\n\npublic class Shop {\n    long total(long a, long b) {\n        return sum(a, b);\n    }\n}\n"));
        return new Gate.Input(tree, null, List.of("src/**"));
    }
}
