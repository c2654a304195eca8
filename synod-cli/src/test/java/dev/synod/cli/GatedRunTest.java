package dev.synod.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code synod run} with a custom sh gate and the test gate, both in the real bubblewrap sandbox. */
class GatedRunTest {
    @TempDir
    Path dir;

    @Test
    void the_agent_gets_each_gates_located_diagnostics_until_its_attempt_passes() throws IOException {
        for (String file : List.of("team.synod", "synod.yaml", "agents.yaml")) {
            try (InputStream in = GatedRunTest.class.getResourceAsStream("/gated/" + file)) {
                Files.write(dir.resolve(file), in.readAllBytes());
            }
        }

        Run run = Run.synod("run", dir.toString(), "--yes");

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).contains("cart#1: gate notodo: fail: notodo \"! grep -rn TODO src\" exited with status 1")
                .contains("src/main/java/shop/Cart.java:7:1: items += n; // TODO check n;")
                .contains("cart#2: gate test: fail: src/test/java/shop/CartTest.java:12:1: CartTest.adds: expected: <2> but was: <1>")
                .contains("cart#3: gate test: pass")
                .contains("succeeded");
    }
}
