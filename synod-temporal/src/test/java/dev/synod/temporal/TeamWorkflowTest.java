package dev.synod.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.core.Clock;
import dev.synod.core.Command;
import dev.synod.core.Event;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bank example (examples/bank: a split {@code ben_or} decide settled by coins from its seed,
 * a compile failure mended by a retry, an escalation to the lead, approvals) on Temporal and on
 * the embedded engine, from two copies of its directory.
 */
class TeamWorkflowTest {
    @TempDir
    Path dir;

    @Test
    void the_bank_on_temporal_releases_the_tree_of_the_embedded_engine_with_the_same_coins() throws Exception {
        Path embedded = OnTemporal.copy(OnTemporal.EXAMPLES.resolve("bank"), dir.resolve("embedded"));
        Path temporal = OnTemporal.copy(OnTemporal.EXAMPLES.resolve("bank"), dir.resolve("temporal"));
        OnTemporal.Embedded other = OnTemporal.embedded(embedded);
        try (OnTemporal on = new OnTemporal(temporal)) {
            TeamStart start = on.team.prepare("r-bank", 99, true, Clock.SYSTEM);
            TeamOutcome outcome = on.workflow("r-bank").run(start);

            assertThat(outcome.succeeded()).as(outcome.reason()).isTrue();
            assertThat(outcome.branch()).isEqualTo("synod/r-bank");
            String embeddedTree = other.tree();
            List<Command> embeddedCommands = other.commands();
            assertThat(OnTemporal.tree(temporal, outcome.branch())).isEqualTo(embeddedTree);
            List<Event> events = on.running("r-bank").events().events();
            List<Command> commands = OnTemporal.started(events);
            // The coins come from the seed of synod.yaml: every round tallied as the embedded engine tallied it.
            assertThat(rounds(commands)).isNotEmpty().isEqualTo(rounds(embeddedCommands));
            // dev[2] spent its attempts and the lead took over, as the interpreter escalates.
            assertThat(commands).anySatisfy(c -> assertThat(c).isInstanceOfSatisfying(Command.RunAgent.class, a -> {
                assertThat(a.step()).isEqualTo("impl[dev2]");
                assertThat(a.role()).isEqualTo("lead");
            }));
            // A rejected attempt is a result, not a failure Temporal retries: every command was performed once.
            assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(Event.AgentFinished.class,
                    f -> assertThat(f.outcome()).isNotInstanceOf(Event.Outcome.Produced.class)));
            // Each gate's duration, measured by the effect on the worker, reaches the workflow's history.
            assertThat(events.stream().filter(e -> e instanceof Event.GateFinished).map(e -> (Event.GateFinished) e))
                    .isNotEmpty().allSatisfy(g -> assertThat(g.millis()).as(g.command()).isNotNull().isNotNegative());
            assertThat(on.performed.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
            assertThat(on.performed.keySet()).containsExactlyInAnyOrderElementsOf(commands.stream()
                    .filter(c -> !(c instanceof Command.AskHuman)).map(Command::id).toList());
            assertThat(on.running("r-bank").status().status()).isEqualTo("succeeded");
        }
    }

    private static List<Object> rounds(List<Command> commands) {
        return commands.stream().filter(c -> c instanceof Command.TallyRound)
                .map(c -> (Object) (c.id() + " " + ((Command.TallyRound) c).round())).toList();
    }

}
