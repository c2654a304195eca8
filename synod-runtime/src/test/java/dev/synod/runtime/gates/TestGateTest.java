package dev.synod.runtime.gates;

import static dev.synod.runtime.gates.TestGateContractTest.CART;
import static dev.synod.runtime.gates.TestGateContractTest.cartTest;
import static dev.synod.runtime.gates.TestGateContractTest.testGate;
import static dev.synod.runtime.gates.TestGateContractTest.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.core.Event;
import dev.synod.core.Gate;
import dev.synod.runtime.config.GateSettings;
import dev.synod.runtime.gates.internal.ConsoleJar;
import dev.synod.runtime.sandbox.Leftovers;
import dev.synod.runtime.sandbox.Sandbox;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestGateTest {
    @TempDir
    Path root;

    private static final String BROKEN = """
            package other;

            import static org.junit.jupiter.api.Assertions.assertTrue;

            import org.junit.jupiter.api.Test;

            class BrokenTest {
                @Test
                void breaks() {
                    assertTrue(false, "broken on purpose");
                }
            }
            """;

    private Gate.Verdict check(Gate gate, Path tree, String glob) throws InterruptedException {
        return gate.check(new Gate.Input(tree, glob, List.of("src/**")));
    }

    private static GateSettings limits(Duration timeout, long memory) {
        return new GateSettings(Optional.empty(), Optional.of(timeout), OptionalLong.of(memory), OptionalInt.empty(), List.of());
    }

    @Test
    void names_the_failing_test_with_its_line_and_message() throws Exception {
        write(root, Map.of("src/main/java/shop/Cart.java", CART, "src/test/java/shop/CartTest.java", cartTest(4)));

        Gate.Verdict verdict = check(testGate(GateSettings.DEFAULTS), root, null);

        assertThat(verdict.diagnostics()).containsExactly(
                "src/test/java/shop/CartTest.java:13:1: CartTest.adds: expected: <4> but was: <3>");
    }

    @Test
    void runs_only_the_tests_under_its_glob() throws Exception {
        write(root, Map.of("src/main/java/shop/Cart.java", CART, "src/test/java/shop/CartTest.java", cartTest(3),
                "src/test/java/other/BrokenTest.java", BROKEN));
        TestGate gate = testGate(GateSettings.DEFAULTS);

        Gate.Verdict shop = check(gate, root, "src/test/java/shop/**");
        Gate.Verdict other = check(gate, root, "src/test/java/other/**");

        assertThat(shop.kind()).as("%s", shop.diagnostics()).isEqualTo(Event.Verdict.PASS);
        assertThat(other.diagnostics()).containsExactly(
                "src/test/java/other/BrokenTest.java:10:1: BrokenTest.breaks: broken on purpose ==> expected: <true> but was: <false>");
    }

    @Test
    void fails_when_no_test_matches_its_glob() throws Exception {
        write(root, Map.of("src/test/java/shop/CartTest.java", cartTest(3), "src/main/java/shop/Cart.java", CART));

        Gate.Verdict verdict = check(testGate(GateSettings.DEFAULTS), root, "src/test/java/bank/**");

        assertThat(verdict.diagnostics()).containsExactly(
                "src/test/java/bank/**:1:1: no test source under src/test/java matches this glob");
    }

    @Test
    void locates_compile_errors() throws Exception {
        write(root, Map.of("src/main/java/shop/Cart.java", CART.replace("items += n;", "items += m;"),
                "src/test/java/shop/CartTest.java", cartTest(3)));

        Gate.Verdict verdict = check(testGate(GateSettings.DEFAULTS), root, null);

        assertThat(verdict.kind()).isEqualTo(Event.Verdict.FAIL);
        assertThat(verdict.diagnostics()).singleElement().asString()
                .startsWith("src/main/java/shop/Cart.java:7:18: cannot find symbol");
    }

    @Test
    void bounds_the_heap_of_the_forked_jvm_by_the_memory_limit() throws Exception {
        Path bounded = Files.createDirectories(root.resolve("bounded"));
        Path hog = Files.createDirectories(root.resolve("hog"));
        write(bounded, Map.of("src/test/java/mem/HeapTest.java", heapTest("""
                long max = Runtime.getRuntime().maxMemory();
                        assertTrue(max <= 96L * 1024 * 1024, "max heap " + max);""")));
        write(hog, Map.of("src/test/java/mem/HeapTest.java", heapTest("""
                byte[][] hog = new byte[64][];
                        for (int i = 0; i < hog.length; i++) {
                            hog[i] = new byte[4 * 1024 * 1024];
                        }""")));
        TestGate gate = testGate(limits(Duration.ofMinutes(5), 96L << 20));

        Gate.Verdict withinBounds = check(gate, bounded, null);
        Gate.Verdict beyond = check(gate, hog, null);

        assertThat(withinBounds.kind()).as("%s", withinBounds.diagnostics()).isEqualTo(Event.Verdict.PASS);
        assertThat(beyond.diagnostics()).first().isEqualTo(
                "src/test/java/mem/HeapTest.java:12:1: the test JVM died: java.lang.OutOfMemoryError: Java heap space");
        assertThat(beyond.diagnostics()).noneMatch(d -> d.strip().startsWith("at "));
    }

    private static String heapTest(String body) {
        return """
                package mem;

                import static org.junit.jupiter.api.Assertions.assertTrue;

                import org.junit.jupiter.api.Test;

                class HeapTest {
                    @Test
                    void heap() {
                        %s
                    }
                }
                """.formatted(body);
    }

    @Test
    void fails_tests_that_overrun_their_time_and_kills_them() throws Exception {
        String marker = "synod-overrun-" + UUID.randomUUID();
        write(root, Map.of("src/test/java/slow/SlowTest.java", """
                package slow;

                import org.junit.jupiter.api.Test;

                class SlowTest {
                    @Test
                    void neverEnds() throws Exception {
                        new ProcessBuilder("sleep", "86395", "%s").start();
                        Thread.sleep(Long.MAX_VALUE);
                    }
                }
                """.formatted(marker)));

        Gate.Verdict verdict = check(testGate(limits(Duration.ofSeconds(3), 256L << 20)), root, null);

        assertThat(verdict.diagnostics()).containsExactly("src/test/java/slow/SlowTest.java:1:1: the tests did not finish "
                + "within 3s (gates.test.timeout in synod.yaml); the sandbox killed its processes");
        assertThat(Leftovers.of(marker)).isEmpty();
    }

    /**
     * A test written to escape: each of its tests passes only if its escape works. In the
     * sandbox every one fails, and from outside nothing was reached.
     */
    @Test
    void contains_java_tests_that_try_to_escape() throws Exception {
        String secret = "sk-test-secret-" + UUID.randomUUID();
        Path tree = Files.createDirectories(root.resolve("tree"));
        Path home = Files.createDirectories(root.resolve("home/.ssh")).getParent();
        Files.writeString(home.resolve(".ssh/id_ed25519"), "KEY " + secret);
        Path outside = Files.createDirectories(root.resolve("outside"));
        Map<String, String> parent = new HashMap<>(System.getenv());
        parent.put("HOME", home.toString());
        parent.put("OPENAI_API_KEY", secret);
        TestGate gate = new TestGate(Sandbox.create(Sandbox.Mode.BWRAP, parent, w -> { }),
                GateLimits.of("test", GateSettings.DEFAULTS), new ConsoleJar());
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress("127.0.0.1", 0));
            listener.configureBlocking(false);
            int port = ((InetSocketAddress) listener.getLocalAddress()).getPort();
            write(tree, Map.of("src/test/java/evil/EscapeTest.java", """
                    package evil;

                    import static org.junit.jupiter.api.Assertions.assertNotNull;
                    import static org.junit.jupiter.api.Assertions.fail;

                    import java.net.Socket;
                    import java.nio.file.Files;
                    import java.nio.file.Path;
                    import org.junit.jupiter.api.Test;

                    class EscapeTest {
                        @Test
                        void connects() throws Exception {
                            try (Socket s = new Socket("127.0.0.1", %d)) {
                                s.getOutputStream().write(1);
                            }
                        }

                        @Test
                        void readsKey() throws Exception {
                            fail("read " + Files.readString(Path.of("%s/.ssh/id_ed25519")));
                        }

                        @Test
                        void seesApiKey() {
                            String key = System.getenv("OPENAI_API_KEY");
                            assertNotNull(key, "no key");
                            fail("key " + key);
                        }

                        @Test
                        void writesOutside() throws Exception {
                            Files.writeString(Path.of("%s/pwned.txt"), "pwned");
                        }
                    }
                    """.formatted(port, home, outside)));

            Gate.Verdict verdict = check(gate, tree, null);

            assertThat(verdict.kind()).isEqualTo(Event.Verdict.FAIL);
            assertThat(verdict.diagnostics()).hasSize(4).allMatch(d -> d.startsWith("src/test/java/evil/EscapeTest.java:"));
            assertThat(String.join("\n", verdict.diagnostics())).doesNotContain(secret)
                    .contains("EscapeTest.connects: ", "EscapeTest.readsKey: ", "EscapeTest.seesApiKey: no key",
                            "EscapeTest.writesOutside: ");
            assertThat(listener.accept()).as("a connection from the sandbox").isNull();
            assertThat(outside.resolve("pwned.txt")).doesNotExist();
        }
    }
}
