package dev.synod.lang.internal.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.synod.lang.CheckOptions;
import dev.synod.lang.CheckResult;
import dev.synod.lang.Diagnostic;
import dev.synod.lang.Projection;
import dev.synod.lang.Projection.Concurrently;
import dev.synod.lang.Projection.Entry;
import dev.synod.lang.SourceFile;
import dev.synod.lang.Synod;
import dev.synod.lang.model.RoleId;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How the flow's shapes project: nested teams, {@code par}, {@code for}, decides and escalation chains. */
class ProjectorTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static CheckResult check(String body) {
        String source = "synod 1\nteam t {\n  defaults within 5m\n" + body + "}\n";
        CheckResult checked = Synod.check(new SourceFile("t.synod", source), CheckOptions.none());
        assertThat(checked.diagnostics()).as("diagnostics of%n%s", source).extracting(d -> d.code() + " " + d.message()).isEmpty();
        return checked;
    }

    private static List<String> kinds(List<Entry> entries) {
        return entries.stream().map(e -> e.getClass().getSimpleName()).toList();
    }

    private static final String NESTED = """
              role architect model m
              architect -> all : spec "docs/SPEC.md"
                gate exists
              team core led by lead {
                role lead model m
                role dev[2] model m
                par {
                  for d in dev[*] {
                    d -> lead : impl[d] "src/core/{d}/**"
                      reads spec
                      gate compile
                  }
                }
                lead -> architect : core
                  merges impl[*]
                  gate compile
              }
            """;

    @Test
    void a_member_of_a_nested_team_escalates_to_its_lead_implicitly() {
        Projection dev = Synod.project(check(NESTED), "core.dev[1]");
        assertThat(dev.toText()).isEqualTo("""
                Contract of core.dev[1] in team t
                1. Receive spec from architect (docs/SPEC.md).
                2. Produce impl[dev1] for core.lead: write only src/core/dev1/**; reading spec; checked by gate compile; \
                within 5m per attempt, no retries; if every attempt fails, escalated to core.lead (the team lead, implicitly).
                """);
        Projection.Produce produce = (Projection.Produce) dev.entries().get(1);
        assertThat(produce.escalation()).containsExactly(new RoleId("core.lead", 0));
        assertThat(produce.escalationImplicit()).isTrue();
        assertThat(produce.line()).isEqualTo(12);
    }

    @Test
    void the_lead_of_a_nested_team_takes_over_its_members_and_fails_the_run_itself() {
        Projection lead = Synod.project(check(NESTED), "core.lead");
        assertThat(lead.toText()).isEqualTo("""
                Contract of core.lead in team t
                1. Receive spec from architect (docs/SPEC.md).
                2. Concurrently (branches 2a and 2b run at the same time, the steps of each in order; the next step waits \
                for all of them).
                   2a.1. Take over impl[dev1] if core.dev[1] fails (as the lead of team core): produce it yourself, with the \
                same inputs and checks: write only src/core/dev1/**; reading spec; checked by gate compile; within 5m per \
                attempt, no retries; if every attempt fails, the run fails.
                   2a.2. Receive impl[dev1] from core.dev[1] (src/core/dev1/**).
                   2b.1. Take over impl[dev2] if core.dev[2] fails (as the lead of team core): produce it yourself, with the \
                same inputs and checks: write only src/core/dev2/**; reading spec; checked by gate compile; within 5m per \
                attempt, no retries; if every attempt fails, the run fails.
                   2b.2. Receive impl[dev2] from core.dev[2] (src/core/dev2/**).
                3. Produce core for architect: write only src/core/dev1/**, src/core/dev2/** (the merged artifacts' files); \
                merging impl[dev1], impl[dev2] (start from their merge and resolve its conflicts); checked by gate compile; \
                within 5m per attempt, no retries; if every attempt fails, the run fails.
                """);
        Projection.TakeOver takeOver = (Projection.TakeOver) ((Concurrently) lead.entries().get(1)).branches().get(0).get(0);
        assertThat(takeOver.implicit()).isTrue();
        assertThat(takeOver.earlier()).isEmpty();
        assertThat(takeOver.later()).isEmpty();
    }

    @Test
    void a_nested_role_named_without_its_team_gets_a_hint() {
        assertThatThrownBy(() -> Synod.project(check(NESTED), "dev[1]")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no role 'dev[1]' in team t (did you mean core.dev[1]?); its roles are architect, core.lead, "
                        + "core.dev[1], core.dev[2], human");
    }

    private static final String PAR = """
              role a model m
              role b model m
              role c model m
              role d model m
              role e model m
              role idle model m
              par {
                a -> b : x "x/**"
                  gate exists
                c -> b : y "y/**"
                  gate exists
                d -> e : w "w/**"
                  gate exists
              }
            """;

    @Test
    void a_par_with_the_role_in_two_branches_becomes_concurrently() {
        Projection b = Synod.project(check(PAR), "b");
        assertThat(b.entries()).singleElement().isInstanceOf(Concurrently.class);
        Concurrently c = (Concurrently) b.entries().get(0);
        assertThat(c.line()).isEqualTo(10);
        assertThat(c.branches()).hasSize(2).allSatisfy(branch -> assertThat(kinds(branch)).containsExactly("Receive"));
        assertThat(b.toText()).isEqualTo("""
                Contract of b in team t
                1. Concurrently (branches 1a and 1b run at the same time, the steps of each in order; the next step waits \
                for all of them).
                   1a.1. Receive x from a (x/**).
                   1b.1. Receive y from c (y/**).
                """);
    }

    @Test
    void a_par_with_the_role_in_one_branch_is_flattened_and_other_branches_vanish() {
        Projection a = Synod.project(check(PAR), "a");
        assertThat(kinds(a.entries())).containsExactly("Produce");
        assertThat(a.toText()).startsWith("Contract of a in team t\n1. Produce x for b: write only x/**;");
    }

    @Test
    void a_role_in_no_step_gets_an_empty_contract_that_says_so() throws IOException {
        Projection idle = Synod.project(check(PAR), "idle");
        assertThat(idle.entries()).isEmpty();
        assertThat(idle.toText()).isEqualTo("""
                Contract of idle in team t
                idle takes part in no step of this choreography: it produces, receives, reviews, takes over and decides \
                nothing.
                """);
        assertThat(JSON.readTree(idle.toJson()).get("entries").isEmpty()).isTrue();
        assertThat(Synod.project(check(PAR), "human").entries()).isEmpty();
    }

    @Test
    void a_par_nested_in_a_par_stays_nested_where_the_role_is_in_both() {
        Projection b = Synod.project(check("""
                  role a model m
                  role b model m
                  role c model m
                  role d model m
                  par {
                    a -> b : x "x/**"
                      gate exists
                    par {
                      c -> b : y "y/**"
                        gate exists
                      d -> b : w "w/**"
                        gate exists
                    }
                  }
                """), "b");
        assertThat(b.toText()).isEqualTo("""
                Contract of b in team t
                1. Concurrently (branches 1a and 1b run at the same time, the steps of each in order; the next step waits \
                for all of them).
                   1a.1. Receive x from a (x/**).
                   1b.1. Concurrently (branches 1b.1a and 1b.1b run at the same time, the steps of each in order; the next \
                step waits for all of them).
                         1b.1a.1. Receive y from c (y/**).
                         1b.1b.1. Receive w from d (w/**).
                """);
    }

    private static final String LOOP = """
              role dev[3] model m
              role lead model m
              for d in dev[*] {
                d -> lead : impl[d] "src/{d}/**"
                  gate compile
              }
            """;

    @Test
    void a_for_outside_a_par_gives_sequential_entries() {
        Projection lead = Synod.project(check(LOOP), "lead");
        assertThat(kinds(lead.entries())).containsExactly("Receive", "Receive", "Receive");
        assertThat(lead.entries()).extracting(e -> ((Projection.Receive) e).producer().display())
                .containsExactly("dev[1]", "dev[2]", "dev[3]");
        assertThat(lead.entries()).extracting(Entry::line).containsOnly(7);
        Projection dev2 = Synod.project(check(LOOP), "dev[2]");
        assertThat(dev2.entries()).singleElement().isInstanceOfSatisfying(Projection.Produce.class,
                p -> assertThat(p.task().writeScope()).containsExactly("src/dev2/**"));
    }

    private static final String DECIDE = """
              role a model m
              role v[3] model m, n
              question q "Which?" options "x", "y"
              question r "Say \\"why\\"\\\\ \\nplease" options "a\\"b", "c"
              question s "Free?"
              decide q among v[*], a by vote
                quorum 3 rounds 2 fallback a
              decide r among v[*] by vote
              decide s by leader a
                within 90m
            """;

    @Test
    void a_voter_that_is_also_the_fallback_gets_both_entries() {
        Projection a = Synod.project(check(DECIDE), "a");
        assertThat(kinds(a.entries())).containsExactly("Vote", "Fallback", "Lead");
        assertThat(a.toText()).isEqualTo("""
                Contract of a in team t
                1. Vote on q by vote among v[1], v[2], v[3], a: an option needs 3 of 4 votes; up to 2 rounds of at most 5m \
                each; if no option has a quorum after 2 rounds, a decides.
                   - q: "Which?" Options: "x", "y".
                2. Decide q if v[1], v[2], v[3], a reach no quorum by vote after 2 rounds, within 5m.
                   - q: "Which?" Options: "x", "y".
                3. Decide s alone, within 1h30m.
                   - s: "Free?" Any answer.
                """);
        Projection.Lead lead = (Projection.Lead) a.entries().get(2);
        assertThat(lead.within()).hasValue(5400);
    }

    @Test
    void a_vote_without_fallback_fails_the_run_and_questions_keep_their_escapes() {
        Projection v = Synod.project(check(DECIDE), "v[3]");
        assertThat(v.toText()).isEqualTo("""
                Contract of v[3] in team t
                1. Vote on q by vote among v[1], v[2], v[3], a: an option needs 3 of 4 votes; up to 2 rounds of at most 5m \
                each; if no option has a quorum after 2 rounds, a decides.
                   - q: "Which?" Options: "x", "y".
                2. Vote on r by vote among v[1], v[2], v[3]: an option needs 2 of 3 votes; up to 1 round of at most 5m \
                each; if no option has a quorum after 1 round, the run fails.
                   - r: "Say \\"why\\"\\\\ \\nplease" Options: "a\\"b", "c".
                """);
        Projection.Vote vote = (Projection.Vote) v.entries().get(1);
        assertThat(vote.fallback()).isEqualTo(Optional.empty());
        assertThat(vote.questions().get(0).text()).isEqualTo("Say \"why\"\\ \nplease");
    }

    @Test
    void json_escapes_every_string_so_it_parses_back_to_the_same_text() throws IOException {
        JsonNode json = JSON.readTree(Synod.project(check(DECIDE), "v[1]").toJson());
        JsonNode r = json.get("entries").get(1).get("questions").get(0);
        assertThat(r.get("text").asText()).isEqualTo("Say \"why\"\\ \nplease");
        assertThat(r.get("options").get(0).asText()).isEqualTo("a\"b");
        assertThat(json.get("entries").get(1).get("fallback").isNull()).isTrue();
    }

    private static final String CHAIN = """
              role p model m
              role x model m
              role y model m
              p -> x : art "a/**"
                gate sh "echo \\"ok\\""
                review y
                retry 1
                else escalate x, y
            """;

    @Test
    void escalation_targets_take_over_in_turn() {
        CheckResult checked = check(CHAIN);
        Projection x = Synod.project(checked, "x");
        assertThat(kinds(x.entries())).containsExactly("TakeOver", "Receive");
        assertThat(x.toText()).contains("1. Take over art if p fails: produce it yourself, with the same inputs and "
                + "checks: write only a/**; checked by gate sh \"echo \\\"ok\\\"\"; reviewed by y; within 5m per attempt, "
                + "up to 1 retry; if every attempt fails, escalated to y.\n");
        Projection y = Synod.project(checked, "y");
        assertThat(kinds(y.entries())).containsExactly("Review", "TakeOver");
        Projection.TakeOver takeOver = (Projection.TakeOver) y.entries().get(1);
        assertThat(takeOver.earlier()).containsExactly(new RoleId("x", 0));
        assertThat(takeOver.later()).isEmpty();
        assertThat(y.toText()).contains("1. Review art from p (a/**), once gate sh \"echo \\\"ok\\\"\" passes; accept it "
                + "or reject it with your reasons.\n2. Take over art if p and x fail: produce it yourself, for x,");
        assertThat(Synod.project(checked, "p").toText()).endsWith("; if every attempt fails, escalated to x, then to y.\n");
    }

    @Test
    void json_of_an_escalation_chain_names_each_position() throws IOException {
        JsonNode takeOver = JSON.readTree(Synod.project(check(CHAIN), "y").toJson()).get("entries").get(1);
        assertThat(takeOver.get("kind").asText()).isEqualTo("takeOver");
        assertThat(takeOver.get("producer").asText()).isEqualTo("p");
        assertThat(takeOver.get("earlier")).extracting(JsonNode::asText).containsExactly("x");
        assertThat(takeOver.get("later")).isEmpty();
        assertThat(takeOver.get("gates").get(0).get("argument").asText()).isEqualTo("echo \"ok\"");
        assertThat(takeOver.get("retry").asInt()).isEqualTo(1);
    }
}
