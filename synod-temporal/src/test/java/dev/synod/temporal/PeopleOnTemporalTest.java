package dev.synod.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synod.core.Clock;
import dev.synod.core.Event;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.internal.common.WorkflowExecutionHistory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The notes example (examples/notes: a retry, a crash escalated to the lead, a leader's decide,
 * model turns, a person's review) on Temporal, where the person answers through the workflow's
 * update and reads what waits through its status query.
 */
class PeopleOnTemporalTest {
    /** Set (to the module's directory) to write this run's history as the replay test's resource. */
    static final String RECORD = "synod.temporal.record";

    @TempDir
    Path dir;

    @Test
    void a_person_answers_the_review_through_an_update_and_the_release_is_the_embedded_engines() throws Exception {
        Path temporal = OnTemporal.copy(OnTemporal.EXAMPLES.resolve("notes"), dir.resolve("temporal"));
        Path embedded = OnTemporal.copy(OnTemporal.EXAMPLES.resolve("notes"), dir.resolve("embedded"));
        String embeddedTree = OnTemporal.embedded(embedded).tree();
        try (OnTemporal on = new OnTemporal(temporal)) {
            TeamStart start = on.team.prepare("r-notes", 11, false, Clock.SYSTEM);
            WorkflowClient.start(on.workflow(start.run())::run, start);
            TeamWorkflow run = on.running(start.run());

            OnTemporal.until(() -> run.status().status().equals("waiting"), "the run to wait for a person");
            TeamStatus waiting = run.status();
            assertThat(waiting.running()).isEmpty();
            assertThat(waiting.waiting()).singleElement().asString().contains("book", "human");
            assertThatThrownBy(() -> run.answer(new PersonAnswer("review:nothing", true, null, Map.of())))
                    .isInstanceOf(WorkflowUpdateException.class)
                    .rootCause().hasMessageContaining("expected the id of a command that waits for a person ("
                            + waiting.waiting().get(0) + "), found review:nothing");
            assertThat(run.answer(new PersonAnswer(waiting.waiting().get(0), true, "reads well", Map.of())))
                    .isEqualTo(waiting.waiting().get(0));
            TeamOutcome outcome = WorkflowStub.fromTyped(run).getResult(TeamOutcome.class);

            assertThat(outcome.succeeded()).as(outcome.reason()).isTrue();
            assertThat(OnTemporal.tree(temporal, outcome.branch())).isEqualTo(embeddedTree);
            assertThat(run.events().events()).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(
                    Event.HumanAnswered.class, h -> assertThat(h.comment()).isEqualTo("reads well")));
            // The model turns are in the history as blob hashes, never as their text.
            assertThat(run.events().events()).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(
                    Event.TurnRecorded.class, t -> assertThat(t.request()).matches("[0-9a-f]{64}")));
            Optional.ofNullable(System.getProperty(RECORD)).ifPresent(module -> record(on, start.run(), Path.of(module)));
        }
    }

    private static void record(OnTemporal on, String run, Path module) {
        WorkflowExecutionHistory history = on.client().fetchHistory(run);
        try {
            Path file = module.resolve(HistoryReplayTest.RESOURCE_PATH);
            Files.createDirectories(file.getParent());
            Files.writeString(file, history.toJson(true) + "\n");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
