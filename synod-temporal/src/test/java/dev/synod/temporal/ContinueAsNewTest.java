package dev.synod.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.core.Clock;
import dev.synod.core.Event;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run whose history crosses its limit continues as a new workflow run with its events carried
 * over, as often as it must, and ends as it would have in one: the embedded engine's release.
 */
class ContinueAsNewTest {
    @TempDir
    Path dir;

    @Test
    @org.junit.jupiter.api.Disabled("hangs intermittently: in one CI run of 2026-12-03 the workflow never finished after "
            + "continuing as new (getResult waited 6 minutes, no CPU used); to be found before continue-as-new is relied on")
    void a_run_that_crosses_its_history_limit_continues_as_new_and_releases_the_embedded_engines_tree() throws Exception {
        Path temporal = OnTemporal.copy(OnTemporal.EXAMPLES.resolve("notes"), dir.resolve("temporal"));
        Path embedded = OnTemporal.copy(OnTemporal.EXAMPLES.resolve("notes"), dir.resolve("embedded"));
        String embeddedTree = OnTemporal.embedded(embedded).tree();
        try (OnTemporal on = new OnTemporal(temporal)) {
            TeamStart start = on.team.prepare("r-long", 11, true, Clock.SYSTEM).withHistoryLimit(30);
            WorkflowExecution first = WorkflowClient.start(on.workflow(start.run())::run, start);
            TeamWorkflow run = on.running(start.run());
            TeamOutcome outcome = WorkflowStub.fromTyped(run).getResult(TeamOutcome.class);

            assertThat(outcome.succeeded()).as(outcome.reason()).isTrue();
            assertThat(OnTemporal.tree(temporal, outcome.branch())).isEqualTo(embeddedTree);
            assertThat(on.client().fetchHistory(start.run(), first.getRunId()).getLastEvent().getEventType())
                    .isEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW);
            String last = WorkflowStub.fromTyped(run).getExecution().getRunId();
            assertThat(last).isNotEqualTo(first.getRunId());
            // The last workflow run holds the whole journal: one start, one finish.
            List<Event> events = run.events().events();
            assertThat(events).filteredOn(e -> e instanceof Event.RunStarted).hasSize(1);
            assertThat(events.get(0)).isInstanceOf(Event.RunStarted.class);
            assertThat(events).filteredOn(e -> e instanceof Event.RunFinished).hasSize(1);
        }
    }
}
