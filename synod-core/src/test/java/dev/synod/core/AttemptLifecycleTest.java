package dev.synod.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synod.core.AttemptLifecycle.Phase;
import dev.synod.core.AttemptLifecycle.Transition;
import dev.synod.core.AttemptLifecycle.Trigger;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The attempt lifecycle table, driven through the interpreter: each scenario runs a hand-off to
 * its end and collects the transitions its attempts took. {@link #every_transition_of_the_table_is_exercised}
 * fails when a row of the table is never taken by these scenarios (as Temporal's state machine
 * tests do), so a row cannot be added without a scenario that reaches it.
 */
class AttemptLifecycleTest {
    private static final String TEAM = """
            synod 1
            team t {
              defaults within 10m retry 1
              role dev model m
              role lead model m
              role critic model m
              dev -> lead : code "src/**"
                gate exists, compile, test
                review critic, human
                else escalate lead
            }
            """;

    private static final Set<Transition> EXERCISED = new HashSet<>();

    /** Runs {@code effects} (with the happy path for what it leaves null) and collects every attempt's transitions. */
    private static Driver drive(BiFunction<Command, Driver, Event> effects) {
        Driver d = new Driver(Driver.plan(TEAM), Budget.UNLIMITED, 1);
        d.run(c -> {
            Event e = effects.apply(c, d);
            return e != null ? e : Driver.happy(c, d.now());
        }, 100);
        for (int attempt = 1; attempt <= d.state.currentAttempt("code"); attempt++) {
            EXERCISED.addAll(Interpreter.lifecycle(d.state, "code", attempt));
        }
        assertThat(Replay.check(d.plan, d.budget, d.journal)).isEmpty();
        return d;
    }

    private static List<Trigger> triggers(Driver d, int attempt) {
        return Interpreter.lifecycle(d.state, "code", attempt).stream().map(Transition::on).toList();
    }

    private static Event agent(Command c, Driver d, Event.Outcome outcome) {
        return c instanceof Command.RunAgent a ? new Event.AgentFinished(a.id(), outcome, Event.Usage.NONE, d.now()) : null;
    }

    @Test
    void an_accepted_attempt_passes_each_gate_then_each_review() {
        Driver d = drive((c, dr) -> null);

        assertThat(triggers(d, 1)).containsExactly(Trigger.PRODUCED, Trigger.GATE_PASSED, Trigger.GATE_PASSED,
                Trigger.GATES_PASSED, Trigger.REVIEW_APPROVED, Trigger.REVIEWS_APPROVED);
        assertThat(d.finish().succeeded()).isTrue();
    }

    @Test
    void crashes_retry_then_escalate_then_give_up() {
        Driver d = drive((c, dr) -> agent(c, dr, new Event.Outcome.Crashed("boom")));

        assertThat(triggers(d, 1)).containsExactly(Trigger.CRASHED, Trigger.RETRY);
        assertThat(triggers(d, 2)).containsExactly(Trigger.CRASHED, Trigger.ESCALATE);
        assertThat(triggers(d, 3)).containsExactly(Trigger.CRASHED, Trigger.RETRY);
        assertThat(triggers(d, 4)).containsExactly(Trigger.CRASHED, Trigger.GIVE_UP);
        assertThat(d.finish().succeeded()).isFalse();
    }

    @Test
    void timeouts_retry_then_escalate_then_give_up() {
        Driver d = drive((c, dr) -> agent(c, dr, new Event.Outcome.TimedOut(600_000)));

        assertThat(triggers(d, 2)).containsExactly(Trigger.TIMED_OUT, Trigger.ESCALATE);
        assertThat(triggers(d, 4)).containsExactly(Trigger.TIMED_OUT, Trigger.GIVE_UP);
    }

    @Test
    void refusals_retry_then_escalate_then_give_up() {
        Driver d = drive((c, dr) -> agent(c, dr, new Event.Outcome.Rejected(List.of("a:1:1: outside"), "c")));

        assertThat(triggers(d, 1)).containsExactly(Trigger.REFUSED, Trigger.RETRY);
        assertThat(triggers(d, 2)).containsExactly(Trigger.REFUSED, Trigger.ESCALATE);
        assertThat(triggers(d, 4)).containsExactly(Trigger.REFUSED, Trigger.GIVE_UP);
    }

    @Test
    void a_configuration_fault_gives_up_at_once() {
        Driver d = drive((c, dr) -> agent(c, dr, new Event.Outcome.Misconfigured("openai: HTTP 401")));

        assertThat(triggers(d, 1)).containsExactly(Trigger.MISCONFIGURED, Trigger.GIVE_UP);
        assertThat(d.state.currentAttempt("code")).isEqualTo(1);
        assertThat(d.finish().reason()).isEqualTo("hand-off code cannot run: attempt 1 by dev found a configuration "
                + "fault that no retry can mend: openai: HTTP 401");
    }

    @Test
    void a_reviewer_that_cannot_run_gives_up_at_once() {
        // Not a rejection: a reviewer that cannot start would reject every attempt until they run out.
        Driver d = drive((c, dr) -> c instanceof Command.RunReview r
                ? new Event.ReviewFinished(r.id(), false, "codex: no such program", Event.Usage.NONE, dr.now(), true) : null);

        assertThat(triggers(d, 1)).containsExactly(Trigger.PRODUCED, Trigger.GATE_PASSED, Trigger.GATE_PASSED,
                Trigger.GATES_PASSED, Trigger.MISCONFIGURED, Trigger.GIVE_UP);
        assertThat(d.state.currentAttempt("code")).isEqualTo(1);
        assertThat(d.finish().reason()).isEqualTo("hand-off code cannot run: reviewer critic found a configuration "
                + "fault on attempt 1 that no retry can mend: codex: no such program");
    }

    @Test
    void a_failed_gate_rejects_the_attempt_wherever_it_is_in_the_order() {
        Map<String, Event.Verdict> verdicts = new LinkedHashMap<>();
        // attempt 1: the first gate fails; attempt 2: the second; attempt 3: the third could not run
        verdicts.put("gate:code#1:0", Event.Verdict.FAIL);
        verdicts.put("gate:code#2:1", Event.Verdict.FAIL);
        verdicts.put("gate:code#3:2", Event.Verdict.ERROR);
        Driver d = drive((c, dr) -> c instanceof Command.RunGate g && verdicts.containsKey(g.id())
                ? new Event.GateFinished(g.id(), verdicts.get(g.id()), List.of("x:1:1: no"), false, dr.now()) : null);

        assertThat(triggers(d, 1)).containsExactly(Trigger.PRODUCED, Trigger.GATE_FAILED, Trigger.RETRY);
        assertThat(triggers(d, 2)).containsExactly(Trigger.PRODUCED, Trigger.GATE_PASSED, Trigger.GATE_FAILED,
                Trigger.ESCALATE);
        assertThat(triggers(d, 3)).containsExactly(Trigger.PRODUCED, Trigger.GATE_PASSED, Trigger.GATE_PASSED,
                Trigger.GATE_FAILED, Trigger.RETRY);
        assertThat(d.finish().succeeded()).isTrue();
    }

    @Test
    void a_rejected_review_rejects_the_attempt() {
        Driver d = drive((c, dr) -> c instanceof Command.AskHuman h && h.attempt() == 1
                ? new Event.HumanAnswered(h.id(), false, "not this", dr.now()) : null);

        assertThat(triggers(d, 1)).containsExactly(Trigger.PRODUCED, Trigger.GATE_PASSED, Trigger.GATE_PASSED,
                Trigger.GATES_PASSED, Trigger.REVIEW_APPROVED, Trigger.REVIEW_REJECTED, Trigger.RETRY);
    }

    @Test
    void a_hand_off_with_one_gate_and_no_review_is_accepted_when_the_gate_passes() {
        String bare = """
                synod 1
                team t {
                  defaults within 10m
                  role dev model m
                  role lead model m
                  dev -> lead : code "src/**"
                    gate exists
                }
                """;
        Driver d = new Driver(Driver.plan(bare), Budget.UNLIMITED, 1);
        d.run(c -> Driver.happy(c, d.now()), 20);
        List<Transition> path = Interpreter.lifecycle(d.state, "code", 1);
        EXERCISED.addAll(path);

        assertThat(path).extracting(Transition::on).containsExactly(Trigger.PRODUCED, Trigger.GATES_PASSED,
                Trigger.REVIEWS_APPROVED);
    }

    @Test
    void a_move_the_table_lacks_is_refused_with_what_was_expected() {
        assertThatThrownBy(() -> AttemptLifecycle.next(Phase.ACCEPTED, Trigger.RETRY))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("an attempt in phase ACCEPTED cannot take RETRY; expected one of: none, it is over");
        assertThatThrownBy(() -> AttemptLifecycle.next(Phase.MISCONFIGURED, Trigger.RETRY))
                .hasMessageContaining("expected one of: GIVE_UP");
    }

    /** Runs after every scenario of this class: the table has no row that no scenario takes. */
    @AfterAll
    static void every_transition_of_the_table_is_exercised() {
        assertThat(EXERCISED).as("transitions the scenarios took").containsExactlyInAnyOrderElementsOf(AttemptLifecycle.TABLE);
    }
}
