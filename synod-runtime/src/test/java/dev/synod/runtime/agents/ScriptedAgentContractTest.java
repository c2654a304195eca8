package dev.synod.runtime.agents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.core.Agent;
import dev.synod.testkit.AgentContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScriptedAgentContractTest extends AgentContract {
    private static final String SCRIPT = """
            dev:
              produce:
                feature:
                  - write: { src/Cart.java: "class Cart {}" }
                    summary: wrote the cart
                escape:
                  - write: { src/Ok.java: "class Ok {}", elsewhere/escaped.txt: "out" }
                climb:
                  - write: { ../escaped.txt: "out" }
                remove:
                  - delete: [ elsewhere/sentinel.txt ]
                slow:
                  - sleep: 10s
                    write: { src/Slow.java: "class Slow {}" }
              review:
                feature: { approve: true, comment: "looks right" }
              decide:
                money: long cents
                shop.storage: sqlite
            """;

    @TempDir
    Path scripts;

    private ScriptedAgent agent;

    @BeforeEach
    void loadScript() throws IOException {
        Path file = scripts.resolve("agents.yaml");
        Files.writeString(file, SCRIPT);
        agent = new ScriptedAgent(AgentScript.load(file));
    }

    private static Agent.Assignment assignment(String step) {
        return new Agent.Assignment("r1", step, 1, "dev", "contract of dev", List.of("src/**"), List.of(), List.of(),
                Map.of(), Duration.ofMinutes(1));
    }

    @Override
    protected Agent agent() {
        return agent;
    }

    @Override
    protected Agent.Assignment performable() {
        return assignment("feature");
    }

    /** Writes through the workspace's link to a directory outside it. */
    @Override
    protected Agent.Assignment failing() {
        return assignment("escape");
    }

    @Override
    protected Agent.Assignment blocking() {
        return assignment("slow");
    }

    @Override
    protected Agent.Assignment reviewable() {
        return assignment("feature");
    }

    @Override
    protected Agent.DecisionRequest decidable() {
        return new Agent.DecisionRequest("r1", "settle", "dev", Map.of("shop.money", List.of("long cents", "BigDecimal"),
                "shop.storage", List.of()), Map.of(), Duration.ofMinutes(1));
    }

    @Test
    void an_escaping_attempt_writes_nothing_at_all() throws Exception {
        Agent.Outcome outcome = agent.perform(failing(), workspace());

        assertThat(outcome).isInstanceOf(Agent.Outcome.Failed.class);
        assertThat(((Agent.Outcome.Failed) outcome).reason()).contains("elsewhere/escaped.txt", "outside the workspace");
        assertThat(workspace().resolve("src/Ok.java")).doesNotExist();
    }

    @Test
    void refuses_a_path_that_climbs_out_of_the_workspace() throws Exception {
        Agent.Outcome outcome = agent.perform(assignment("climb"), workspace());

        assertThat(outcome).isInstanceOf(Agent.Outcome.Failed.class);
        assertThat(((Agent.Outcome.Failed) outcome).reason()).contains("../escaped.txt", "outside the workspace");
        assertThat(workspace().resolveSibling("escaped.txt")).doesNotExist();
    }

    @Test
    void refuses_to_delete_through_a_link_out_of_the_workspace() throws Exception {
        Agent.Outcome outcome = agent.perform(assignment("remove"), workspace());

        assertThat(outcome).isInstanceOf(Agent.Outcome.Failed.class);
        assertThat(workspace().resolve("elsewhere/sentinel.txt")).exists();
    }
}
