package dev.synod.runtime.gates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.core.Plan;
import dev.synod.core.PlanCompiler;
import dev.synod.lang.CheckOptions;
import dev.synod.lang.SourceFile;
import dev.synod.lang.Synod;
import dev.synod.runtime.config.SynodConfig;
import dev.synod.runtime.sandbox.Sandbox;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GatesTest {
    private static final SynodConfig CONFIG = SynodConfig.parse("""
            gates:
              typecheck: { sh: "npx tsc --noEmit" }
              test: { timeout: 15m }
            """, Path.of("synod.yaml"));

    private static Plan plan(String gates) {
        String team = """
                synod 1
                team shop {
                  role dev model m
                  dev -> human : app "src/**"
                    gate %s
                    within 10m
                }
                """.formatted(gates);
        return PlanCompiler.compile(Synod.check(new SourceFile("team.synod", team),
                new CheckOptions(Optional.empty(), Set.of("typecheck"), Optional.empty())));
    }

    @Test
    void holds_the_built_in_gates_and_the_custom_ones_with_a_command() {
        assertThat(Gates.forRun(CONFIG, Sandbox.create(Sandbox.Mode.NONE, java.util.Map.of(), w -> { })))
                .containsOnlyKeys("exists", "sh", "test", "typecheck")
                .hasEntrySatisfying("typecheck", g -> assertThat(g).isInstanceOf(ShGate.class))
                .hasEntrySatisfying("test", g -> assertThat(g).isInstanceOf(TestGate.class));
    }

    @Test
    void knows_which_gates_of_a_plan_run_agent_written_code() {
        assertThat(Gates.sandboxed(CONFIG, plan("exists"))).isEmpty();
        assertThat(Gates.sandboxed(CONFIG, plan("exists, test, typecheck"))).containsExactly("test", "typecheck");
    }
}
