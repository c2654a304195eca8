package dev.synod.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;

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
import dev.synod.runtime.gates.ExistsGate;
import dev.synod.runtime.workspace.GitRepository;
import dev.synod.testkit.InMemoryJournal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Budgets through the engine with model agents on a scripted model: the run's, and a role's across its replicas. */
class EngineBudgetTest {
    private static final String TEAM = """
            synod 1
            team t {
              defaults within 1m retry 1
              role a[2] model m
              role b model m
              a[1] -> b : notes "NOTES.md"
                gate exists
              a[2] -> b : more "MORE.md"
                gate exists
                else escalate b
            }
            """;

    /** a[1] writes the notes in three turns of 100 tokens each; a[2] and b write MORE.md for free. */
    private static final String SCRIPT = """
            a[1]:
              produce:
                notes:
                  - turns:
                      - calls: [ { write_file: { path: NOTES.md, content: "notes" } } ]
                        usage: { input: 90, output: 10 }
                      - calls: [ { read_file: { path: NOTES.md } } ]
                        usage: { input: 90, output: 10 }
                      - calls: [ { finish: { summary: notes } } ]
                        usage: { input: 90, output: 10 }
            a[2]:
              produce:
                more:
                  - write: { MORE.md: "more by a2" }
            b:
              produce:
                more:
                  - write: { MORE.md: "more by b" }
            """;

    @TempDir
    Path dir;

    private EngineFixture fixture;
    private InMemoryJournal journal;

    private Engine.Result run(Budget budget) throws Exception {
        fixture = new EngineFixture(dir).clock(Clock.SYSTEM);
        journal = fixture.journal;
        Path script = dir.resolve("agents.yaml");
        Files.writeString(script, SCRIPT);
        CheckResult checked = Synod.check(new SourceFile("team.synod", TEAM), CheckOptions.none());
        Plan plan = fixture.team(TEAM).plan();
        Map<String, Gate> gates = Map.of("exists", new ExistsGate());
        TeamView team = TeamView.of(checked.model().orElseThrow(), gates);
        ScriptedChatModel model = new ScriptedChatModel(AgentScript.load(script));
        Map<String, Agent> agents = new LinkedHashMap<>();
        for (String role : List.of("a[1]", "a[2]", "b")) {
            agents.put(role, new ModelAgent(model, Pricing.FREE, Limits.DEFAULT, team));
        }
        Engine.Result result = fixture.agents(agents).gates(gates).budget(budget).start();
        assertThat(Replay.check(plan, budget, journal.read("r1"))).isEmpty();
        return result;
    }

    private List<String> crashes() {
        return journal.read("r1").stream().filter(e -> e instanceof Event.AgentFinished f
                        && f.outcome() instanceof Event.Outcome.Crashed)
                .map(e -> ((Event.Outcome.Crashed) ((Event.AgentFinished) e).outcome()).reason()).toList();
    }

    private long turns() {
        return journal.read("r1").stream().filter(e -> e instanceof Event.TurnRecorded).count();
    }

    @Test
    void a_spent_run_budget_refuses_the_next_model_call_and_the_run_stops_with_the_budget_message() throws Exception {
        Engine.Result result = run(new Budget(OptionalLong.of(150), OptionalDouble.empty()));

        String spent = "token budget exhausted: 200 of 150 tokens used; no further model call was started";
        assertThat(result).isEqualTo(new Engine.Result.Finished(false, spent, null));
        assertThat(crashes()).containsExactly(spent);
        assertThat(turns()).as("turns journaled: the third was refused").isEqualTo(2);
    }

    @Test
    void a_spent_role_budget_covers_all_its_replicas_and_its_hand_off_escalates() throws Exception {
        Budget budget = new Budget(OptionalLong.empty(), OptionalDouble.empty(),
                Map.of("a", new Budget(OptionalLong.of(250), OptionalDouble.empty())));

        Engine.Result result = run(budget);

        assertThat(result).isEqualTo(new Engine.Result.Finished(true, "every step was accepted", "synod/r1"));
        String refused = "the budget of role a is spent: token budget exhausted: 300 of 250 tokens used; no further model "
                + "call was started";
        assertThat(crashes()).containsExactly(refused, refused);
        try (GitRepository repo = GitRepository.openOrInit(dir)) {
            assertThat(new String(repo.read(repo.branch("synod/r1").orElseThrow()).get("MORE.md"))).isEqualTo("more by b");
        }
    }

    @Test
    void a_role_within_its_budget_works_as_without_one() throws Exception {
        Budget budget = new Budget(OptionalLong.empty(), OptionalDouble.empty(),
                Map.of("a", new Budget(OptionalLong.of(1000), OptionalDouble.empty())));

        assertThat(run(budget)).isEqualTo(new Engine.Result.Finished(true, "every step was accepted", "synod/r1"));
        assertThat(crashes()).isEmpty();
    }
}
