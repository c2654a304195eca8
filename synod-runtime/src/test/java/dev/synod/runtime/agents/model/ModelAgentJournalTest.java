package dev.synod.runtime.agents.model;

import static dev.synod.runtime.agents.model.LoopFixture.script;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.message.ChatMessage;
import dev.synod.core.Agent;
import dev.synod.core.Event;
import dev.synod.runtime.agents.model.internal.loop.Transcript;
import dev.synod.testkit.InMemoryBlobStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every model call is a journaled turn; a resumed attempt continues after the last one; the budget refuses calls. */
class ModelAgentJournalTest {
    /** Four answers that change the workspace step by step, then finish; each reports 1000 tokens in and 100 out. */
    private static final String FOUR_TURNS = script("""
            - calls: [ { write_file: { path: src/dev1/A.java, content: "class A { int x; }" } } ]
              usage: { input: 1000, output: 100 }
            - calls: [ { edit_file: { path: src/dev1/A.java, search: "int x;", replace: "long x;" } } ]
              usage: { input: 1000, output: 100 }
            - calls: [ { write_file: { path: src/dev1/B.java, content: "class B {}" } }, { delete_file: { path: src/dev1/Old.java } } ]
              usage: { input: 1000, output: 100 }
            - calls: [ { read_file: { path: src/dev1/A.java } }, { finish: { summary: "A and B" } } ]
              usage: { input: 1000, output: 100 }
            """);
    private static final Pricing PRICES = new Pricing(2.0, 10.0);

    @TempDir
    Path root;

    private LoopFixture fixture(String script) throws Exception {
        return new LoopFixture(root, script, Limits.DEFAULT, PRICES, SelfCheck.NONE);
    }

    @Test
    void every_turn_is_journaled_with_its_request_answer_and_priced_usage() throws Exception {
        LoopFixture f = fixture(FOUR_TURNS);
        JournalSession session = new JournalSession();

        Agent.Outcome outcome = f.perform(session);

        Event.Usage perTurn = new Event.Usage(1000, 100, (1000 * 2.0 + 100 * 10.0) / 1_000_000);
        assertThat(session.journaled).extracting(Agent.Turn::number).containsExactly(1, 2, 3, 4);
        assertThat(session.journaled).extracting(Agent.Turn::usage).containsOnly(perTurn);
        assertThat(outcome.usage()).isEqualTo(perTurn.plus(perTurn).plus(perTurn).plus(perTurn));
        assertThat(session.heartbeats).isEqualTo(4);
        // The last request, rebuilt from the chain of request blobs, is exactly what the model was sent.
        List<ChatMessage> rebuilt = Transcript.conversation(session.blobs, session.journaled.get(3).request());
        assertThat(rebuilt).isEqualTo(f.model.requests.get(3).messages());
        JsonNode request = new ObjectMapper().readTree(session.blobs.get(session.journaled.get(1).request()).orElseThrow());
        assertThat(request.fieldNames()).toIterable().containsExactly("turn", "previous", "messages", "tools");
        assertThat(request.get("previous").asText()).isEqualTo(session.journaled.get(0).request());
        assertThat(request.get("tools").findValuesAsText("name")).contains("write_file", "finish");
        JsonNode response = new ObjectMapper().readTree(session.blobs.get(session.journaled.get(1).response()).orElseThrow());
        assertThat(response.at("/message/toolExecutionRequests/0/name").asText()).isEqualTo("edit_file");
        assertThat(response.at("/usage/inputTokens").asLong()).isEqualTo(1000);
    }

    @Test
    void a_resumed_attempt_continues_after_its_last_journaled_turn_without_asking_the_model_again() throws Exception {
        // An attempt undisturbed, for reference.
        LoopFixture reference = fixture(FOUR_TURNS);
        Agent.Outcome expected = reference.perform(new JournalSession());
        Map<String, String> expectedFiles = files(reference.workspace);

        // The same attempt, killed right after its second turn was journaled.
        Path killedRoot = Files.createDirectories(root.resolve("killed"));
        LoopFixture killed = new LoopFixture(killedRoot, FOUR_TURNS, Limits.DEFAULT, PRICES, SelfCheck.NONE);
        InMemoryBlobStore blobs = new InMemoryBlobStore();
        JournalSession first = new JournalSession(blobs, List.of(), 2, Optional::empty);
        assertThat(catchThrowable(() -> killed.perform(first))).isInstanceOf(JournalSession.Killed.class);
        assertThat(killed.model.calls()).isEqualTo(2);

        // Resumed: the engine checks the starting tree out afresh and hands over the journaled turns.
        Path resumedRoot = Files.createDirectories(root.resolve("resumed"));
        LoopFixture resumed = new LoopFixture(resumedRoot, FOUR_TURNS, Limits.DEFAULT, PRICES, SelfCheck.NONE);
        JournalSession second = new JournalSession(blobs, first.journaled, Integer.MAX_VALUE, Optional::empty);
        Agent.Outcome outcome = resumed.perform(second);

        assertThat(resumed.model.calls()).as("model calls after the resume").isEqualTo(2);
        assertThat(second.journaled).extracting(Agent.Turn::number).containsExactly(3, 4);
        assertThat(outcome).isEqualTo(expected);
        assertThat(files(resumed.workspace)).isEqualTo(expectedFiles);
        // The model's third request holds the same conversation as the undisturbed one's.
        assertThat(resumed.model.requests.get(0).messages()).isEqualTo(reference.model.requests.get(2).messages());
        assertThat(second.all()).extracting(Agent.Turn::request)
                .containsExactlyElementsOf(journaledRequests(reference));
    }

