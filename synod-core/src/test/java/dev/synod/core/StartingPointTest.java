package dev.synod.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What an effect starts from, derived from the plan and the state alone. */
class StartingPointTest {
    private static Command.RunAgent attempt(Driver d, int n) {
        return (Command.RunAgent) d.state.command(Ids.agent("impl[dev1]", n)).orElseThrow();
    }

    @Test
    void a_retry_starts_from_the_latest_attempt_that_left_a_commit_passing_over_crashes() {
        Driver d = new Driver(Driver.plan(InterpreterTest.TEAM), Budget.UNLIMITED, 1);
        d.run(c -> switch (c) {
            case Command.RunGate g when g.id().equals("gate:impl[dev1]#1:0") -> new Event.GateFinished(g.id(),
                    Event.Verdict.FAIL, List.of("src/dev1/A.java:1:1: error"), false, d.now());
            case Command.RunAgent a when a.id().equals("agent:impl[dev1]#2") -> new Event.AgentFinished(a.id(),
                    new Event.Outcome.Crashed("boom"), Event.Usage.NONE, d.now());
            default -> Driver.happy(c, d.now());
        }, 100);

        StartingPoint first = StartingPoint.of(d.state, attempt(d, 1));
        StartingPoint second = StartingPoint.of(d.state, attempt(d, 2));
        StartingPoint third = StartingPoint.of(d.state, attempt(d, 3));

        assertThat(first.previous()).isEmpty();
        assertThat(second.previous()).contains(new StartingPoint.Previous(1, "dev[1]", "c-agent:impl[dev1]#1"));
        assertThat(third.previous()).as("attempt 2 crashed and left nothing; the escalation starts from attempt 1")
                .contains(new StartingPoint.Previous(1, "dev[1]", "c-agent:impl[dev1]#1"));
        // The previous attempt's files are the top layer, restricted to the write scope.
        Workspace.Layer top = third.layers().getLast();
        assertThat(top.commit()).isEqualTo("c-agent:impl[dev1]#1");
        assertThat(top.scope().contains("src/dev1/A.java")).isTrue();
        assertThat(top.scope().contains("api/Api.java")).isFalse();
        assertThat(third.layers()).extracting(Workspace.Layer::commit).startsWith("d-decide:money", "c-agent:api#1");
        assertThat(third.parents()).doesNotContain("c-agent:impl[dev1]#1");
    }

    @Test
    void without_an_earlier_commit_a_retry_starts_from_its_inputs_alone() {
        Driver d = new Driver(Driver.plan(InterpreterTest.TEAM), Budget.UNLIMITED, 1);
        d.run(c -> c instanceof Command.RunAgent a && a.id().equals("agent:impl[dev1]#1")
                ? new Event.AgentFinished(a.id(), new Event.Outcome.TimedOut(600_000), Event.Usage.NONE, d.now())
                : Driver.happy(c, d.now()), 100);

        StartingPoint second = StartingPoint.of(d.state, attempt(d, 2));

        assertThat(second.previous()).isEqualTo(Optional.empty());
        assertThat(second.layers()).extracting(Workspace.Layer::commit).containsExactly("d-decide:money", "c-agent:api#1");
        assertThat(second.frozen()).containsOnlyKeys("api");
        assertThat(second.decisions()).containsEntry("money", "long cents");
    }

    @Test
    void the_agent_is_told_the_previous_attempt_as_the_starting_point_has_it_less_the_commit() {
        // One shape for one thing: the agent's record is the starting point's, in the same order,
        // without the commit that only the engine reads.
        java.util.function.Function<Class<?>, List<String>> names = type -> java.util.Arrays.stream(type.getRecordComponents())
                .map(java.lang.reflect.RecordComponent::getName).toList();

        assertThat(names.apply(StartingPoint.Previous.class)).containsExactly("attempt", "role", "commit");
        assertThat(names.apply(Agent.Previous.class)).containsExactly("attempt", "role", "files");
    }
}
