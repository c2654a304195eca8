package dev.synod.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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
        Teams.writeCompileRetry(dir);

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
