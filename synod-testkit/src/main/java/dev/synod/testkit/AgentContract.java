package dev.synod.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.synod.core.Agent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract of {@link Agent} (ARCHITECTURE.md §4, §5): every implementation's test subclasses
 * this and supplies the agent with assignments it covers. An agent writes only inside its
 * workspace; it finishes an assignment it can perform and fails, by returning
 * {@link Agent.Outcome.Failed} rather than throwing, one it cannot; a blocked perform stops
 * promptly when its thread is interrupted (that is how the engine enforces {@code within}); and
 * it answers reviews and decides it covers.
 *
 * <p>Each perform runs in {@link #workspace()}, which holds {@link #WORKSPACE_FILES} and a
 * symbolic link {@code elsewhere} to a directory outside it: writing through that link, or to
 * a path with {@code ..}, escapes the workspace and must fail.
 */
public abstract class AgentContract {
    /** The files the workspace holds before each perform. */
    protected static final Map<String, String> WORKSPACE_FILES = Map.of("README.md", "# Shop\n",
            "src/Shop.java", "class Shop {}\n");

    /** How long a blocked perform is left running before its thread is interrupted. */
    private static final Duration PATIENCE = Duration.ofMillis(300);

    /** How long an interrupted perform may take to stop: generous, yet well below a 10s block. */
    private static final Duration PROMPTLY = Duration.ofSeconds(5);

    // Not private: JUnit injects it into this superclass of the implementation's test.
    @TempDir
    Path root;

    private Path workspace;

    /** The agent under test. */
    protected abstract Agent agent();

    /** An assignment the agent performs and finishes, writing inside its write scope. */
    protected abstract Agent.Assignment performable();

    /** An assignment the agent must fail, such as one that tries to write outside the workspace. */
    protected abstract Agent.Assignment failing();

    /** An assignment whose perform blocks for at least ten seconds unless it is interrupted. */
    protected abstract Agent.Assignment blocking();

    /** An assignment whose review step the agent covers. */
    protected abstract Agent.Assignment reviewable();

    /** A decide whose every question the agent answers. */
    protected abstract Agent.DecisionRequest decidable();

    /** The directory each perform and review of this test runs in. */
    protected final Path workspace() {
        return workspace;
    }

    @BeforeEach
    final void makeWorkspace() throws IOException {
        workspace = root.resolve("workspace");
        Trees.write(workspace, WORKSPACE_FILES);
        Trees.write(root.resolve("outside"), Map.of("sentinel.txt", "outside the workspace\n"));
        Files.createSymbolicLink(workspace.resolve("elsewhere"), root.resolve("outside"));
    }

    @Test
    void finishes_an_assignment_it_can_perform() throws Exception {
        Agent.Outcome outcome = agent().perform(performable(), workspace);

        assertThat(outcome).isInstanceOf(Agent.Outcome.Finished.class);
        assertThat(((Agent.Outcome.Finished) outcome).summary()).isNotNull();
        assertThat(outcome.usage()).isNotNull();
    }

    @Test
    void fails_an_assignment_it_cannot_perform_without_throwing() {
        Agent agent = agent();
        Agent.Assignment failing = failing();

        Agent.Outcome[] outcome = new Agent.Outcome[1];
        assertThatCode(() -> outcome[0] = agent.perform(failing, workspace)).doesNotThrowAnyException();

        assertThat(outcome[0]).isInstanceOf(Agent.Outcome.Failed.class);
        assertThat(((Agent.Outcome.Failed) outcome[0]).reason()).isNotBlank();
        assertThat(outcome[0].usage()).isNotNull();
    }

    @Test
    void writes_only_inside_the_workspace() throws Exception {
        Agent agent = agent();
        Map<String, String> before = Trees.snapshot(root, workspace);

        agent.perform(performable(), workspace);
        agent.perform(failing(), workspace);

        assertThat(Trees.snapshot(root, workspace)).as("everything outside the workspace").isEqualTo(before);
    }

    @Test
    @Timeout(30)
    void stops_promptly_when_its_thread_is_interrupted() throws Exception {
        Agent agent = agent();
        Agent.Assignment blocking = blocking();
        CompletableFuture<Agent.Outcome> done = new CompletableFuture<>();
        Thread worker = Thread.ofVirtual().name("agent-contract-perform").start(() -> {
            try {
                done.complete(agent.perform(blocking, workspace));
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        });

        // Still working after the test's patience runs out: the engine would now interrupt it.
        assertThat(catchThrowable(() -> done.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)))
                .as("perform of the blocking assignment ended within %s", PATIENCE).isInstanceOf(TimeoutException.class);
        worker.interrupt();

        try {
            Agent.Outcome outcome = done.get(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(outcome).as("an interrupted perform finishes nothing").isInstanceOf(Agent.Outcome.Failed.class);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).as("what an interrupted perform throws").isInstanceOf(InterruptedException.class);
        } catch (TimeoutException e) {
            throw new AssertionError("perform did not stop within " + PROMPTLY + " of its thread's interrupt", e);
        }
        assertThat(worker.join(PROMPTLY)).as("the perform's thread ended").isTrue();
    }

    @Test
    void reviews_a_covered_step() throws Exception {
        Agent.Review review = agent().review(reviewable(), workspace);

        assertThat(review).isNotNull();
        assertThat(review.comment()).isNotNull();
        assertThat(review.usage()).isNotNull();
    }

    @Test
    void answers_every_question_of_a_covered_decide_with_one_of_its_options() throws Exception {
        Agent.DecisionRequest request = decidable();

        Agent.Decision decision = agent().decide(request);

        assertThat(decision.answers()).containsOnlyKeys(request.questions().keySet());
        request.questions().forEach((question, options) -> {
            String answer = decision.answers().get(question);
            assertThat(answer).as("answer to %s", question).isNotBlank();
            if (!options.isEmpty()) {
                assertThat(List.of(answer)).as("answer to %s", question).isSubsetOf(options);
            }
        });
        assertThat(decision.usage()).isNotNull();
    }

    @Test
    void casts_a_ballot_on_a_covered_decide_with_one_of_its_options() throws Exception {
        Agent.DecisionRequest d = decidable();
        Agent.DecisionRequest ballot = new Agent.DecisionRequest(d.run(), d.step(), d.role(), d.questions(), d.decisions(),
                d.timeout(), true, 1, null, d.inputs(), d.workspace(), List.of());

        Agent.Decision decision = agent().decide(ballot);

        assertThat(decision.answers()).containsOnlyKeys(ballot.questions().keySet());
        ballot.questions().forEach((question, options) -> {
            if (!options.isEmpty()) {
                assertThat(List.of(decision.answers().get(question))).as("ballot on %s", question).isSubsetOf(options);
            }
        });
    }
}
