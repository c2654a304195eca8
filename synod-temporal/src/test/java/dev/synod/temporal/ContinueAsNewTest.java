package dev.synod.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.core.Clock;
import dev.synod.core.Event;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.History;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run whose history crosses its limit continues as a new workflow run with its events carried
 * over, as often as it must, and ends as it would have in one: the embedded engine's release. It
 * continues only once every activity of the workflow run has answered, so no command is abandoned
 * on a worker and performed again by the next run.
 */
class ContinueAsNewTest {
    @TempDir
    Path dir;

    @Test
    void a_run_that_crosses_its_history_limit_continues_as_new_and_releases_the_embedded_engines_tree() throws Exception {
        Path temporal = OnTemporal.copy(OnTemporal.EXAMPLES.resolve("notes"), dir.resolve("temporal"));
        Path embedded = OnTemporal.copy(OnTemporal.EXAMPLES.resolve("notes"), dir.resolve("embedded"));
        String embeddedTree = OnTemporal.embedded(embedded).tree();
        try (OnTemporal on = new OnTemporal(temporal)) {
            TeamStart start = on.team.prepare("r-long", 11, true, Clock.SYSTEM).withHistoryLimit(30);
            WorkflowExecution first = WorkflowClient.start(on.workflow(start.run())::run, start);
            TeamWorkflow run = on.running(start.run());
            // Bounded, so that a run that never finishes fails the test instead of hanging it (it did, before
            // the workflow drained its activities first); the run itself takes seconds.
            TeamOutcome outcome = WorkflowStub.fromTyped(run).getResult(2, TimeUnit.MINUTES, TeamOutcome.class);

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

            // Every workflow run but the last continued with nothing in flight: each activity it scheduled
            // answered in it, no workflow task of it failed, and so every command was performed once.
            List<History> runs = chain(on.client(), start.run(), first.getRunId());
            assertThat(runs).hasSizeGreaterThanOrEqualTo(3);
            for (History h : runs.subList(0, runs.size() - 1)) {
                assertThat(h.getEvents(h.getEventsCount() - 1).getEventType())
                        .isEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW);
                assertThat(count(h, EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED))
                        .isEqualTo(count(h, EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED));
            }
            runs.forEach(h -> assertThat(count(h, EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED)).isZero());
            assertThat(on.performed).isNotEmpty().allSatisfy((command, n) -> assertThat(n.get()).as(command).isEqualTo(1));
        }
    }

    /** The histories of the workflow runs of {@code workflow}, from {@code firstRun}, following each continue-as-new. */
    private static List<History> chain(WorkflowClient client, String workflow, String firstRun) {
        List<History> runs = new ArrayList<>();
        String runId = firstRun;
        while (runId != null) {
            History h = client.fetchHistory(workflow, runId).getHistory();
            runs.add(h);
            HistoryEvent last = h.getEvents(h.getEventsCount() - 1);
            runId = last.hasWorkflowExecutionContinuedAsNewEventAttributes()
                    ? last.getWorkflowExecutionContinuedAsNewEventAttributes().getNewExecutionRunId() : null;
        }
        return runs;
    }

    private static long count(History h, EventType type) {
        return h.getEventsList().stream().filter(e -> e.getEventType() == type).count();
    }
}
