package dev.synod.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
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
        String money = fileOnRelease("docs/decisions/0001-money.md");
        assertThat(money).contains("## Rounds", "### Round 1", "| dev[1] | long cents |", "| dev[3] | no ballot |",
                "### Round 2", "(coin)", "Chosen option: \"");
        assertThat(money).containsPattern("How: (quorum in round [2-4]|fallback to architect after 4 rounds)");
        assertThat(fileOnRelease("docs/decisions/0002-errors.md")).contains("### Round 2");

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

    private String fileOnRelease(String path) throws Exception {
        try (Git git = Git.open(dir.toFile())) {
            Repository repo = git.getRepository();
            String branch = repo.getRefDatabase().getRefsByPrefix("refs/heads/synod/").get(0).getName();
            ObjectId head = repo.resolve(branch);
            try (RevWalk walk = new RevWalk(repo); TreeWalk tree = TreeWalk.forPath(repo, path, walk.parseCommit(head).getTree())) {
                assertThat(tree).as("%s on %s", path, branch).isNotNull();
                return new String(repo.open(tree.getObjectId(0)).getBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
    }
}
