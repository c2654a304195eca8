package dev.synod.runtime.agents.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.core.Agent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reviews and decides run through the same loop, with their own tools. */
class ModelAgentReviewDecideTest {
    @TempDir
    Path root;

    /** A review by critic of attempt 1 of api: it may read the artifact and the decisions, and write nothing. */
    private static Agent.Assignment review(int attempt) {
        return new Agent.Assignment("r1", "api", attempt, "critic", "Contract of critic", List.of(), List.of("api"), List.of(),
                Map.of(), Duration.ofMinutes(1));
    }

    private static Agent.DecisionRequest decide() {
        return new Agent.DecisionRequest("r1", "decide:money", "critic", Map.of("money", List.of("long cents", "BigDecimal")),
                Map.of(), Duration.ofMinutes(1));
    }

    @Test
    void a_review_reads_the_artifact_and_approves_or_rejects_through_its_tools() throws Exception {
        LoopFixture f = new LoopFixture(root, """
                critic:
                  review:
                    api:
                      - turns:
                          - calls:
                              - read_file: { path: api/Api.java }
                              - read_file: { path: src/dev1/Old.java }
                              - write_file: { path: api/Api.java, content: "changed" }
                          - calls:
                              - reject: { comment: "Api has no methods" }
                      - { approve: true, comment: "fine now" }
                """);

        Agent.Review first = f.agent.review(review(1), f.workspace);
        List<String> results = f.results();
        Agent.Review second = f.agent.review(review(2), f.workspace);

        assertThat(first.approved()).isFalse();
        assertThat(first.comment()).isEqualTo("Api has no methods");
        assertThat(results.get(0)).isEqualTo("interface Api {}\n");
        assertThat(results.get(1)).startsWith("error: may not read \"src/dev1/Old.java\"");
        assertThat(results.get(2)).startsWith("error: there is no tool 'write_file'");
        assertThat(f.workspace.resolve("api/Api.java")).hasContent("interface Api {}");
        assertThat(second).isEqualTo(new Agent.Review(true, "fine now", dev.synod.core.Event.Usage.NONE));
        assertThat(f.model.requests.get(0).toolSpecifications()).extracting(t -> t.name())
                .containsExactly("list_files", "read_file", "approve", "reject");
    }

    @Test
    void a_review_that_cannot_finish_rejects_with_the_reason() throws Exception {
        LoopFixture f = new LoopFixture(root, "critic: {}\n");

        Agent.Review review = f.agent.review(review(1), f.workspace);

        assertThat(review.approved()).isFalse();
        assertThat(review.comment()).isEqualTo("the review could not finish: the agent script agents.yaml has no entry "
                + "'critic.review.api'");
    }

    @Test
    void a_leader_decides_through_the_decide_tool_and_may_correct_a_wrong_option() throws Exception {
        LoopFixture f = new LoopFixture(root, """
                critic:
                  decide:
                    turns:
                      - calls:
                          - decide: { answers: { money: "float" }, rationale: "fast" }
                      - calls:
                          - decide: { answers: { money: "long cents" }, rationale: "exact and simple" }
                """);

        Agent.Decision decision = f.agent.decide(decide());

        assertThat(decision.answers()).containsExactly(Map.entry("money", "long cents"));
        assertThat(decision.rationale()).isEqualTo("exact and simple");
        assertThat(f.results()).containsExactly("error: \"float\" is not an option of money; expected one of \"long cents\", "
                + "\"BigDecimal\"; call decide again with every question answered");
        String opening = ((dev.langchain4j.data.message.UserMessage) f.model.requests.get(0).messages().get(1)).singleText();
        assertThat(opening).startsWith("Role: critic\nTask: decide money\n")
                .contains("- `money`: answer with exactly one of \"long cents\", \"BigDecimal\".")
                .contains("- `money`: How is money represented?");
    }

    @Test
    void a_leader_whose_loop_fails_answers_nothing_and_says_why() throws Exception {
        LoopFixture f = new LoopFixture(root, "critic:\n  decide:\n    format: markdown\n");

        Agent.Decision decision = f.agent.decide(decide());

        assertThat(decision.answers()).isEmpty();
        assertThat(decision.rationale()).isEqualTo("the agent script agents.yaml has no entry 'critic.decide.money'");
    }

    /** Critic's ballot in round 2 of a vote decide that reads api, checked out in {@code workspace}. */
    private static Agent.DecisionRequest ballot(Path workspace) {
        return new Agent.DecisionRequest("r1", "decide:money", "critic", Map.of("money", List.of("long cents", "BigDecimal")),
                Map.of(), Duration.ofMinutes(1), true, 2,
                new dev.synod.core.Voting.Deliberation(1, Map.of("money", Map.of("long cents", 1)), 1, List.of("exact")),
                List.of("api"), workspace, List.of());
    }

