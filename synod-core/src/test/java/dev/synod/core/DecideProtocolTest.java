package dev.synod.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The decide protocols through the interpreter, with scripted voters: every scenario runs a whole
 * team in the {@link Driver}, replays its journal, and records the transitions the decide took,
 * so that the last test can show every row of {@link DecideProtocol#TABLE} is reached.
 */
class DecideProtocolTest {
    private static final Set<DecideProtocol.Transition> TAKEN = new HashSet<>();

    /** A team whose decide is {@code decide}, followed by one hand-off. */
    static String team(String decide) {
        return """
                synod 1
                team t {
                  defaults within 10m
                  role v[5] model m
                  role lead model m
                  question money "How is money represented?"
                    options "long cents", "BigDecimal", "double"
                  question errors "How are errors reported?"
                    options "exceptions", "results"
                  %s
                  lead -> all : api "src/**"
                    gate exists
                }
                """.formatted(decide);
    }

    /** A voter's answer in a round: answers, or null for a crash. */
    record Vote(Map<String, String> answers, String rationale) {
        static Vote of(String money, String errors) {
            Map<String, String> a = new LinkedHashMap<>();
            if (money != null) {
                a.put("money", money);
            }
            if (errors != null) {
                a.put("errors", errors);
            }
            return new Vote(a, "because " + money);
        }
    }

    /** Runs the team; {@code voters} answers (voter, round) with a vote or null (a crash). */
    private static Driver run(String decide, BiFunction<String, Integer, Vote> voters, long seed) {
        Plan plan = Driver.plan(team(decide));
        Driver d = new Driver(plan, Budget.UNLIMITED, seed);
        d.run(c -> switch (c) {
            case Command.AskVoter v -> {
                Vote vote = voters.apply(v.role(), v.round());
                if (vote == null) {
                    yield new Event.BallotCast(v.id(), Map.of(), null, "crashed: the model answered garbage", Event.Usage.NONE, d.now());
                }
                Map<String, String> mine = new LinkedHashMap<>();
                v.questions().forEach(q -> {
                    if (vote.answers().containsKey(q)) {
                        mine.put(q, vote.answers().get(q));
                    }
                });
                yield new Event.BallotCast(v.id(), mine, vote.rationale(), null, new Event.Usage(10, 5, 0), d.now());
            }
            case Command.AskLeader l -> new Event.LeaderAnswered(l.id(), answersFor(l.asked((Plan.Decide) plan.step(l.step()))),
                    "the lead's call", null, Event.Usage.NONE, d.now());
            default -> Driver.happy(c, d.now());
        }, 200);
        assertThat(Replay.check(plan, Budget.UNLIMITED, d.journal)).isEmpty();
        Plan.Decide step = (Plan.Decide) plan.steps().get(0);
        TAKEN.addAll(Interpreter.protocol(step, d.state).path());
        return d;
    }

    private static Map<String, String> answersFor(List<String> questions) {
        Map<String, String> out = new LinkedHashMap<>();
        questions.forEach(q -> out.put(q, q.equals("money") ? "BigDecimal" : "results"));
        return out;
    }

    private static Command.RecordDecision record(Driver d) {
        return d.started().stream().filter(Command.RecordDecision.class::isInstance).map(Command.RecordDecision.class::cast)
                .findFirst().orElseThrow(() -> new AssertionError("no decision was recorded: " + d.journal));
    }

    private static List<Command.AskVoter> asked(Driver d) {
        return d.started().stream().filter(Command.AskVoter.class::isInstance).map(Command.AskVoter.class::cast).toList();
    }

    @Test
    void unanimity_in_round_1_settles_both_questions_by_quorum() {
        Driver d = run("decide money, errors among v[*] by vote", (v, r) -> Vote.of("long cents", "exceptions"), 1);

        Command.RecordDecision rec = record(d);
        assertThat(rec.answers()).containsExactly(Map.entry("money", "long cents"), Map.entry("errors", "exceptions"));
        assertThat(rec.outcome()).extracting(Voting.Settlement::how).containsOnly(Voting.How.QUORUM);
        assertThat(rec.outcome()).extracting(Voting.Settlement::round).containsOnly(1);
        assertThat(rec.rounds()).hasSize(1);
        assertThat(asked(d)).hasSize(5);
        assertThat(d.finish().succeeded()).isTrue();
    }

    @Test
    void a_vote_without_quorum_asks_again_with_the_tally_and_the_rationales_but_not_the_settled_question() {
        // Round 1: errors unanimous, money split 2/2/1; round 2: money converges after deliberation.
        Driver d = run("decide money, errors among v[*] by vote\n    rounds 3", (v, r) -> {
            if (r == 1) {
                return Vote.of(v.equals("v[1]") || v.equals("v[2]") ? "long cents" : v.equals("v[5]") ? "double" : "BigDecimal",
                        "results");
            }
            return Vote.of("long cents", "results");
        }, 2);

        List<Command.AskVoter> round2 = asked(d).stream().filter(a -> a.round() == 2).toList();
        assertThat(round2).hasSize(5);
        assertThat(round2).allSatisfy(a -> {
            assertThat(a.questions()).containsExactly("money");
            assertThat(a.deliberation().tally().get("money")).containsExactly(Map.entry("long cents", 2),
                    Map.entry("BigDecimal", 2), Map.entry("double", 1));
            assertThat(a.deliberation().rationales()).hasSize(5).contains("because double");
        });
        Command.RecordDecision rec = record(d);
        assertThat(rec.outcome()).containsExactly(new Voting.Settlement("money", "long cents", Voting.How.QUORUM, 2, null),
                new Voting.Settlement("errors", "results", Voting.How.QUORUM, 1, null));
    }

    @Test
    void no_quorum_within_the_rounds_falls_back_on_the_open_questions_only() {
        Driver d = run("decide money, errors among v[*] by vote\n    rounds 2 fallback lead", (v, r) ->
                Vote.of(v.equals("v[1]") || v.equals("v[2]") ? "long cents" : v.equals("v[5]") ? "double" : "BigDecimal",
                        "exceptions"), 3);

        Command.AskLeader fallback = d.started().stream().filter(Command.AskLeader.class::isInstance)
                .map(Command.AskLeader.class::cast).findFirst().orElseThrow();
        assertThat(fallback.id()).isEqualTo(Ids.fallback("decide:money,errors"));
        assertThat(fallback.questions()).containsExactly("money");
        assertThat(fallback.context()).hasSize(2).first().asString().contains("round 1 (5 of 5 ballots, quorum 3)")
                .contains("long cents 2, BigDecimal 2, double 1");
        Command.RecordDecision rec = record(d);
        assertThat(rec.outcome()).containsExactly(new Voting.Settlement("money", "BigDecimal", Voting.How.FALLBACK, 2, "lead"),
                new Voting.Settlement("errors", "exceptions", Voting.How.QUORUM, 1, null));
        assertThat(rec.rationale()).isEqualTo("the lead's call");
        assertThat(d.finish().succeeded()).isTrue();
    }

    @Test
    void no_quorum_and_no_fallback_fails_naming_the_tally() {
        Driver d = run("decide money among v[*] by vote", (v, r) ->
                Vote.of(v.equals("v[1]") || v.equals("v[2]") ? "long cents" : "BigDecimal", null), 4);
        // Three of five is the quorum: BigDecimal wins. With v[5] crashed it is two against two.
        assertThat(d.finish().succeeded()).isTrue();

        Driver split = run("decide money among v[*] by vote", (v, r) -> v.equals("v[5]") ? null
                : Vote.of(v.equals("v[1]") || v.equals("v[2]") ? "long cents" : "BigDecimal", null), 4);
        assertThat(split.finish().succeeded()).isFalse();
        assertThat(split.finish().reason()).isEqualTo("decide money by vote failed: no option reached the quorum of 3 in"
                + " 1 round; in round 1 4 of 5 voters answered (money: long cents 2, BigDecimal 2; no ballot 1), and it has no fallback");
        assertThat(split.started()).noneMatch(Command.RecordDecision.class::isInstance);
    }

    @Test
    void ben_or_asks_once_then_gives_majorities_and_coins_drawn_from_the_run_seed() {
        String decide = "decide money, errors among v[*] by ben_or\n    rounds 6 fallback lead";
        // Round 1 splits both questions 2/2/1 and 2/3 (errors: results has 3 = quorum).
        BiFunction<String, Integer, Vote> voters = (v, r) -> Vote.of(
                v.equals("v[1]") || v.equals("v[2]") ? "long cents" : v.equals("v[5]") ? "double" : "BigDecimal",
                v.equals("v[1]") || v.equals("v[2]") ? "exceptions" : "results");
        Driver d = run(decide, voters, 42);

        assertThat(asked(d)).as("voters are asked in round 1 only").hasSize(5).allMatch(a -> a.round() == 1);
        Command.RecordDecision rec = record(d);
        assertThat(rec.outcome().get(1)).isEqualTo(new Voting.Settlement("errors", "results", Voting.How.QUORUM, 1, null));
        Voting.Round round2 = rec.rounds().get(1);
        assertThat(round2.questions()).containsExactly("money");
        // No strict majority in round 1 on money: every ballot of round 2 is that voter's coin, from the seed.
        Coins coins = Coins.of(42, "decide:money,errors");
        List<String> proposed = List.of("long cents", "BigDecimal", "double");
        for (Voting.Ballot b : round2.ballots()) {
            assertThat(b.cast()).isFalse();
            assertThat(b.coins()).containsExactly("money");
            assertThat(b.answers().get("money")).isEqualTo(proposed.get(coins.draw("money", 2, b.voter(), 3)));
        }
        assertThat(rec.outcome().get(0).option()).isIn(proposed);
        // The same seed gives the same rounds; the run is replayed in run().
        assertThat(record(run(decide, voters, 42)).rounds()).isEqualTo(rec.rounds());
        // Some other seed draws other coins somewhere.
        boolean differs = false;
        for (long seed = 43; seed < 60 && !differs; seed++) {
            differs = !record(run(decide, voters, seed)).rounds().get(1).equals(round2);
        }
        assertThat(differs).isTrue();
    }

    @Test
    void ben_or_converges_for_every_seed_tried_and_always_to_a_proposed_option() {
        String decide = "decide money among v[*] by ben_or\n    rounds 8";
        for (long seed = 0; seed < 200; seed++) {
            Driver d = run(decide, (v, r) -> Vote.of(v.equals("v[1]") || v.equals("v[2]") ? "long cents"
                    : v.equals("v[5]") ? "BigDecimal" : null, null), seed);
            // v[3] and v[4] crash: 3 ballots = the quorum; "double" was never proposed.
            if (d.finish().succeeded()) {
                Command.RecordDecision rec = record(d);
                assertThat(rec.answers().get("money")).isIn("long cents", "BigDecimal");
                assertThat(rec.rounds()).allSatisfy(r -> assertThat(r.absent()).containsOnlyKeys("v[3]", "v[4]"));
            } else {
                assertThat(d.finish().reason()).contains("no option reached the quorum of 3 in 8 rounds");
            }
        }
    }

    @Test
    void a_strict_majority_without_quorum_is_adopted_by_every_voter_in_the_next_round() {
        // quorum 5 of 5: 3 ballots for long cents is a strict majority, not a quorum.
        Driver d = run("decide money among v[*] by ben_or\n    quorum 5", (v, r) ->
                Vote.of(v.equals("v[4]") || v.equals("v[5]") ? "BigDecimal" : "long cents", null), 5);
        Command.RecordDecision rec = record(d);
        assertThat(rec.rounds()).hasSize(2);
        assertThat(rec.rounds().get(1).ballots()).allSatisfy(b -> {
            assertThat(b.answers()).containsEntry("money", "long cents");
            assertThat(b.coins()).isEmpty();
        });
        assertThat(rec.outcome()).containsExactly(new Voting.Settlement("money", "long cents", Voting.How.QUORUM, 2, null));
    }

    @Test
    void a_crashed_voter_within_tolerance_still_decides() {
        Driver d = run("decide money among v[*] by vote\n    tolerate 2 crash", (v, r) -> v.equals("v[1]") || v.equals("v[2]")
                ? null : Vote.of("BigDecimal", null), 6);
        assertThat(record(d).answers()).containsEntry("money", "BigDecimal");
        assertThat(record(d).rounds().get(0).absent()).containsOnlyKeys("v[1]", "v[2]");
    }

    @Test
    void a_byzantine_voter_within_tolerance_cannot_change_the_outcome() {
        // tolerate 1 byzantine needs quorum > (n+f)/2: 4 of 5. The liar answers something else each round.
        Driver d = run("decide money among v[*] by vote\n    quorum 4 tolerate 1 byzantine", (v, r) -> v.equals("v[3]")
                ? Vote.of("double", null) : Vote.of("long cents", null), 7);
        assertThat(record(d).answers()).containsEntry("money", "long cents");
    }

    @Test
    void a_malformed_ballot_is_no_ballot_with_the_reason() {
        Driver d = run("decide money, errors among v[*] by vote\n    tolerate 1 crash", (v, r) -> v.equals("v[2]")
                ? Vote.of("pounds", "results") : v.equals("v[4]") ? Vote.of("long cents", null) : Vote.of("long cents", "results"), 8);
        Voting.Round round = record(d).rounds().get(0);
        assertThat(round.absent()).containsExactly(
                Map.entry("v[2]", "answered 'pounds' for money, expected one of long cents, BigDecimal, double"),
                Map.entry("v[4]", "no answer for question errors"));
        assertThat(record(d).answers()).containsEntry("money", "long cents").containsEntry("errors", "results");
    }

    @Test
    void more_crashes_than_tolerated_make_ben_or_quorum_unreachable_and_the_fallback_says_how_many_answered() {
        Driver d = run("decide money among v[*] by ben_or\n    fallback lead tolerate 2 crash", (v, r) ->
                v.equals("v[1]") || v.equals("v[2]") ? Vote.of("long cents", null) : null, 9);
        Command.AskLeader fallback = d.started().stream().filter(Command.AskLeader.class::isInstance)
                .map(Command.AskLeader.class::cast).findFirst().orElseThrow();
        assertThat(fallback.context()).last().asString()
                .isEqualTo("round 1 had 2 ballots, fewer than the quorum of 3, so no later round could reach it");
        assertThat(record(d).outcome()).containsExactly(new Voting.Settlement("money", "BigDecimal", Voting.How.FALLBACK, 1, "lead"));

        Driver failed = run("decide money among v[*] by ben_or\n    tolerate 2 crash", (v, r) ->
                v.equals("v[1]") || v.equals("v[2]") ? Vote.of("long cents", null) : null, 9);
        assertThat(failed.finish().reason()).isEqualTo("decide money by ben_or failed: only 2 of 5 voters answered in round 1,"
                + " tolerating 2 crash, fewer than the quorum of 3, and it has no fallback");
    }

    @Test
    void a_leader_decides_alone_and_a_leader_that_fails_fails_the_run() {
        Driver d = run("decide money, errors by leader lead", (v, r) -> null, 10);
        assertThat(record(d).answers()).containsEntry("money", "BigDecimal");
        assertThat(record(d).how()).isEqualTo("decided by leader lead");
        assertThat(record(d).outcome()).isEmpty();

        Plan plan = Driver.plan(team("decide money by leader lead"));
        Driver failing = new Driver(plan, Budget.UNLIMITED, 1);
        failing.run(c -> c instanceof Command.AskLeader l ? new Event.LeaderAnswered(l.id(), Map.of(), null, "crashed: boom",
                Event.Usage.NONE, failing.now()) : Driver.happy(c, failing.now()), 20);
        TAKEN.addAll(Interpreter.protocol((Plan.Decide) plan.steps().get(0), failing.state).path());
        assertThat(failing.finish().reason()).isEqualTo("leader lead did not decide money: crashed: boom");
    }

    @Test
    void a_fallback_that_fails_fails_the_run() {
        Plan plan = Driver.plan(team("decide money among v[*] by vote\n    fallback lead"));
        Driver d = new Driver(plan, Budget.UNLIMITED, 1);
        d.run(c -> switch (c) {
            case Command.AskVoter v -> new Event.BallotCast(v.id(), Map.of(), null, "timed out", Event.Usage.NONE, d.now());
            case Command.AskLeader l -> new Event.LeaderAnswered(l.id(), Map.of("money", "yen"), "", null, Event.Usage.NONE, d.now());
            default -> Driver.happy(c, d.now());
        }, 20);
        TAKEN.addAll(Interpreter.protocol((Plan.Decide) plan.steps().get(0), d.state).path());
        assertThat(d.finish().reason()).isEqualTo("fallback lead did not decide money: answered 'yen' for money, expected one of"
                + " long cents, BigDecimal, double");
    }

    @Test
    void the_table_refuses_a_move_it_does_not_have() {
        assertThatThrownBy(() -> DecideProtocol.step(DecideProtocol.Phase.DECIDED, DecideProtocol.Trigger.ASK_VOTERS))
                .hasMessage("a decide in phase DECIDED cannot take ASK_VOTERS; expected one of: none, it is over");
    }

    @AfterAll
    static void every_transition_of_the_table_is_taken_by_some_scenario() {
        List<DecideProtocol.Transition> missing = new ArrayList<>(DecideProtocol.TABLE);
        missing.removeAll(TAKEN);
        assertThat(missing).as("transitions no scenario took").isEmpty();
        Set<DecideProtocol.Phase> reached = EnumSet.noneOf(DecideProtocol.Phase.class);
        TAKEN.forEach(t -> reached.add(t.to()));
        assertThat(reached).containsAll(EnumSet.complementOf(EnumSet.of(DecideProtocol.Phase.OPEN)));
    }
}
