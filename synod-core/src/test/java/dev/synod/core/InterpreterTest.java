package dev.synod.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class InterpreterTest {
    static final String TEAM = """
            synod 1
            team shop {
              deadline 6h
              defaults within 10m retry 1
              role architect model m
              role dev[2] model m
              role lead model m
              question money "How is money represented?" options "long cents", "BigDecimal"
              architect -> all : api "api/**"
                gate compile
                freeze
              decide money by leader architect
              par {
                for d in dev[*] {
                  d -> lead : impl[d] "src/{d}/**"
                    reads api
                    gate compile, test "src/{d}/**"
                    else escalate lead
                }
              }
              lead -> human : release
                merges impl[*]
                gate compile
                review architect, human
            }
            """;

    private static Driver driver() {
        return new Driver(Driver.plan(TEAM), Budget.UNLIMITED, 1);
    }

    @Test
    void happy_run_accepts_every_artifact_and_finishes_once() {
        Driver d = driver();
        d.run(c -> Driver.happy(c, d.now()), 100);

        Command.Finish finish = d.finish();
        assertThat(finish.succeeded()).isTrue();
        assertThat(finish.accepted()).containsOnlyKeys("api", "impl[dev1]", "impl[dev2]", "release");
        assertThat(d.state.finished()).isPresent();
        assertThat(Interpreter.next(d.state)).isEmpty();
        assertThat(Replay.check(d.plan, d.budget, d.journal)).isEmpty();
    }

    @Test
    void branches_of_a_par_start_together() {
        Driver d = driver();
        // Run until api and the decision are settled: the next commands are both replicas' first attempts.
        d.run(c -> c.step().startsWith("impl") ? null : Driver.happy(c, d.now()), 20);
        List<String> inFlight = d.state.inFlight().stream().map(Command::id).toList();
        assertThat(inFlight).containsExactlyInAnyOrder("agent:impl[dev1]#1", "agent:impl[dev2]#1");
    }

    @Test
    void failed_gate_retries_with_its_diagnostics() {
        Driver d = driver();
        d.run(c -> c instanceof Command.RunGate g && g.id().equals("gate:api#1:0")
                ? new Event.GateFinished(g.id(), Event.Verdict.FAIL, List.of("Api.java:3:5: ';' expected"), false, d.now())
                : Driver.happy(c, d.now()), 100);

        Command.RunAgent second = d.started().stream().filter(c -> c.id().equals("agent:api#2"))
                .map(Command.RunAgent.class::cast).findFirst().orElseThrow();
        assertThat(second.role()).isEqualTo("architect");
        assertThat(second.diagnostics()).contains("Api.java:3:5: ';' expected");
        assertThat(second.diagnostics().get(0)).contains("gate compile failed on attempt 1");
        assertThat(d.finish().succeeded()).isTrue();
    }

    @Test
    void escalates_after_the_producers_attempts_are_spent() {
        Driver d = driver();
        d.run(c -> c instanceof Command.RunAgent a && a.role().equals("dev[1]")
                ? new Event.AgentFinished(a.id(), new Event.Outcome.Crashed("model answered garbage"), Event.Usage.NONE, d.now())
                : Driver.happy(c, d.now()), 100);

        List<String> impl1 = d.started().stream().filter(c -> c instanceof Command.RunAgent && c.step().equals("impl[dev1]"))
                .map(c -> ((Command.RunAgent) c).role()).toList();
        assertThat(impl1).containsExactly("dev[1]", "dev[1]", "lead");
        assertThat(d.finish().succeeded()).isTrue();
    }

    @Test
    void run_fails_when_every_attempt_fails_and_says_why() {
        Driver d = driver();
        d.run(c -> c instanceof Command.RunGate g && g.step().equals("impl[dev2]")
                ? new Event.GateFinished(g.id(), Event.Verdict.FAIL, List.of("T.java:1:1: boom"), false, d.now())
                : Driver.happy(c, d.now()), 100);

        Command.Finish finish = d.finish();
        assertThat(finish.succeeded()).isFalse();
        assertThat(finish.reason()).contains("hand-off impl[dev2] failed after 4 attempts").contains("escalated to lead");
        assertThat(finish.accepted()).isEmpty();
    }

    @Test
    void human_review_waits_for_an_answer() {
        Driver d = driver();
        d.run(c -> c instanceof Command.AskHuman ? null : Driver.happy(c, d.now()), 100);

        assertThat(Interpreter.next(d.state)).isEmpty();
        assertThat(d.state.finished()).isEmpty();
        Command ask = d.state.inFlight().get(0);
        assertThat(ask).isInstanceOf(Command.AskHuman.class);

        d.append(new Event.HumanAnswered(ask.id(), false, "needs a changelog", d.now()));
        Command.RunAgent retry = (Command.RunAgent) Interpreter.next(d.state).get(0);
        assertThat(retry.attempt()).isEqualTo(2);
        assertThat(retry.diagnostics()).containsExactly("review by human rejected attempt 1: needs a changelog");
    }

    @Test
    void late_answer_grows_the_roles_timeout() {
        Driver d = driver();
        d.run(c -> {
            if (c instanceof Command.RunAgent a && a.id().equals("agent:api#1")) {
                return new Event.AgentFinished(a.id(), new Event.Outcome.TimedOut(600_000), Event.Usage.NONE, d.now());
            }
            return null;
        }, 1);
        d.append(new Event.LateAnswer("agent:api#1", "architect", 800_000, d.now()));
        Command.RunAgent second = (Command.RunAgent) Interpreter.next(d.state).get(0);
        assertThat(second.timeoutMillis()).isEqualTo(1_200_000);
        assertThat(second.diagnostics()).containsExactly("attempt 1 by architect timed out after 600s");
    }

    @Test
    void budget_stops_the_run_before_the_next_model_call() {
        Driver d = new Driver(Driver.plan(TEAM), new Budget(OptionalLong.of(150), OptionalDouble.empty()), 1);
        d.run(c -> Driver.happy(c, d.now()), 100);

        Command.Finish finish = d.finish();
        assertThat(finish.succeeded()).isFalse();
        assertThat(finish.reason()).contains("token budget exhausted: 150 of 150 tokens used");
        assertThat(d.started().stream().filter(Command.RunAgent.class::isInstance)).hasSize(1);
    }

    @Test
    void a_spent_budget_does_not_refuse_a_persons_attempt() {
        String team = """
                synod 1
                team t {
                  defaults within 10m retry 0
                  role dev model m
                  dev -> human : impl "src/**"
                    gate compile
                    else escalate human
                }
                """;
        Driver d = new Driver(Driver.plan(team), new Budget(OptionalLong.of(150), OptionalDouble.empty()), 1);
        d.run(c -> c instanceof Command.RunGate g
                ? new Event.GateFinished(g.id(), g.attempt() == 1 ? Event.Verdict.FAIL : Event.Verdict.PASS,
                List.of("does not compile"), false, d.now())
                : c instanceof Command.RunAgent a && a.role().equals("human") ? null : Driver.happy(c, d.now()), 100);

        assertThat(d.state.finished()).isEmpty();
        assertThat(d.state.inFlight()).singleElement().isInstanceOfSatisfying(Command.RunAgent.class, a -> {
            assertThat(a.role()).isEqualTo("human");
            assertThat(a.attempt()).isEqualTo(2);
        });
    }

    @Test
    void deadline_passed_ends_the_run() {
        Driver d = driver();
        d.run(c -> null, 1);
        d.append(new Event.DeadlinePassed(d.now()));
        List<Command> next = Interpreter.next(d.state);
        assertThat(next).singleElement().isInstanceOfSatisfying(Command.Finish.class, f -> {
            assertThat(f.succeeded()).isFalse();
            assertThat(f.reason()).contains("deadline of 6h passed");
        });
    }

    @Test
    void leader_failure_fails_the_run() {
        Driver d = driver();
        d.run(c -> c instanceof Command.AskLeader l
                ? new Event.LeaderAnswered(l.id(), Map.of(), null, "timed out after 600s", Event.Usage.NONE, d.now())
                : Driver.happy(c, d.now()), 100);
        assertThat(d.finish().reason()).isEqualTo("leader architect did not decide money: timed out after 600s");
    }

    @Test
    void replay_reports_the_first_difference() {
        Driver d = driver();
        d.run(c -> Driver.happy(c, d.now()), 100);
        List<Event> edited = new java.util.ArrayList<>(d.journal);
        int index = -1;
        for (int i = 0; i < edited.size(); i++) {
            if (edited.get(i) instanceof Event.Started s && s.command() instanceof Command.RunAgent a && a.step().equals("api")) {
                edited.set(i, new Event.Started(new Command.RunAgent(a.id(), a.step(), a.attempt(), "lead",
                        a.timeoutMillis(), a.diagnostics()), s.at()));
                index = i;
                break;
            }
        }
        var mismatch = Replay.check(d.plan, d.budget, edited);
        assertThat(mismatch).isPresent();
        assertThat(mismatch.get().index()).isEqualTo(index);
        assertThat(mismatch.get().describe()).contains("role=lead").contains("role=architect");
    }

    @Test
    void events_round_trip_through_json() {
        Driver d = driver();
        d.run(c -> Driver.happy(c, d.now()), 100);
        for (Event e : d.journal) {
            assertThat(Journals.fromJson(Journals.toJson(e))).isEqualTo(e);
        }
    }

    @Test
    void garbage_json_is_reported_as_corruption() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Journals.fromJson("{\"type\":\"started\",\"x\":1}"))
                .isInstanceOf(SynodException.Corrupted.class)
                .hasMessageContaining("expected a journal event");
    }
}