    @Test
    void a_voter_casts_its_ballot_through_the_vote_tool_reading_the_inputs_and_may_correct_a_wrong_option() throws Exception {
        LoopFixture f = new LoopFixture(root, """
                critic:
                  decide:
                    turns:
                      - calls:
                          - read_file: { path: api/Api.java }
                          - write_file: { path: api/Api.java, content: "changed" }
                          - vote: { answers: { money: "float" }, rationale: "fast" }
                      - calls:
                          - vote: { answers: { money: "BigDecimal" }, rationale: "rounding modes" }
                """);

        Agent.Decision decision = f.agent.decide(ballot(f.workspace));

        assertThat(decision.answers()).containsExactly(Map.entry("money", "BigDecimal"));
        assertThat(decision.rationale()).isEqualTo("rounding modes");
        List<String> results = f.results();
        assertThat(results).hasSize(3);
        assertThat(results.get(0)).isEqualTo("interface Api {}\n");
        assertThat(results.get(1)).startsWith("error: there is no tool 'write_file'");
        assertThat(results.get(2)).isEqualTo("error: \"float\" is not an option of money; expected one of \"long cents\", \"BigDecimal\"; "
                        + "call vote again with every question answered");
        assertThat(f.workspace.resolve("api/Api.java")).hasContent("interface Api {}");
        assertThat(f.model.requests.get(0).toolSpecifications()).extracting(t -> t.name())
                .containsExactly("list_files", "read_file", "vote");
        String opening = ((dev.langchain4j.data.message.UserMessage) f.model.requests.get(0).messages().get(1)).singleText();
        assertThat(opening).contains("you cast one voter's ballot in round 2")
                .contains("Round 1 found no quorum: money: long cents 1; no ballot 1.")
                .contains("- exact")
                .contains("Call vote once");
    }

    @Test
    void a_leader_without_a_workspace_has_only_the_decide_tool() throws Exception {
        LoopFixture f = new LoopFixture(root, """
                critic:
                  decide:
                    turns:
                      - calls:
                          - decide: { answers: { money: "long cents" }, rationale: "exact" }
                """);

        f.agent.decide(decide());

        assertThat(f.model.requests.get(0).toolSpecifications()).extracting(t -> t.name()).containsExactly("decide");
    }

    private static Agent.DecisionRequest voter(String role, int round) {
        return new Agent.DecisionRequest("r1", "decide:money", role, Map.of("money", List.of("long cents", "BigDecimal")),
                Map.of(), Duration.ofMinutes(1), true, round, null, List.of(), null, List.of());
    }

    @Test
    void a_scripted_voter_answers_per_round_through_vote_crashes_or_gives_a_wrong_option_and_no_ballot() throws Exception {
        LoopFixture f = new LoopFixture(root, """
                critic:
                  decide:
                    money: [long cents, BigDecimal]
                skeptic:
                  decide:
                    crash: model answered garbage
                wrong:
                  decide:
                    money: float
                """);

        Agent.Decision first = f.agent.decide(voter("critic", 1));
        Agent.Decision second = f.agent.decide(voter("critic", 2));
        Agent.Decision third = f.agent.decide(voter("critic", 3));
        Agent.Decision crashed = f.agent.decide(voter("skeptic", 1));
        Agent.Decision wrong = f.agent.decide(voter("wrong", 1));

        assertThat(first.answers()).containsExactly(Map.entry("money", "long cents"));
        assertThat(second.answers()).containsExactly(Map.entry("money", "BigDecimal"));
        assertThat(third.answers()).containsExactly(Map.entry("money", "BigDecimal"));
        assertThat(f.model.requests.get(0).messages().get(1)).extracting(m -> ((dev.langchain4j.data.message.UserMessage) m)
                .singleText()).asString().startsWith("Role: critic\nTask: decide money\n");
        assertThat(((dev.langchain4j.data.message.UserMessage) f.model.requests.get(1).messages().get(1)).singleText())
                .startsWith("Role: critic\nTask: decide money (round 2)\n");
        assertThat(crashed.answers()).isEmpty();
        assertThat(crashed.rationale()).contains("model answered garbage");
        assertThat(wrong.answers()).isEmpty();
        assertThat(wrong.rationale()).contains("the model was asked for answer 2 after vote answered 'error: \"float\" is not "
                + "an option of money; expected one of \"long cents\", \"BigDecimal\"; call vote again");
    }
}
