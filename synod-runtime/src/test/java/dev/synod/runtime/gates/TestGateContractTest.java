package dev.synod.runtime.gates;

import dev.synod.core.Gate;
import dev.synod.runtime.config.GateSettings;
import dev.synod.runtime.gates.internal.ConsoleJar;
import dev.synod.runtime.sandbox.Sandbox;
import dev.synod.testkit.GateContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** {@code test}: real javac, real JUnit in a forked JVM under bubblewrap. */
class TestGateContractTest extends GateContract {
    static final String CART = """
            package shop;

            public final class Cart {
                private int items;

                public void add(int n) {
                    items += n;
                }

                public int items() {
                    return items;
                }
            }
            """;

    static String cartTest(int expected) {
        return """
                package shop;

                import static org.junit.jupiter.api.Assertions.assertEquals;

                import org.junit.jupiter.api.Test;

                class CartTest {
                    @Test
                    void adds() {
                        Cart cart = new Cart();
                        cart.add(1);
                        cart.add(2);
                        assertEquals(%d, cart.items());
                    }
                }
                """.formatted(expected);
    }

    static TestGate testGate(GateSettings settings) {
        return new TestGate(Sandbox.create(Sandbox.Mode.BWRAP, System.getenv(), w -> { }), GateLimits.of("test", settings),
                new ConsoleJar());
    }

    static void write(Path tree, Map<String, String> files) throws IOException {
        for (var file : files.entrySet()) {
            Path path = tree.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue());
        }
    }

    @Override
    protected Gate gate() {
        return testGate(GateSettings.DEFAULTS);
    }

    @Override
    protected Gate.Input passing(Path tree) throws IOException {
        write(tree, Map.of("src/main/java/shop/Cart.java", CART, "src/test/java/shop/CartTest.java", cartTest(3)));
        return new Gate.Input(tree, null, List.of("src/**"));
    }

    @Override
    protected Gate.Input failing(Path tree) throws IOException {
        write(tree, Map.of("src/main/java/shop/Cart.java", CART, "src/test/java/shop/CartTest.java", cartTest(4)));
        return new Gate.Input(tree, null, List.of("src/**"));
    }
}
