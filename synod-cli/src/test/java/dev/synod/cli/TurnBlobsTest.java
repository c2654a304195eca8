package dev.synod.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.core.Clock;
import dev.synod.core.Event;
import dev.synod.runtime.Runs;
import dev.synod.testkit.stub.OllamaStub;
import dev.synod.testkit.stub.Reply;
import dev.synod.testkit.stub.ToolCall;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A model agent's journaled turn whose blob is gone or damaged: resuming the run says the stored
 * run cannot be trusted, names the blob, the turn and the command, journals nothing and calls no
 * model; once the blob is back, the same run resumes to its end.
 */
class TurnBlobsTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"missing", "damaged", "request missing"})
    void a_lost_turn_blob_stops_resume_without_a_change_and_the_run_resumes_once_it_is_back(String fault)
            throws Exception {
        try (OllamaStub stub = new OllamaStub()) {
            stub.enqueue(
                    Reply.toolCalls(ToolCall.of("call_1", "write_file",
                            "{\"path\":\"notes/NOTES.md\",\"content\":\"# Notes\\n\"}")).withUsage(900, 60),
                    // The second call is answered so slowly that the run is killed while it waits.
                    Reply.slow(Duration.ofMinutes(10), Reply.toolCalls(ToolCall.of("call_2", "finish",
                            "{\"summary\":\"never sent\"}"))));
            Files.writeString(dir.resolve("team.synod"), """
                    synod 1
                    team notes {
                      defaults within 5m retry 0
                      role writer model m
                      role reader model m
                      writer -> reader : notes "notes/**"
                        gate exists
                    }
                    """);
            Files.writeString(dir.resolve("synod.yaml"), "models:\n  m: { provider: ollama, model: test-model, "
                    + "base-url: \"" + stub.baseUrl() + "\" }\n");

            // given a run killed while its model agent waits for its second answer, after turn 1
            // was journaled (the tool loop journals a turn before it makes the next call)
            CrashHarnessTest.Child child = CrashHarnessTest.Child.start(dir, "run", dir.toString(), "--yes");
            assertThat(stub.awaitRequests(2, Duration.ofMinutes(2))).as("the model's second call arrives").isTrue();
            child.process().destroyForcibly();
            child.process().waitFor();
            String run;
            Event.TurnRecorded turn;
            List<Event> journaled;
            try (Runs runs = Runs.open(dir, Clock.SYSTEM)) {
                run = runs.resolve(Optional.empty());
                journaled = runs.events(run);
                turn = journaled.stream().filter(e -> e instanceof Event.TurnRecorded).map(e -> (Event.TurnRecorded) e)
                        .findFirst().orElseThrow(() -> new AssertionError("no turn journaled: " + journaled));
            }
            String hash = fault.startsWith("request") ? turn.request() : turn.response();
            Path blob = dir.resolve(".synod/blobs").resolve(hash.substring(0, 2)).resolve(hash.substring(2));
            byte[] original = Files.readAllBytes(blob);

            // when its answer's (or request's) blob is missing or damaged
            if (fault.endsWith("missing")) {
                Files.delete(blob);
            } else {
                Files.writeString(blob, "{\"not\": \"the answer\"}");
            }
            Run refused = Run.synod("resume", "--dir", dir.toString(), "--yes");

            // then resume refuses, naming the blob, the turn and the command, and changes nothing
            assertThat(refused.exit()).as(refused.toString()).isEqualTo(2);
            assertThat(refused.err()).as(refused.toString())
                    .startsWith("synod: cannot trust the stored run: ")
                    .contains("blob " + hash + " of turn 1 of " + turn.command() + " (it holds "
                            + (fault.startsWith("request") ? "what was sent to the model" : "the model's answer") + ")")
                    .contains(fault.endsWith("missing") ? "is missing from " + dir.resolve(".synod/blobs")
                            : "is damaged: its content hashes to "
                            + dev.synod.core.Blobs.hash("{\"not\": \"the answer\"}".getBytes(StandardCharsets.UTF_8)))
                    .contains("nothing was changed")
                    .doesNotContain("Exception");
            try (Runs runs = Runs.open(dir, Clock.SYSTEM)) {
                assertThat(runs.events(run)).isEqualTo(journaled);
            }
            assertThat(stub.requests()).as("no model was called").hasSize(2);

            // and once the blob is back, the same run resumes from turn 1 to its end
            Files.write(blob, original);
            stub.enqueue(Reply.toolCalls(ToolCall.of("call_2", "finish", "{\"summary\":\"wrote the notes\"}")));
            Run resumed = Run.synod("resume", "--dir", dir.toString(), "--yes");

            assertThat(resumed.exit()).as(resumed.toString()).isZero();
            assertThat(resumed.out()).contains("run " + run).contains("succeeded");
            assertThat(stub.requests()).as("turn 1 was not asked again").hasSize(3);
        }
    }
}
