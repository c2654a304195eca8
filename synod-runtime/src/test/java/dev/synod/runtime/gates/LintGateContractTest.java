package dev.synod.runtime.gates;

import dev.synod.core.Gate;
import dev.synod.testkit.GateContract;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The lint gate with Synod's default Checkstyle configuration. */
class LintGateContractTest extends GateContract {
    @Override
    protected Gate gate() {
        return new LintGate(Optional.empty(), Path.of("."));
    }

    @Override
    protected Gate.Input passing(Path tree) throws IOException {
        TreeFiles.write(tree, Map.of("src/main/java/shop/Shop.java", """
                package shop;

                import java.util.List;

                public class Shop {
                    private static final long FEE = 5L;

                    long total(List<Long> prices) {
                        long sum = FEE;
                        for (long price : prices) {
                            sum += price;
                        }
                        return sum;
                    }
                }
                """));
        return new Gate.Input(tree, null, List.of("src/**"));
    }

    /** An unused import and an if without braces. */
    @Override
    protected Gate.Input failing(Path tree) throws IOException {
        TreeFiles.write(tree, Map.of("src/main/java/shop/Shop.java", """
                package shop;

                import java.util.Map;

                public class Shop {
                    long total(long a) {
                        if (a < 0) return 0;
                        return a;
                    }
                }
                """));
        return new Gate.Input(tree, null, List.of("src/**"));
    }
}
