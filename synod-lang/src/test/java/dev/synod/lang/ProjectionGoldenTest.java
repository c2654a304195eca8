package dev.synod.lang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.synod.lang.model.RoleId;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The projection of the example of LANGUAGE.md §1, compared with golden contracts checked by hand
 * against §5: the lead takes over impl[devN] if devN fails and merges impl[*] and tests; the
 * architect reviews the release, takes it over if the lead fails, and decides money and errors
 * when the developers reach no quorum.
 */
class ProjectionGoldenTest {
    private static final String DIR = "/dev/synod/lang/projection/";
    private static final ObjectMapper JSON = new ObjectMapper();

    static String resource(String name) {
        try (InputStream in = ProjectionGoldenTest.class.getResourceAsStream(DIR + name)) {
            assertThat(in).as("test resource %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static CheckResult bank() {
        CheckResult checked = Synod.check(new SourceFile("bank.synod", resource("bank.synod")), CheckOptions.none());
        assertThat(checked.diagnostics()).as("the §1 example checks clean").isEmpty();
        return checked;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"dev[2], bank.dev2.txt", "lead, bank.lead.txt", "architect, bank.architect.txt",
            "tester, bank.tester.txt", "human, bank.human.txt"})
    void projects_the_example_as_the_golden_contract(String role, String golden) {
        assertThat(Synod.project(bank(), role).toText()).isEqualTo(resource(golden));
    }

    @Test
    void every_participant_of_the_example_gets_a_contract_in_text_and_json() throws IOException {
        CheckResult checked = bank();
        List<RoleId> participants = new java.util.ArrayList<>(checked.model().orElseThrow().participants());
        participants.add(RoleId.HUMAN);
        assertThat(participants).extracting(RoleId::display)
                .containsExactly("architect", "dev[1]", "dev[2]", "dev[3]", "tester", "lead", "human");
        for (RoleId id : participants) {
            Projection projection = Synod.project(checked, id.display());
            assertThat(projection.role()).isEqualTo(id.display());
            assertThat(projection.team()).isEqualTo("bank");
            assertThat(projection.entries()).as(id.display()).isNotEmpty();
            assertThat(projection.toText()).startsWith("Contract of " + id.display() + " in team bank\n1. ");
            JsonNode json = JSON.readTree(projection.toJson());
            assertThat(json.get("role").asText()).isEqualTo(id.display());
            assertThat(json.get("entries").size()).isEqualTo(projection.entries().size());
        }
    }

    @Test
    void the_replicas_of_dev_differ_only_in_their_replica() {
        CheckResult checked = bank();
        String dev2 = Synod.project(checked, "dev[2]").toText();
        assertThat(Synod.project(checked, "dev[3]").toText())
                .isEqualTo(dev2.replace("dev2", "dev3").replace("Contract of dev[2]", "Contract of dev[3]"));
    }

    @Test
    void json_of_the_lead_holds_the_same_data_as_its_text() throws IOException {
        JsonNode json = JSON.readTree(Synod.project(bank(), "lead").toJson());
        assertThat(json.get("team").asText()).isEqualTo("bank");
        JsonNode entries = json.get("entries");
        assertThat(entries).extracting(e -> e.get("kind").asText())
                .containsExactly("receive", "receive", "concurrently", "produce");
        JsonNode par = entries.get(2);
        assertThat(par.get("line").asInt()).isEqualTo(32);
        assertThat(par.get("branches")).hasSize(4);
        JsonNode takeOver = par.get("branches").get(1).get(0);
        assertThat(takeOver.get("kind").asText()).isEqualTo("takeOver");
        assertThat(takeOver.get("artifact").asText()).isEqualTo("impl[dev2]");
        assertThat(takeOver.get("producer").asText()).isEqualTo("dev[2]");
        assertThat(takeOver.get("gates").get(1).get("argument").asText()).isEqualTo("src/test/java/bank/dev2/**");
        assertThat(takeOver.get("gates").get(0).get("argument").isNull()).isTrue();
        assertThat(takeOver.get("withinSeconds").asLong()).isEqualTo(1200);
        JsonNode release = entries.get(3);
        assertThat(release.get("merges")).extracting(JsonNode::asText)
                .containsExactly("impl[dev1]", "impl[dev2]", "impl[dev3]", "tests");
        assertThat(release.get("writeScopeFromMerges").asBoolean()).isTrue();
        assertThat(release.get("escalation")).extracting(JsonNode::asText).containsExactly("architect");
        assertThat(release.get("escalationImplicit").asBoolean()).isFalse();
    }

    @Test
    void json_of_a_voter_carries_the_questions_and_the_protocol() throws IOException {
        JsonNode vote = JSON.readTree(Synod.project(bank(), "dev[1]").toJson()).get("entries").get(1);
        assertThat(vote.get("kind").asText()).isEqualTo("vote");
        assertThat(vote.get("protocol").asText()).isEqualTo("ben_or");
        assertThat(vote.get("quorum").asInt()).isEqualTo(2);
        assertThat(vote.get("rounds").asInt()).isEqualTo(4);
        assertThat(vote.get("fallback").asText()).isEqualTo("architect");
        assertThat(vote.get("questions").get(0).get("options")).extracting(JsonNode::asText)
                .containsExactly("long cents", "BigDecimal");
    }

    @Test
    void refuses_an_unknown_role_and_lists_the_team_s_roles() {
        assertThatThrownBy(() -> Synod.project(bank(), "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no role 'x' in team bank; its roles are architect, dev[1], dev[2], dev[3], tester, lead, human");
    }

    @Test
    void refuses_a_replicated_role_without_an_index_and_lists_its_replicas() {
        for (String name : List.of("dev", "dev[*]")) {
            assertThatThrownBy(() -> Synod.project(bank(), name)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("role 'dev' has 3 replicas, each with its own contract; project one of them: "
                            + "dev[1], dev[2], dev[3]");
        }
    }

    @Test
    void refuses_indexes_out_of_range_or_on_roles_without_replicas() {
        CheckResult checked = bank();
        assertThatThrownBy(() -> Synod.project(checked, "dev[4]"))
                .hasMessage("no replica 'dev[4]': role 'dev' has replicas dev[1], dev[2], dev[3]");
        assertThatThrownBy(() -> Synod.project(checked, "dev[0]"))
                .hasMessage("no replica 'dev[0]': role 'dev' has replicas dev[1], dev[2], dev[3]");
        assertThatThrownBy(() -> Synod.project(checked, "lead[1]"))
                .hasMessage("role 'lead' has no replicas, so it takes no index; write 'lead' instead of 'lead[1]'");
        assertThatThrownBy(() -> Synod.project(checked, "human[1]"))
                .hasMessage("role 'human' has no replicas, so it takes no index; write 'human' instead of 'human[1]'");
    }

    @Test
    void accepts_a_role_name_with_surrounding_blanks() {
        assertThat(Synod.project(bank(), " dev[2] ").role()).isEqualTo("dev[2]");
    }

    @Test
    void refuses_a_file_with_syntax_errors() {
        CheckResult broken = Synod.check(new SourceFile("broken.synod", "synod 1\nteam t { role }\n"), CheckOptions.none());
        assertThat(broken.model()).isEmpty();
        assertThatThrownBy(() -> Synod.project(broken, "a")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("broken.synod has syntax errors");
    }
}
