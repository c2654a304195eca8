package dev.synod.runtime.agents.model;

import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.synod.core.Agent;
import dev.synod.runtime.agents.scripted.AgentScript;
import dev.synod.runtime.agents.scripted.ScriptedChatModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A workspace, a script and a model agent over it, for the loop's tests. The workspace holds an
 * input artifact {@code api} ({@code api/**}), the role's own scope {@code src/dev1/**}, a decision
 * record, a file nobody gave the role ({@code secret/keys.txt}), and links {@code elsewhere} and
 * {@code src/dev1/out} to a directory outside it.
 */
final class LoopFixture {
    static final String ROLE = "dev[1]";
    static final String STEP = "impl[dev1]";

    final Path root;
    final Path workspace;
    final Path outside;
    final Recording model;
    final ModelAgent agent;

    LoopFixture(Path root, String script, Limits limits, Pricing pricing, SelfCheck selfCheck) throws IOException {
        this.root = root;
        this.workspace = root.resolve("workspace");
        this.outside = root.resolve("outside");
        write(outside, "sentinel.txt", "outside\n");
        fill(workspace);
        Path file = root.resolve("agents.yaml");
        Files.writeString(file, script);
        this.model = new Recording(new ScriptedChatModel(AgentScript.load(file)));
        TeamView team = new TeamView(Map.of("api", List.of("api/**"), STEP, List.of("src/dev1/**")),
                Map.of("money", "How is money represented?"), Optional.of("PROMPT.md"), selfCheck);
        this.agent = new ModelAgent(model, pricing, limits, team);
    }

    LoopFixture(Path root, String script) throws IOException {
        this(root, script, Limits.DEFAULT, Pricing.FREE, SelfCheck.NONE);
    }

    /** Writes the starting files into {@code dir}, as the engine checks out the same tree for every attempt. */
    void fill(Path dir) throws IOException {
        write(dir, "README.md", "# Shop\n");
        write(dir, "PROMPT.md", "Build a shop.\n");
        write(dir, "api/Api.java", "interface Api {}\n");
        write(dir, "src/dev1/Old.java", "class Old {\n    int a;\n    int a2;\n}\n");
        write(dir, "docs/decisions/0001-money.md", "# Money\n\nChosen option: \"long cents\".\n");
        write(dir, "secret/keys.txt", "not for dev[1]\n");
        Files.createSymbolicLink(dir.resolve("elsewhere"), outside);
        Files.createSymbolicLink(dir.resolve("src/dev1/out"), outside);
    }

    static void write(Path dir, String path, String content) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    /** The assignment of attempt {@code attempt}, with the given diagnostics. */
    static Agent.Assignment assignment(int attempt, List<String> diagnostics) {
        return new Agent.Assignment("r1", STEP, attempt, ROLE, "Contract of dev[1] in team shop\n1. Produce impl[dev1].",
                List.of("src/dev1/**"), List.of("api"), diagnostics, Map.of("money", "long cents"), Duration.ofMinutes(1));
    }

    static Agent.Assignment assignment() {
        return assignment(1, List.of());
    }

    Agent.Outcome perform(Agent.Session session) throws InterruptedException {
        return agent.perform(assignment(), workspace, session);
    }

    Agent.Outcome perform() throws InterruptedException {
        return agent.perform(assignment(), workspace);
    }

    /** The texts of the tool results the model was shown, in order. */
    List<String> results() {
        return model.results().stream().map(ToolExecutionResultMessage::text).toList();
    }

    /** A script of one attempt of dev[1] producing impl[dev1], from the YAML of its turns (indented by 6). */
    static String script(String turns) {
        return "dev[1]:\n  produce:\n    impl[dev1]:\n      - turns:\n" + turns.indent(10);
    }
}
