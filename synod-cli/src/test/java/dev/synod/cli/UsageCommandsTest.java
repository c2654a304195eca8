package dev.synod.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What model turns cost, per role and per step, in {@code synod status} and {@code synod log}; role budgets in synod.yaml. */
class UsageCommandsTest {
    private static final String TEAM = """
            synod 1
            team usage {
              defaults within 1m retry 1
              role dev[2] model scripted
              role critic model scripted
              dev[1] -> all : api "api/**"
                gate exists
                review critic
              dev[2] -> critic : impl "src/**"
                reads api
                gate exists
            }
            """;

    /** Every model answer reports its tokens; prices are not known to a scripted model, so money stays 0. */
    private static final String SCRIPT = """
            dev[1]:
              produce:
                api:
                  - turns:
                      - calls: [ { write_file: { path: api/Api.java, content: "interface Api {}" } } ]
                        usage: { input: 1000, output: 200 }
                      - calls: [ { finish: { summary: the api } } ]
                        usage: { input: 1300, output: 20 }
            dev[2]:
              produce:
                impl:
                  - turns:
                      - calls: [ { read_file: { path: api/Api.java } } ]
                        usage: { input: 500, output: 50 }
                      - calls: [ { write_file: { path: src/Impl.java, content: "class Impl implements Api {}" } } ]
                        usage: { input: 700, output: 100 }
                      - calls: [ { finish: { summary: the impl } } ]
                        usage: { input: 900, output: 10 }
            critic:
              review:
                api:
                  - turns:
                      - calls: [ { approve: { comment: fine } } ]
                        usage: { input: 400, output: 5 }
            """;

    @TempDir
    Path dir;

    private void team(String budget) throws IOException {
        Files.writeString(dir.resolve("team.synod"), TEAM);
        Files.writeString(dir.resolve("synod.yaml"), "models:\n  scripted: { provider: scripted, script: agents.yaml }\n" + budget);
        Files.writeString(dir.resolve("agents.yaml"), SCRIPT);
    }

    @Test
    void status_and_log_show_the_usage_per_role_and_per_step() throws Exception {
        team("budget: { tokens: 100000, roles: { dev: { tokens: 50000 } } }\n");
        Run run = Run.synod("run", dir.toString(), "--yes");
        assertThat(run.exit()).as(run.toString()).isZero();

        Run status = Run.synod("status", "--dir", dir.toString());
        assertThat(status.out()).containsPattern("api\\s+attempt 1\\s+accepted\\s+by dev\\[1\\]\\s+2925 tokens, \\$0\\.00")
                .containsPattern("impl\\s+attempt 1\\s+accepted\\s+by dev\\[2\\]\\s+2260 tokens, \\$0\\.00")
                .contains("usage: 5185 tokens, $0.00")
                .containsPattern("dev\\[1\\]\\s+2520 tokens, \\$0\\.00 \\(2300 in, 220 out\\)")
                .containsPattern("critic\\s+405 tokens")
                .contains("budget of role dev: 4780 of 50000 tokens used");

        JsonNode json = new ObjectMapper().readTree(Run.synod("status", "--dir", dir.toString(), "--json").out());
        assertThat(json.get("tokens").asLong()).isEqualTo(5185);
        assertThat(json.at("/steps/0/tokens").asLong()).isEqualTo(2925);
        assertThat(json.at("/roles/0/name").asText()).isEqualTo("dev[1]");
        assertThat(json.at("/roles/0/inputTokens").asLong()).isEqualTo(2300);
        assertThat(json.at("/roleBudgets/0/role").asText()).isEqualTo("dev");
        assertThat(json.at("/roleBudgets/0/tokens").asLong()).isEqualTo(4780);
        assertThat(json.at("/roleBudgets/0/tokenLimit").asLong()).isEqualTo(50000);

        Run log = Run.synod("log", "--dir", dir.toString());
        assertThat(log.out()).contains("api#1: turn 1 by dev[1]: write_file api/Api.java [1000 in + 200 out tokens, $0.00]")
                .contains("impl#1: turn 3 by dev[2]: finish [900 in + 10 out tokens, $0.00]")
                .contains("api#1:critic: turn 1 by critic: approve [400 in + 5 out tokens")
                .contains("api#1: produced").contains("[2520 tokens, $0.00]")
                .contains("usage by step:").containsPattern("impl\\s+2260 tokens");
    }

    @Test
    void a_spent_role_budget_stops_its_attempts_and_the_run_says_why() throws Exception {
        team("budget: { roles: { dev: { tokens: 2000 } } }\n");

        Run run = Run.synod("run", dir.toString(), "--yes");

        assertThat(run.exit()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).contains("hand-off impl failed after 2 attempts: attempt 2 by dev[2] crashed: the budget of role dev is spent: token budget "
                + "exhausted: 2520 of 2000 tokens used; no further model call was started");
    }

    @Test
    void a_budget_for_a_role_the_team_lacks_is_bad_input() throws Exception {
        team("budget: { roles: { tester: { tokens: 5 } } }\n");

        Run run = Run.synod("run", dir.toString(), "--yes");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("synod.yaml: 'budget.roles.tester' names no role of the team; expected one of critic, dev");
    }
}
