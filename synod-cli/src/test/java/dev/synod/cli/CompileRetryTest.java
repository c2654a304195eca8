package dev.synod.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The [gates] issue's end-to-end case: an agent's first Java does not compile; the compile gate
 * turns that into a detected failure whose diagnostics the second attempt receives, and the
 * second attempt passes.
 */
class CompileRetryTest {
    @TempDir
    Path dir;

    @Test
    void java_that_does_not_compile_is_retried_with_the_compilers_diagnostics_and_then_passes() throws IOException {
        Files.writeString(dir.resolve("README.md"), "a shop\n");
        Files.writeString(dir.resolve("team.synod"), """
                synod 1
                team shop {
                  defaults within 2m retry 1
                  role dev model scripted
                  role lead model scripted
                  dev -> lead : cart "src/main/java/shop/**"
                    gate compile
                }
                """);
        Files.writeString(dir.resolve("synod.yaml"), """
                models:
                  scripted: { provider: scripted, script: agents.yaml }
                """);
        Files.writeString(dir.resolve("agents.yaml"), """
                dev:
                  produce:
                    cart:
                      - write:
                          src/main/java/shop/Cart.java: "package shop;\\n\\nclass Cart {\\n    int total() {\\n        return count;\\n    }\\n}\\n"
                        summary: a cart that does not compile
                      - write:
                          src/main/java/shop/Cart.java: "package shop;\\n\\nclass Cart {\\n    int count;\\n\\n    int total() {\\n        return count;\\n    }\\n}\\n"
                        summary: the cart, fixed
                """);

        Run run = Run.synod("run", dir.toString(), "--yes");

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out())
                .contains("cart#1: gate compile: fail: src/main/java/shop/Cart.java:5:16: error: cannot find symbol")
                .contains("cart: attempt 2 by dev started (with")
                .contains("cart#2: gate compile: pass")
                .contains("succeeded");
        Run log = Run.synod("log", "--dir", dir.toString());
        assertThat(log.out()).contains("src/main/java/shop/Cart.java:5:16: error: cannot find symbol");
    }
}
