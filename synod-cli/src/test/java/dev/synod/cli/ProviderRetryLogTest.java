package dev.synod.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.testkit.stub.OpenAiStub;
import dev.synod.testkit.stub.Reply;
import dev.synod.testkit.stub.ToolCall;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each HTTP retry of a model call shows in the run's output as it waits and in {@code synod log}
 * afterwards: a run whose provider answered 503 twice did not say why it took longer.
 */
class ProviderRetryLogTest {
    @TempDir
    Path dir;

    @Test
    void two_503s_show_as_two_retry_lines_in_the_run_and_in_the_log() throws Exception {
        try (OpenAiStub stub = new OpenAiStub()) {
            // retry-after-ms keeps the waits to a millisecond: the test waits for nothing.
            Reply overloaded = new Reply.Failure(503, Map.of("retry-after-ms", "1"), "The server is overloaded.");
            stub.enqueue(overloaded, overloaded,
                    Reply.toolCalls(ToolCall.of("call_1", "write_file", "{\"path\":\"notes/a.md\",\"content\":\"a\"}")),
                    Reply.toolCalls(ToolCall.of("call_2", "finish", "{\"summary\":\"wrote a note\"}")));
            Files.writeString(dir.resolve("README.md"), "a project\n");
            Files.writeString(dir.resolve("team.synod"), """
                    synod 1
                    team notes {
                      defaults within 2m retry 0
                      role writer model m
                      role reader model m
                      writer -> reader : notes "notes/**"
                        gate exists
                    }
                    """);
            Files.writeString(dir.resolve("synod.yaml"), "models:\n  m: { provider: openai, model: test-model, base-url: \""
                    + stub.baseUrl() + "\" }\n");

            Run run = Run.synod("run", dir.toString(), "--yes");
            Run log = Run.synod("log", "--dir", dir.toString());

            assertThat(run.exit()).as(run.toString()).isZero();
            assertThat(log.exit()).as(log.toString()).isZero();
            for (String output : new String[] {run.out() + run.err(), log.out()}) {
                assertThat(output.lines().filter(l -> l.contains("notes#1: openai: HTTP 503: The server is overloaded.")))
                        .as(output).hasSize(2)
                        .anySatisfy(l -> assertThat(l).endsWith(", retry 1 of 5 in 1ms"))
                        .anySatisfy(l -> assertThat(l).endsWith(", retry 2 of 5 in 1ms"));
            }
        }
    }
}
