package dev.synod.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.core.Agent;
import dev.synod.core.Budget;
import dev.synod.core.Clock;
import dev.synod.core.Event;
import dev.synod.core.Gate;
import dev.synod.core.PlanCompiler;
import dev.synod.core.Replay;
import dev.synod.lang.CheckOptions;
import dev.synod.lang.CheckResult;
import dev.synod.lang.SourceFile;
import dev.synod.lang.Synod;
import dev.synod.runtime.agents.model.Limits;
import dev.synod.runtime.agents.model.ModelAgent;
import dev.synod.runtime.agents.model.Pricing;
import dev.synod.runtime.agents.model.Providers;
import dev.synod.runtime.agents.model.Retries;
import dev.synod.runtime.agents.model.RetryPolicy;
import dev.synod.runtime.agents.model.TeamView;
import dev.synod.runtime.config.SynodConfig;
import dev.synod.runtime.gates.ExistsGate;
import dev.synod.runtime.workspace.GitRepository;
import dev.synod.testkit.FakeClock;
import dev.synod.testkit.InMemoryBlobStore;
import dev.synod.testkit.InMemoryJournal;
import dev.synod.testkit.stub.OpenAiStub;
import dev.synod.testkit.stub.Reply;
import dev.synod.testkit.stub.ToolCall;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A provider's passing faults, retried inside the attempt, are journaled as they happen, so the
 * run's output shows each retry while it waits; the waits are a fake clock's, never slept.
 */
class EngineProviderRetryTest {
    private static final String TEAM = """
            synod 1
            team t {
              defaults within 1m retry 0
              role a model m
              a -> all : notes "notes/**"
                gate exists
            }
            """;

    @TempDir
    Path dir;

    @Test
    void two_503s_then_an_answer_journal_two_retries_with_their_numbers_and_waits() throws Exception {
        Files.writeString(dir.resolve("README.md"), "x\n");
        InMemoryJournal journal = new InMemoryJournal();
        List<String> progress = new CopyOnWriteArrayList<>();
        List<Duration> waits = new CopyOnWriteArrayList<>();
        try (OpenAiStub stub = new OpenAiStub()) {
            stub.enqueue(Reply.status(503), Reply.status(503),
                    Reply.toolCalls(ToolCall.of("call_1", "write_file", "{\"path\":\"notes/a.md\",\"content\":\"a\"}")),
                    Reply.toolCalls(ToolCall.of("call_2", "finish", "{\"summary\":\"wrote a note\"}")));
            CheckResult checked = Synod.check(new SourceFile("team.synod", TEAM), CheckOptions.none());
            SynodConfig config = SynodConfig.parse("models:\n  m: { provider: openai, model: gpt-test, base-url: \""
                    + stub.baseUrl() + "\" }\n", dir.resolve("synod.yaml"));
            FakeClock clock = new FakeClock(Instant.parse("2026-03-01T12:00:00Z"));
            Retries retries = new Retries(RetryPolicy.DEFAULT, wait -> {
                waits.add(wait);
                clock.advance(wait);
            }, new SplittableRandom(3), clock);
            Map<String, Gate> gates = Map.of("exists", new ExistsGate());
            Agent agent = new ModelAgent(Providers.chatModel(config, "m", Map.of(), retries), Pricing.FREE, Limits.DEFAULT,
                    TeamView.of(checked.model().orElseThrow(), gates));
            var plan = PlanCompiler.compile(checked);

            Engine.Result result;
            try (GitRepository repo = GitRepository.openOrInit(dir);
                 Engine engine = new Engine(new Engine.Setup(plan, Budget.UNLIMITED, journal, new InMemoryBlobStore(), repo,
                         dir.resolve(".synod/work"), dir.resolve(".synod/answers"), Map.of("a", agent), gates,
                         role -> "contract of " + role, Clock.SYSTEM, new Engine.Options(true, false, Duration.ofMillis(20)),
                         progress::add))) {
                result = engine.start("r1", "plan", null, 1);
            }

            assertThat(result).isEqualTo(new Engine.Result.Finished(true, "every step was accepted", "synod/r1"));
            List<Event> events = journal.read("r1");
            List<Event.ProviderRetried> retried = events.stream().filter(e -> e instanceof Event.ProviderRetried)
                    .map(e -> (Event.ProviderRetried) e).toList();
            assertThat(waits).hasSize(2);
            assertThat(retried).hasSize(2);
            for (int i = 0; i < 2; i++) {
                Event.ProviderRetried r = retried.get(i);
                assertThat(r.command()).isEqualTo("agent:notes#1");
                assertThat(r.role()).isEqualTo("a");
                assertThat(r.reason()).startsWith("openai: HTTP 503");
                assertThat(r.retry()).isEqualTo(i + 1);
                assertThat(r.of()).isEqualTo(RetryPolicy.DEFAULT.maxAttempts() - 1);
                assertThat(r.delayMillis()).isEqualTo(waits.get(i).toMillis());
            }
            assertThat(progress).filteredOn(line -> line.contains("retry")).hasSize(2)
                    .anySatisfy(line -> assertThat(line).startsWith("notes#1: openai: HTTP 503").contains(", retry 1 of 5 in "))
                    .anySatisfy(line -> assertThat(line).contains(", retry 2 of 5 in "));
            assertThat(Replay.check(plan, Budget.UNLIMITED, events)).isEmpty();
        }
    }
}
