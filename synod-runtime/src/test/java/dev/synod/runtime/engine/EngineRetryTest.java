package dev.synod.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.synod.core.Agent;
import dev.synod.core.Budget;
import dev.synod.core.Clock;
import dev.synod.core.Event;
import dev.synod.core.Gate;
import dev.synod.core.Plan;
import dev.synod.core.Replay;
import dev.synod.lang.CheckOptions;
import dev.synod.lang.CheckResult;
import dev.synod.lang.SourceFile;
import dev.synod.lang.Synod;
import dev.synod.runtime.agents.model.Limits;
import dev.synod.runtime.agents.model.ModelAgent;
import dev.synod.runtime.agents.model.Pricing;
import dev.synod.runtime.agents.model.TeamView;
import dev.synod.runtime.agents.scripted.AgentScript;
import dev.synod.runtime.agents.scripted.ScriptedChatModel;
import dev.synod.runtime.gates.CompileGate;
import dev.synod.runtime.sandbox.Sandbox;
import dev.synod.runtime.workspace.GitRepository;
import dev.synod.testkit.InMemoryJournal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retries and escalations start from the rejected attempt (issue 10, point 3): the next attempt's
 * workspace holds the files the previous one left within the write scope, and its instructions
 * name them.
 */
class EngineRetryTest {
    private static final String TEAM = """
            synod 1
            team t {
              defaults within 1m retry 1
              role dev model m
              role lead model m
              dev -> lead : calc "src/**"
                gate compile
                else escalate lead
            }
            """;

    /** Attempt 1 writes both files, Calc.java broken; attempt 2 fixes Calc.java only. */
    private static final String RETRY = """
            dev:
              produce:
                calc:
                  - write:
                      src/Calc.java: "class Calc { int add(int a, int b) { return a + b } }\\n"
                      src/CalcTest.java: "class CalcTest { int three() { return new Calc().add(1, 2); } }\\n"
                    summary: calc and its test
                  - write:
                      src/Calc.java: "class Calc { int add(int a, int b) { return a + b; } }\\n"
                    summary: fixed the missing semicolon
            """;

    @TempDir
    Path dir;