    private List<String> journaledRequests(LoopFixture reference) throws Exception {
        JournalSession again = new JournalSession();
        LoopFixture.write(reference.workspace, "src/dev1/Old.java", "class Old {\n    int a;\n    int a2;\n}\n");
        Files.delete(reference.workspace.resolve("src/dev1/A.java"));
        Files.delete(reference.workspace.resolve("src/dev1/B.java"));
        reference.perform(again);
        return again.journaled.stream().map(Agent.Turn::request).toList();
    }

    @Test
    void a_resumed_attempt_whose_last_turn_finished_ends_without_calling_the_model() throws Exception {
        LoopFixture f = fixture(FOUR_TURNS);
        JournalSession done = new JournalSession();
        Agent.Outcome expected = f.perform(done);

        Path again = Files.createDirectories(root.resolve("again"));
        LoopFixture resumed = new LoopFixture(again, FOUR_TURNS, Limits.DEFAULT, PRICES, SelfCheck.NONE);
        Agent.Outcome outcome = resumed.perform(new JournalSession(done.blobs, done.journaled, Integer.MAX_VALUE,
                Optional::empty));

        assertThat(resumed.model.calls()).isZero();
        assertThat(outcome).isEqualTo(expected);
        assertThat(resumed.workspace.resolve("src/dev1/B.java")).hasContent("class B {}");
    }

    @Test
    void a_refused_call_is_never_made_and_the_attempt_crashes_with_the_refusal() throws Exception {
        LoopFixture f = fixture(FOUR_TURNS);
        AtomicInteger asked = new AtomicInteger();
        JournalSession session = new JournalSession(new InMemoryBlobStore(), List.of(), Integer.MAX_VALUE,
                () -> asked.incrementAndGet() <= 2 ? Optional.empty()
                        : Optional.of("token budget exhausted: 2200 of 2000 tokens used"));

        Agent.Outcome outcome = f.perform(session);

        assertThat(outcome).isEqualTo(new Agent.Outcome.Failed("token budget exhausted: 2200 of 2000 tokens used; no "
                + "further model call was started", session.journaled.get(0).usage().plus(session.journaled.get(1).usage())));
        assertThat(f.model.calls()).isEqualTo(2);
        assertThat(asked).hasValue(3);
    }

    @Test
    void a_missing_answer_blob_fails_the_resumed_attempt_with_a_clear_reason() throws Exception {
        LoopFixture f = fixture(FOUR_TURNS);
        JournalSession done = new JournalSession();
        f.perform(done);
        Agent.Turn first = done.journaled.get(0);
        Agent.Turn lost = new Agent.Turn(1, first.request(), "0".repeat(64), first.usage());

        Path again = Files.createDirectories(root.resolve("again"));
        LoopFixture resumed = new LoopFixture(again, FOUR_TURNS, Limits.DEFAULT, PRICES, SelfCheck.NONE);
        Agent.Outcome outcome = resumed.perform(new JournalSession(done.blobs, List.of(lost), Integer.MAX_VALUE,
                Optional::empty));

        assertThat(outcome).isInstanceOf(Agent.Outcome.Failed.class);
        assertThat(((Agent.Outcome.Failed) outcome).reason()).isEqualTo("cannot resume: the answer of turn 1 (blob "
                + "0".repeat(64) + ") is missing from the blob store");
        assertThat(resumed.model.calls()).isZero();
    }

    private static Map<String, String> files(Path dir) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)).toList()) {
                out.put(dir.relativize(p).toString(), Files.readString(p));
            }
        }
        return out;
    }
}
