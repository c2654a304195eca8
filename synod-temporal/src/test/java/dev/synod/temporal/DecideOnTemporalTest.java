package dev.synod.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.core.Clock;
import dev.synod.core.Command;
import dev.synod.core.Event;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code ben_or} decide whose first round splits, so that later rounds draw coins: on Temporal
 * the coins come from the start input's seed and are the embedded engine's for the same seed, and
 * so are the decision records on the release.
 */
class DecideOnTemporalTest {
    static final String TEAM = """
            synod 1

            team bank {
              defaults within 10m

              role architect model scripted
              role dev[3] model scripted

              question money "How are amounts of money represented in the API?"
                options "long cents", "BigDecimal"

              decide money among dev[*] by ben_or
                rounds 4 fallback architect tolerate 1 crash

              architect -> all : api "src/API.md"
                gate exists
            }
            """;

    static final String AGENTS = """
            architect:
              decide: { money: BigDecimal }
              produce:
                api:
                  - write: { src/API.md: "# API\\n" }
                    summary: the api
            dev[1]:
              decide: { money: long cents }
            dev[2]:
              decide: { money: BigDecimal }
            dev[3]: {}
            """;

    @TempDir
    Path dir;

    @Test
    void a_split_ben_or_decide_draws_the_coins_of_the_embedded_engine_for_the_same_seed() throws Exception {
        Path embedded = team(dir.resolve("embedded"));
        Path temporal = team(dir.resolve("temporal"));
        OnTemporal.Embedded other = OnTemporal.embedded(embedded);
        List<Command> embeddedCommands = other.commands();
        String embeddedTree = other.tree();
        try (OnTemporal on = new OnTemporal(temporal)) {
            TeamStart start = on.team.prepare("r-decide", 0, true, Clock.SYSTEM);
            assertThat(start.seed()).isEqualTo(21L);
            TeamOutcome outcome = on.workflow(start.run()).run(start);

            assertThat(outcome.succeeded()).as(outcome.reason()).isTrue();
            List<Event> events = on.running(start.run()).events().events();
            List<Command.TallyRound> rounds = tallies(OnTemporal.started(events));
            assertThat(rounds).hasSizeGreaterThan(1).isEqualTo(tallies(embeddedCommands));
            assertThat(rounds.get(1).round().toString()).contains("coin");
            assertThat(OnTemporal.tree(temporal, outcome.branch())).isEqualTo(embeddedTree);
        }
    }

    private static Path team(Path directory) throws Exception {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("team.synod"), TEAM);
        Files.writeString(directory.resolve("agents.yaml"), AGENTS);
        Files.writeString(directory.resolve("synod.yaml"),
                "models:\n  scripted: { provider: scripted, script: agents.yaml }\nseed: 21\n");
        return directory;
    }

    private static List<Command.TallyRound> tallies(List<Command> commands) {
        return commands.stream().filter(c -> c instanceof Command.TallyRound).map(c -> (Command.TallyRound) c).toList();
    }
}
