package dev.synod.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code synod run} on a team whose {@code ben_or} decide splits, with scripted voters of which
 * one crashes (within {@code tolerate 1 crash}): the decide settles before the hand-off that
 * follows it, its records land on the release branch with every round, and {@code synod replay}
 * re-derives every coin from the journaled seed.
 */
class DecideRunTest {
    static final String TEAM = """
            synod 1

            team bank {
              defaults within 10m

              role architect model scripted
              role dev[3] model scripted

              question money "How are amounts of money represented in the API?"
                options "long cents", "BigDecimal"
              question errors "How does the API report a failed operation?"
                options "checked exceptions", "result objects"

              decide money, errors among dev[*] by ben_or
                rounds 4 fallback architect tolerate 1 crash

              architect -> all : api "src/API.md"
                gate exists
            }
            """;

    static final String AGENTS = """
            architect:
              decide: { money: BigDecimal, errors: result objects }
              produce:
                api:
                  - write: { src/API.md: "# API\\n" }
                    summary: the api
            dev[1]:
              decide: { money: long cents, errors: checked exceptions }
            dev[2]:
              decide: { money: BigDecimal, errors: result objects }
            # dev[3] has no answer to give: its decide fails, which is no ballot.
            dev[3]: {}
            """;

    @TempDir
    Path dir;

    @Test
    void a_split_ben_or_decide_with_a_crashed_voter_settles_records_every_round_and_replays() throws Exception {
        Files.writeString(dir.resolve("team.synod"), TEAM);
        Files.writeString(dir.resolve("agents.yaml"), AGENTS);
        Files.writeString(dir.resolve("synod.yaml"), "models:\n  scripted: { provider: scripted, script: agents.yaml }\n");

        Run run = Run.synod("run", dir.toString(), "--yes");

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).contains("decide:money,errors#1:dev[3]: no ballot")
                .contains("decide:money,errors: round 1: money: long cents 1, BigDecimal 1; no ballot 1")
                .contains("(with coins)");
        String money = ReleaseBranch.file(dir, "docs/decisions/0001-money.md");
        assertThat(money).contains("## Rounds", "### Round 1", "| dev[1] | long cents |", "| dev[3] | no ballot |",
                "### Round 2", "(coin)", "Chosen option: \"");
        assertThat(money).containsPattern("How: (quorum in round [2-4]|fallback to architect after 4 rounds)");
        assertThat(ReleaseBranch.file(dir, "docs/decisions/0002-errors.md")).contains("### Round 2");

        Run status = Run.synod("status", "--dir", dir.toString(), "--json");
        com.fasterxml.jackson.databind.JsonNode decisions = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(status.out()).get("decisions");
        assertThat(decisions).hasSize(2);
        com.fasterxml.jackson.databind.JsonNode first = decisions.get(0);
        assertThat(first.get("question").asText()).isEqualTo("money");
        assertThat(money).contains("Chosen option: \"" + first.get("outcome").asText() + "\"");
        assertThat(first.get("firstRoundAgreement").asDouble()).isEqualTo(0.5);
        assertThat(first.get("rounds").asInt()).isBetween(2, 4);
        assertThat(first.get("ballotsByModel").get("scripted").toString()).isEqualTo("{\"long cents\":1,\"BigDecimal\":1}");
        // Every voter is the scripted model: S052 holds at run time as at check time.
        assertThat(first.get("warnings").get(0).asText()).startsWith("S052: every voter of money uses model 'scripted'");
        assertThat(Run.synod("status", "--dir", dir.toString()).out()).contains("decision money: ", "first-round agreement 50%");

