package dev.synod.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.internal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Replays a checked-in history of the notes example (recorded by {@link PeopleOnTemporalTest}
 * with {@code -Dsynod.temporal.record=$PWD/synod-temporal}) against today's workflow code: a change
 * that makes the workflow issue other commands for the same history (non-determinism) fails here.
 */
class HistoryReplayTest {
    static final String RESOURCE = "histories/notes.json";
    static final String RESOURCE_PATH = "src/test/resources/" + RESOURCE;

    @Test
    void the_recorded_notes_run_replays_against_the_workflow_as_it_is() throws Exception {
        String json;
        try (InputStream in = HistoryReplayTest.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            assertThat(in).as(RESOURCE).isNotNull();
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        WorkflowExecutionHistory history = WorkflowExecutionHistory.fromJson(json);
        // A real run: it scheduled activities and a person answered through an update.
        assertThat(history.getEvents()).filteredOn(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
                .hasSizeGreaterThan(5);
        assertThat(history.getEvents()).anyMatch(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED);
        try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
                .setWorkflowClientOptions(WorkflowClientOptions.newBuilder()
                        .setDataConverter(SynodTemporal.dataConverter()).build()).build())) {
            WorkflowReplayer.replayWorkflowExecution(history, SynodTemporal.serveWorkflow(env.getWorkerFactory(), "notes"));
        }
    }
}
