package dev.synod.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.core.Agent;
import dev.synod.core.Budget;
import dev.synod.core.Clock;
import dev.synod.core.Command;
import dev.synod.core.Event;
import dev.synod.core.Gate;
import dev.synod.core.Plan;
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
import dev.synod.testkit.FakeClock;
import dev.synod.testkit.InMemoryJournal;
import dev.synod.testkit.stub.OpenAiStub;
import dev.synod.testkit.stub.Reply;
import dev.synod.testkit.stub.ToolCall;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model agent over the OpenAI stub under the engine, meeting a provider's faults: passing ones
 * (503) are retried inside the attempt and journaled as they happen, so the run's output shows
 * each retry while it waits; a configuration fault (401) fails the hand-off after one attempt,
 * since every further attempt would meet the same refusal. Waits are a fake clock's, never slept.
 */
class EngineProviderFaultsTest {
    private static final String KEY = "sk-engine-0123456789";

    @TempDir
    Path dir;

    private final OpenAiStub stub = new OpenAiStub();
    private EngineFixture fixture;
    private InMemoryJournal journal;
    private final List<String> progress = new CopyOnWriteArrayList<>();
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private Plan plan;

    @AfterEach
    void stop() {
        stub.close();
    }

    private static final String TEAM = """
            synod 1
            team t {
              defaults within 1m retry %d
              role a model m
              a -> all : notes "notes/**"
                gate exists
            }
            """;

    /** Runs a team of one role whose hand-off allows {@code retries} retries, on the stub's answers. */
    private Engine.Result run(int retries) throws Exception {
        fixture = new EngineFixture(dir);
        journal = fixture.journal;
        CheckResult checked = Synod.check(new SourceFile("team.synod", TEAM.formatted(retries)), CheckOptions.none());
        SynodConfig config = SynodConfig.parse("models:\n  m: { provider: openai, model: gpt-test, base-url: \""
                + stub.baseUrl() + "\", api-key-env: ENGINE_TEST_KEY }\n", dir.resolve("synod.yaml"));
        FakeClock clock = new FakeClock(Instant.parse("2026-03-01T12:00:00Z"));
        Retries policy = new Retries(RetryPolicy.DEFAULT, wait -> {
            waits.add(wait);
            clock.advance(wait);
        }, new SplittableRandom(3), clock);
        Map<String, Gate> gates = Map.of("exists", new ExistsGate());
        Agent agent = new ModelAgent(Providers.chatModel(config, "m", Map.of("ENGINE_TEST_KEY", KEY), policy), Pricing.FREE,
                Limits.DEFAULT, TeamView.of(checked.model().orElseThrow(), gates));
        plan = fixture.team(TEAM.formatted(retries)).plan();
        return fixture.agent(agent).gates(gates).contracts(role -> "contract of " + role)
                .clock(Clock.SYSTEM).progress(progress::add).start();
    }

    @Test
    void two_503s_then_an_answer_journal_two_retries_with_their_numbers_and_waits() throws Exception {
        stub.enqueue(Reply.status(503), Reply.status(503),
                Reply.toolCalls(ToolCall.of("call_1", "write_file", "{\"path\":\"notes/a.md\",\"content\":\"a\"}")),
                Reply.toolCalls(ToolCall.of("call_2", "finish", "{\"summary\":\"wrote a note\"}")));

        Engine.Result result = run(0);

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

    @Test
    void a_refused_key_fails_the_step_after_one_attempt_saying_what_to_fix() throws Exception {
        stub.enqueue(Reply.status(401), Reply.status(401), Reply.status(401));

        Engine.Result result = run(2);

        assertThat(result).isInstanceOfSatisfying(Engine.Result.Finished.class, f -> {
            assertThat(f.succeeded()).isFalse();
            assertThat(f.reason()).contains("cannot run", "HTTP 401", "check the key in ENGINE_TEST_KEY").doesNotContain(KEY);
        });
        List<Event> events = journal.read("r1");
        assertThat(events.stream().filter(e -> e instanceof Event.Started s && s.command() instanceof Command.RunAgent))
                .as("attempts started").hasSize(1);
        assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(Event.AgentFinished.class,
                f -> assertThat(f.outcome()).isInstanceOf(Event.Outcome.Misconfigured.class)));
        assertThat(stub.requests()).hasSize(1);
        assertThat(waits).isEmpty();
        assertThat(Replay.check(plan, Budget.UNLIMITED, events)).isEmpty();
    }
}
