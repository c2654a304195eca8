package dev.synod.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.synod.core.Agent;
import dev.synod.core.Budget;
import dev.synod.core.Clock;
import dev.synod.core.Command;
import dev.synod.core.Event;
import dev.synod.core.Gate;
import dev.synod.core.Interpreter;
import dev.synod.core.Plan;
import dev.synod.core.Replay;
import dev.synod.core.RunInfo;
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
import dev.synod.runtime.gates.ExistsGate;
import dev.synod.runtime.workspace.GitRepository;
import dev.synod.testkit.InMemoryBlobStore;
import dev.synod.testkit.InMemoryJournal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model agent under the engine: its turns journaled, resumed after a stop, a leader that cannot answer. */
class EngineModelAgentTest {
    private static final String TEAM = """
            synod 1
            team t {
              defaults within 1m retry 0
              role a model m
              question format "Which format?" options "markdown", "plain text"
              decide format by leader a
              a -> all : notes "notes/**"
                gate exists
            }
            """;

    private static final String SCRIPT = """
            a:
              decide:
                format: markdown
              produce:
                notes:
                  - turns:
                      - calls: [ { write_file: { path: notes/a.md, content: "one" } } ]
                        usage: { input: 10, output: 1 }
                      - calls: [ { edit_file: { path: notes/a.md, search: "one", replace: "one, two" } } ]
                        usage: { input: 20, output: 2 }
                      - calls: [ { write_file: { path: notes/b.md, content: "three" } } ]
                        usage: { input: 30, output: 3 }
                      - calls: [ { finish: { summary: two notes } } ]
                        usage: { input: 40, output: 4 }
            """;

    @TempDir
    Path dir;

    private EngineFixture fixture;
    private InMemoryJournal journal;
    private InMemoryBlobStore blobs;
    private final AtomicInteger calls = new AtomicInteger();

    private record Team(Plan plan, Map<String, Agent> agents, Map<String, Gate> gates) {
    }

    @BeforeEach
    void setUp() throws Exception {
        fixture = new EngineFixture(dir).team(TEAM).contracts(role -> "contract of " + role).clock(Clock.SYSTEM);
        journal = fixture.journal;
        blobs = fixture.blobs;
    }

    private Team team(String script) throws Exception {
        Path file = dir.resolve("agents.yaml");
        Files.writeString(file, script);
        CheckResult checked = Synod.check(new SourceFile("team.synod", TEAM), CheckOptions.none());
        Map<String, Gate> gates = Map.of("exists", new ExistsGate());
        ScriptedChatModel scripted = new ScriptedChatModel(AgentScript.load(file));
        ChatModel counting = new ChatModel() {
            @Override
            public ChatResponse doChat(ChatRequest request) {
                calls.incrementAndGet();
                return scripted.chat(request);
            }
        };
        ModelAgent agent = new ModelAgent(counting, Pricing.FREE, Limits.DEFAULT, TeamView.of(checked.model().orElseThrow(), gates));
        return new Team(fixture.plan(), Map.of("a", agent), gates);
    }

    private Engine engine(Team team, GitRepository repo) {
        return fixture.agents(team.agents()).gates(team.gates()).engine(repo);
    }

    @Test
    void a_resumed_run_continues_the_attempt_after_its_journaled_turns_and_reaches_the_same_files() throws Exception {
        Team team = team(SCRIPT);
        Map<String, byte[]> undisturbed;
        try (GitRepository repo = GitRepository.openOrInit(dir); Engine engine = engine(team, repo)) {
            assertThat(engine.start("r0", "plan", null, 1)).isEqualTo(new Engine.Result.Finished(true,
                    "every step was accepted", "synod/r0"));
            undisturbed = repo.read(repo.branch("synod/r0").orElseThrow());
        }
        List<Event.TurnRecorded> turns = journal.read("r0").stream().filter(e -> e instanceof Event.TurnRecorded t
                && t.command().startsWith("agent:")).map(e -> (Event.TurnRecorded) e).toList();
        assertThat(turns).extracting(Event.TurnRecorded::turn).containsExactly(1, 2, 3, 4);

        // What a run killed after the attempt's second turn leaves: its events up to that turn, and the blobs.
        List<Event> events = journal.read("r0");
        int cut = events.indexOf(turns.get(1)) + 1;
        journal.create(new RunInfo("r1", "t", dir.toString(), Instant.EPOCH));
        journal.append("r1", events.subList(0, cut).stream().map(e -> e instanceof Event.RunStarted s
                ? new Event.RunStarted("r1", s.team(), s.plan(), s.config(), s.base(), s.seed(), s.at()) : e).toList());
        calls.set(0);
        try (GitRepository repo = GitRepository.openOrInit(dir); Engine engine = engine(team, repo)) {
            assertThat(engine.drive("r1")).isEqualTo(new Engine.Result.Finished(true, "every step was accepted", "synod/r1"));
            assertThat(calls).as("model calls after the resume: turns 3 and 4").hasValue(2);
            Map<String, byte[]> resumed = repo.read(repo.branch("synod/r1").orElseThrow());
            assertThat(resumed.keySet()).isEqualTo(undisturbed.keySet());
            assertThat(new String(resumed.get("notes/a.md"))).isEqualTo("one, two");
        }
        List<Event> after = journal.read("r1");
        assertThat(after.stream().filter(e -> e instanceof Event.TurnRecorded t && t.command().startsWith("agent:"))
                .map(e -> ((Event.TurnRecorded) e).turn())).containsExactly(1, 2, 3, 4);
        Event.AgentFinished finished = (Event.AgentFinished) after.stream().filter(e -> e instanceof Event.AgentFinished)
                .findFirst().orElseThrow();
        assertThat(finished.usage()).isEqualTo(new Event.Usage(100, 10, 0));
        assertThat(Interpreter.fold(team.plan(), Budget.UNLIMITED, after).usage()).isEqualTo(new Event.Usage(100, 10, 0));
        assertThat(Replay.check(team.plan(), Budget.UNLIMITED, after)).isEmpty();
    }

    @Test
    void a_leader_whose_model_cannot_answer_fails_the_decide_with_the_reason() throws Exception {
        Team team = team("a: {}\n");
        try (GitRepository repo = GitRepository.openOrInit(dir); Engine engine = engine(team, repo)) {
            Engine.Result result = engine.start("r1", "plan", null, 1);

            assertThat(result).isEqualTo(new Engine.Result.Finished(false, "leader a did not decide format: gave no answers: "
                    + "the agent script agents.yaml has no entry 'a.decide.format'", null));
        }
        assertThat(journal.read("r1").stream().filter(e -> e instanceof Event.Started s
                && s.command() instanceof Command.RunAgent)).isEmpty();
    }
}
