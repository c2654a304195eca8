package dev.synod.runtime.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synod.core.Agent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A person's attempt: the personal directory is the attempt's starting tree, kept when it is
 * already there; an approval puts exactly its files back into the workspace, a rejection fails
 * the attempt with the comment, and an interrupt (the run stopping) ends the wait.
 */
class PersonAgentTest {
    @TempDir
    Path tmp;

    private final List<String> progress = new ArrayList<>();

    private static Agent.Assignment assignment() {
        return new Agent.Assignment("r1", "impl[dev1]", 2, "human", "Contract of human", List.of("notes/**"), List.of("plan"),
                List.of("attempt 1 by writer crashed: boom"), Map.of(), Duration.ofMinutes(10));
    }

    private Path workspace() throws IOException {
        Path workspace = tmp.resolve("workspace");
        Files.createDirectories(workspace.resolve("notes"));
        Files.writeString(workspace.resolve("notes/OLD.md"), "old\n");
        Files.writeString(workspace.resolve("plan.md"), "the plan\n");
        return workspace;
    }

    /** An inbox where the person, on the first look, does {@code edit} in their directory and answers. */
    private PersonAgent person(Path root, PersonAgent.Answer answer, Edit edit) {
        return new PersonAgent(root, (run, command) -> {
            assertThat(command).isEqualTo("agent:impl[dev1]#2");
            try {
                edit.in(PersonAgent.directory(root, run, "impl[dev1]", 2));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Optional.of(answer);
        }, progress::add, Duration.ofMillis(1));
    }

    @FunctionalInterface
    interface Edit {
        void in(Path personal) throws IOException;
    }

    @Test
    void an_approval_puts_exactly_the_persons_files_back_into_the_workspace() throws Exception {
        Path workspace = workspace();
        Path root = tmp.resolve("human");
        PersonAgent person = person(root, new PersonAgent.Answer(true, "rewrote the notes"), personal -> {
            Files.delete(personal.resolve("notes/OLD.md"));
            Files.writeString(personal.resolve("notes/NEW.md"), "new\n");
        });

        Agent.Outcome outcome = person.perform(assignment(), workspace);

        assertThat(outcome).isInstanceOf(Agent.Outcome.Finished.class);
        assertThat(((Agent.Outcome.Finished) outcome).summary()).isEqualTo("rewrote the notes");
        assertThat(workspace.resolve("notes/NEW.md")).hasContent("new");
        assertThat(workspace.resolve("notes/OLD.md")).as("deleted by the person").doesNotExist();
        assertThat(workspace.resolve("plan.md")).hasContent("the plan");
        Path personal = root.resolve("r1").resolve("impl_dev1_.attempt-2");
        assertThat(personal.resolveSibling("impl_dev1_.attempt-2.txt")).content()
                .contains("# Produce `impl[dev1]` (attempt 2)", "attempt 1 by writer crashed: boom", "synod answer r1 impl[dev1] --approve");
        assertThat(progress).singleElement().asString().startsWith("waiting for a person to produce impl[dev1]: edit the files in "
                + personal + " (instructions in " + personal + ".txt)");
    }

    @Test
    void a_personal_directory_that_is_already_there_is_kept_as_the_person_left_it() throws Exception {
        Path workspace = workspace();
        Path root = tmp.resolve("human");
        Path personal = PersonAgent.directory(root, "r1", "impl[dev1]", 2);
        Files.createDirectories(personal.resolve("notes"));
        Files.writeString(personal.resolve("notes/DRAFT.md"), "the person's draft\n");

        person(root, new PersonAgent.Answer(true, ""), p -> { }).perform(assignment(), workspace);

        assertThat(personal.resolve("notes/OLD.md")).as("not copied over the person's work").doesNotExist();
        assertThat(workspace.resolve("notes/DRAFT.md")).hasContent("the person's draft");
        assertThat(workspace.resolve("notes/OLD.md")).doesNotExist();
    }

    @Test
    void a_rejection_gives_the_attempt_up_with_the_comment_and_leaves_the_workspace_alone() throws Exception {
        Path workspace = workspace();
        PersonAgent person = person(tmp.resolve("human"), new PersonAgent.Answer(false, "no time today"),
                personal -> Files.writeString(personal.resolve("notes/HALF.md"), "half\n"));

        Agent.Outcome outcome = person.perform(assignment(), workspace);

        assertThat(outcome).isEqualTo(new Agent.Outcome.Failed("the person gave up attempt 2: no time today",
                dev.synod.core.Event.Usage.NONE));
        assertThat(workspace.resolve("notes/HALF.md")).doesNotExist();
    }

    @Test
    void an_interrupt_ends_the_wait_for_an_answer() throws Exception {
        Path workspace = workspace();
        CountDownLatch looked = new CountDownLatch(1);
        PersonAgent person = new PersonAgent(tmp.resolve("human"), (run, command) -> {
            looked.countDown();
            return Optional.empty();
        }, progress::add, Duration.ofMillis(1));
        CompletableFuture<Throwable> ended = new CompletableFuture<>();
        Thread waiting = Thread.ofVirtual().start(() -> {
            try {
                person.perform(assignment(), workspace);
                ended.complete(null);
            } catch (Throwable t) {
                ended.complete(t);
            }
        });
        assertThat(looked.await(30, TimeUnit.SECONDS)).isTrue();

        waiting.interrupt();

        assertThat(ended.get(30, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
    }

    @Test
    void a_poll_interval_must_be_positive() {
        assertThatThrownBy(() -> new PersonAgent(tmp, (run, command) -> Optional.empty(), line -> { }, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
    }
}