        Run replay = Run.synod("replay", "--dir", dir.toString());
        assertThat(replay.exit()).as(replay.toString()).isZero();
        assertThat(replay.out()).contains("events replay to identical commands");
    }

    @Test
    void a_run_killed_in_the_middle_of_a_decide_resumes_without_asking_again_who_answered() throws Exception {
        // dev[3] is a CLI program that thinks for 4 s and answers nothing: the kill lands while it runs.
        Files.writeString(dir.resolve("team.synod"), TEAM.replace("role dev[3] model scripted",
                "role dev[3] model scripted, scripted, slow"));
        Files.writeString(dir.resolve("agents.yaml"), AGENTS);
        Files.writeString(dir.resolve("synod.yaml"), """
                models:
                  scripted: { provider: scripted, script: agents.yaml }
                  slow: { provider: cli, command: ["sh", "-c", "sleep 4; echo no answer"], prompt: file }
                """);

        CrashHarnessTest.Child first = CrashHarnessTest.Child.start(dir, "run", dir.toString(), "--yes");
        long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (!first.output().contains("decide:money,errors#1:dev[2]: voted") && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertThat(first.output()).contains("round 1: asking dev[3] to vote").doesNotContain("dev[3]: no ballot");
        first.process().destroyForcibly().waitFor();
        assertThat(first.output()).doesNotContain("recorded in");

        CrashHarnessTest.Child resumed = CrashHarnessTest.Child.start(dir, "resume", "--yes");
        assertThat(resumed.waitFor()).as(resumed.output()).isZero();
        assertThat(resumed.output()).contains("resuming ballot:decide:money,errors#1:dev[3]")
                .doesNotContain("asking dev[1] to vote").doesNotContain("asking dev[2] to vote")
                .contains("decide:money,errors#1:dev[3]: no ballot");
        String money = ReleaseBranch.file(dir, "docs/decisions/0001-money.md");
        assertThat(money).contains("| dev[1] | long cents |", "| dev[2] | BigDecimal |", "| dev[3] | no ballot |");

        Run replay = Run.synod("replay", "--dir", dir.toString());
        assertThat(replay.exit()).as(replay.toString()).isZero();
    }

    @Test
    void a_vote_without_quorum_or_fallback_fails_the_run_naming_the_tally() throws Exception {
        Files.writeString(dir.resolve("team.synod"), TEAM.replace("by ben_or\n    rounds 4 fallback architect tolerate 1 crash",
                "by vote\n    rounds 2 tolerate 1 crash"));
        Files.writeString(dir.resolve("agents.yaml"), AGENTS);
        Files.writeString(dir.resolve("synod.yaml"), "models:\n  scripted: { provider: scripted, script: agents.yaml }\n");

        Run run = Run.synod("run", dir.toString(), "--yes");

        assertThat(run.exit()).as(run.toString()).isNotZero();
        assertThat(run.out() + run.err()).contains("decide money, errors by vote failed: no option reached the quorum of 2 in 2"
                + " rounds, tolerating 1 crash; in round 2 2 of 3 voters answered (money: long cents 1, BigDecimal 1; no ballot 1;"
                + " errors: checked exceptions 1, result objects 1; no ballot 1), and it has no fallback");
        assertThat(run.out()).contains("decide:money,errors#2:dev[1]: voted");
        assertThat(Run.synod("status", "--dir", dir.toString()).out()).containsPattern("decide:money,errors\\s+failed");
    }

    @Test
    void a_vote_settles_by_the_quorum_of_the_others_when_one_voter_is_slower_than_the_decides_within() throws Exception {
        // dev[3] is a CLI program that thinks for 60 s, far past the decide's 3 s: it times out, which is no ballot.
        Files.writeString(dir.resolve("team.synod"), TEAM
                .replace("role dev[3] model scripted", "role dev[3] model scripted, scripted, slow")
                .replace("by ben_or\n    rounds 4 fallback architect tolerate 1 crash", "by vote\n    within 3s tolerate 1 crash"));
        Files.writeString(dir.resolve("agents.yaml"), AGENTS.replace("dev[2]:\n  decide: { money: BigDecimal, errors: result objects }",
                "dev[2]:\n  decide: { money: long cents, errors: checked exceptions }"));
        Files.writeString(dir.resolve("synod.yaml"), """
                models:
                  scripted: { provider: scripted, script: agents.yaml }
                  slow: { provider: cli, command: ["sh", "-c", "sleep 60; echo no answer"], prompt: file }
                """);

        Run run = Run.synod("run", dir.toString(), "--yes");

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(Files.readString(dir.resolve("team.synod"))).contains("by vote", "within 3s");
        assertThat(run.out()).contains("decide:money,errors#1:dev[3]: no ballot: timed out after")
                .contains("decide:money,errors: round 1: money: long cents 2; no ballot 1");
        String money = ReleaseBranch.file(dir, "docs/decisions/0001-money.md");
        assertThat(money).contains("| dev[1] | long cents |", "| dev[2] | long cents |", "| dev[3] | no ballot |",
                "Chosen option: \"long cents\"");
        assertThat(money).containsPattern("How: quorum in round 1");
    }

    @Test
    void a_byzantine_voter_within_tolerance_neither_makes_nor_blocks_the_quorum() throws Exception {
        // Four voters, tolerate 1 byzantine, quorum 3: dev[4] answers an option no one else holds, every round.
        Files.writeString(dir.resolve("team.synod"), TEAM.replace("role dev[3] model scripted", "role dev[4] model scripted")
                .replace("by ben_or\n    rounds 4 fallback architect tolerate 1 crash", "by vote\n    quorum 3 tolerate 1 byzantine"));
        Files.writeString(dir.resolve("agents.yaml"), """
                architect:
                  produce:
                    api:
                      - write: { src/API.md: "# API\\n" }
                        summary: the api
                dev[1]:
                  decide: { money: long cents, errors: checked exceptions }
                dev[2]:
                  decide: { money: long cents, errors: checked exceptions }
                dev[3]:
                  decide: { money: long cents, errors: checked exceptions }
                dev[4]:
                  decide: { money: BigDecimal, errors: result objects }
                """);
        Files.writeString(dir.resolve("synod.yaml"), "models:\n  scripted: { provider: scripted, script: agents.yaml }\n");

        Run run = Run.synod("run", dir.toString(), "--yes");

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).contains("decide:money,errors: round 1: money: long cents 3, BigDecimal 1");
        String money = ReleaseBranch.file(dir, "docs/decisions/0001-money.md");
        assertThat(money).contains("| dev[4] | BigDecimal |", "Chosen option: \"long cents\", quorum in round 1");
        assertThat(ReleaseBranch.file(dir, "docs/decisions/0002-errors.md")).contains("Chosen option: \"checked exceptions\"");
    }
}