    private EngineFixture fixture;
    private InMemoryJournal journal;
    private final List<String> firstMessages = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        fixture = new EngineFixture(dir).clock(Clock.SYSTEM);
        journal = fixture.journal;
    }

    private Engine engine(GitRepository repo, String team, String script, List<String> roles) throws Exception {
        Path file = dir.resolve("agents.yaml");
        Files.writeString(file, script);
        CheckResult checked = Synod.check(new SourceFile("team.synod", team), CheckOptions.none());
        Map<String, Gate> gates = Map.of("compile", new CompileGate(CompileGate.Settings.defaults(),
                dir.resolve(".synod/classpath"), Sandbox.create(Sandbox.Mode.BWRAP, System.getenv(), warning -> { })));
        ScriptedChatModel scripted = new ScriptedChatModel(AgentScript.load(file));
        ChatModel watching = new ChatModel() {
            @Override
            public ChatResponse doChat(ChatRequest request) {
                List<ChatMessage> users = request.messages().stream().filter(m -> m instanceof UserMessage).toList();
                // Every turn resends the attempt's instructions: keep each attempt's once.
                String instructions = ((UserMessage) users.get(0)).singleText();
                if (!firstMessages.contains(instructions)) {
                    firstMessages.add(instructions);
                }
                return scripted.chat(request);
            }
        };
        Map<String, Agent> agents = new java.util.LinkedHashMap<>();
        for (String role : roles) {
            agents.put(role, new ModelAgent(watching, Pricing.FREE, Limits.DEFAULT,
                    TeamView.of(checked.model().orElseThrow(), gates)));
        }
        this.plan = fixture.team(team).plan();
        return fixture.agents(agents).gates(gates).engine(repo);
    }

    private Plan plan;

    @Test
    void a_retry_after_a_failed_gate_starts_from_the_files_the_rejected_attempt_left() throws Exception {
        try (GitRepository repo = GitRepository.openOrInit(dir); Engine engine = engine(repo, TEAM, RETRY, List.of("dev", "lead"))) {
            assertThat(engine.start("r1", "plan", null, 1)).isEqualTo(new Engine.Result.Finished(true,
                    "every step was accepted", "synod/r1"));

            Map<String, byte[]> release = repo.read(repo.branch("synod/r1").orElseThrow());
            assertThat(release).containsKeys("src/Calc.java", "src/CalcTest.java");
            assertThat(new String(release.get("src/CalcTest.java"), StandardCharsets.UTF_8)).contains("class CalcTest");
        }
        assertThat(firstMessages).hasSize(2);
        assertThat(firstMessages.get(0)).doesNotContain("What the previous attempt left");
        assertThat(firstMessages.get(1)).contains("## What the previous attempt left", "Attempt 1 (by `dev`)",
                "- `src/Calc.java`", "- `src/CalcTest.java`", "Calc.java:1:");
        assertThat(Replay.check(plan, Budget.UNLIMITED, journal.read("r1"))).isEmpty();
    }

    /** An agent that writes {@code files} straight into its directory (a model agent's tools would refuse NOTES.md) and remembers what it was given. */
    private static Agent writing(Map<String, String> files, List<Agent.Assignment> seen, List<Boolean> sawOwnFiles) {
        return EngineFixture.agent((a, workspace, session) -> {
            seen.add(a);
            sawOwnFiles.add(Files.exists(workspace.resolve("src/Calc.java")));
            for (var f : files.entrySet()) {
                Files.createDirectories(workspace.resolve(f.getKey()).getParent());
                Files.writeString(workspace.resolve(f.getKey()), f.getValue());
            }
        });
    }

    @Test
    void an_escalation_after_a_scope_rejection_starts_from_the_files_within_the_scope() throws Exception {
        Plan plan = fixture.team(TEAM.replace("retry 1", "retry 0")).plan();
        List<Agent.Assignment> seen = new CopyOnWriteArrayList<>();
        List<Boolean> sawCalc = new CopyOnWriteArrayList<>();
        Map<String, Agent> agents = Map.of(
                "dev", writing(Map.of("src/Calc.java", "class Calc {}\n", "NOTES.md", "outside the scope\n"), seen, sawCalc),
                "lead", writing(Map.of("src/CalcTest.java", "class CalcTest { Calc c = new Calc(); }\n"), seen, sawCalc));
        Map<String, Gate> gates = Map.of("compile", new CompileGate(CompileGate.Settings.defaults(),
                dir.resolve(".synod/classpath"), Sandbox.create(Sandbox.Mode.BWRAP, System.getenv(), warning -> { })));
        try (GitRepository repo = GitRepository.openOrInit(dir); Engine engine = fixture.agents(agents).gates(gates)
                .engine(repo)) {
            assertThat(engine.start("r1", "plan", null, 1)).isEqualTo(new Engine.Result.Finished(true,
                    "every step was accepted", "synod/r1"));
            Map<String, byte[]> release = repo.read(repo.branch("synod/r1").orElseThrow());
            assertThat(release).containsKeys("src/Calc.java", "src/CalcTest.java").doesNotContainKey("NOTES.md");
        }
        Event.AgentFinished first = fixture.finished("agent:calc#1");
        assertThat(first.outcome()).isInstanceOfSatisfying(Event.Outcome.Rejected.class, r -> {
            assertThat(r.commit()).isNotNull();
            assertThat(r.diagnostics()).containsExactly("attempt 1 by dev changed 1 file outside its write scope (src/**):",
                    "NOTES.md:1:1: outside the write scope (added)");
            assertThat(Timeline.describe(first)).isEqualTo("calc#1: rejected: attempt 1 by dev changed 1 file outside "
                    + "its write scope (src/**): NOTES.md:1:1: outside the write scope (added)");
        });
        assertThat(sawCalc).containsExactly(false, true);
        assertThat(seen.get(1).role()).isEqualTo("lead");
        assertThat(seen.get(1).previous()).isEqualTo(new Agent.Previous(1, "dev", List.of("src/Calc.java")));
        assertThat(Replay.check(plan, Budget.UNLIMITED, journal.read("r1"))).isEmpty();
    }
}
