package dev.synod.runtime.agents.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.core.Agent;
import dev.synod.runtime.agents.scripted.AgentScript;
import dev.synod.runtime.agents.scripted.ScriptedChatModel;
import dev.synod.testkit.AgentContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A {@link ModelAgent} over a {@link ScriptedChatModel} keeps the contract of every agent. */
class ModelAgentContractTest extends AgentContract {
    private static final String SCRIPT = """
            dev:
              produce:
                feature:
                  - write: { src/Cart.java: "class Cart {}" }
                    summary: wrote the cart
                escape:
                  - turns:
                      - calls:
                          - write_file: { path: elsewhere/escaped.txt, content: out }
                          - write_file: { path: ../escaped.txt, content: out }
                          - delete_file: { path: elsewhere/sentinel.txt }
                      - crash: the model gave up
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

    private ModelAgent agent;

    @BeforeEach
    void loadScript() throws IOException {
        Path file = scripts.resolve("agents.yaml");
        Files.writeString(file, SCRIPT);
        TeamView team = new TeamView(Map.of("feature", List.of("src/**")), Map.of(), Optional.empty(), SelfCheck.NONE);
        agent = new ModelAgent(new ScriptedChatModel(AgentScript.load(file)), Pricing.FREE, Limits.DEFAULT, team);
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

    /** Tries to write and delete through the workspace's link to a directory outside it, and out with "..". */
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
        return new Agent.Assignment("r1", "feature", 1, "dev", "contract of dev", List.of(), List.of("feature"), List.of(),
                Map.of(), Duration.ofMinutes(1));
    }

    @Override
    protected Agent.DecisionRequest decidable() {
        return new Agent.DecisionRequest("r1", "settle", "dev", Map.of("shop.money", List.of("long cents", "BigDecimal"),
                "shop.storage", List.of()), Map.of(), Duration.ofMinutes(1));
    }

    @Test
    void the_performable_assignment_writes_its_file_through_the_loop() throws Exception {
        Agent.Outcome outcome = agent.perform(performable(), workspace());

        assertThat(outcome).isEqualTo(new Agent.Outcome.Finished("wrote the cart", dev.synod.core.Event.Usage.NONE));
        assertThat(workspace().resolve("src/Cart.java")).hasContent("class Cart {}");
    }

    @Test
    void the_failing_assignment_fails_with_the_models_crash_and_changes_nothing_outside() throws Exception {
        Agent.Outcome outcome = agent.perform(failing(), workspace());

        assertThat(outcome).isInstanceOf(Agent.Outcome.Failed.class);
        assertThat(((Agent.Outcome.Failed) outcome).reason()).isEqualTo("the model gave up");
        assertThat(workspace().resolve("elsewhere/sentinel.txt")).exists();
        assertThat(workspace().resolveSibling("escaped.txt")).doesNotExist();
    }
}
