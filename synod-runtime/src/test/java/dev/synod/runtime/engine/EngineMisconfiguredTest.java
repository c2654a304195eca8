package dev.synod.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.core.Agent;
import dev.synod.core.Budget;
import dev.synod.core.Clock;
import dev.synod.core.Command;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A configuration fault fails the hand-off after one attempt: a provider that refuses the key would
 * refuse it on every attempt, so spending the retries and the escalation on it only wastes time.
 */
class EngineMisconfiguredTest {
    private static final String TEAM = """
            synod 1
            team t {
              defaults within 1m retry 2
              role a model m
              a -> all : notes "notes/**"
                gate exists
            }
            """;

    @TempDir
    Path dir;

    @Test
    void a_refused_key_fails_the_step_after_one_attempt_saying_what_to_fix() throws Exception {
        Files.writeString(dir.resolve("README.md"), "x\n");
        InMemoryJournal journal = new InMemoryJournal();
        try (OpenAiStub stub = new OpenAiStub()) {
            stub.enqueue(Reply.status(401), Reply.status(401), Reply.status(401));
            CheckResult checked = Synod.check(new SourceFile("team.synod", TEAM), CheckOptions.none());
            SynodConfig config = SynodConfig.parse("models:\n  m: { provider: openai, model: gpt-test, base-url: \""
                    + stub.baseUrl() + "\", api-key-env: ENGINE_TEST_KEY }\n", dir.resolve("synod.yaml"));
            FakeClock clock = new FakeClock(Instant.parse("2026-03-01T12:00:00Z"));
            Retries retries = new Retries(RetryPolicy.DEFAULT, clock::advance, new SplittableRandom(3), clock);
            Map<String, Gate> gates = Map.of("exists", new ExistsGate());
            Agent agent = new ModelAgent(Providers.chatModel(config, "m", Map.of("ENGINE_TEST_KEY", "sk-engine-0123456789"),
                    retries), Pricing.FREE, Limits.DEFAULT, TeamView.of(checked.model().orElseThrow(), gates));
            var plan = PlanCompiler.compile(checked);

            Engine.Result result;
            try (GitRepository repo = GitRepository.openOrInit(dir);
                 Engine engine = new Engine(new Engine.Setup(plan, Budget.UNLIMITED, journal, new InMemoryBlobStore(), repo,
                         dir.resolve(".synod/work"), dir.resolve(".synod/answers"), Map.of("a", agent), gates,
                         role -> "contract of " + role, Clock.SYSTEM, new Engine.Options(true, false, Duration.ofMillis(20)),
                         line -> { }))) {
                result = engine.start("r1", "plan", null, 1);
            }

            assertThat(result).isInstanceOfSatisfying(Engine.Result.Finished.class, f -> {
                assertThat(f.succeeded()).isFalse();
                assertThat(f.reason()).contains("cannot run", "HTTP 401", "check the key in ENGINE_TEST_KEY");
            });
            List<Event> events = journal.read("r1");
            assertThat(events.stream().filter(e -> e instanceof Event.Started s && s.command() instanceof Command.RunAgent))
                    .as("attempts started").hasSize(1);
            assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(Event.AgentFinished.class,
                    f -> assertThat(f.outcome()).isInstanceOf(Event.Outcome.Misconfigured.class)));
            assertThat(stub.requests()).hasSize(1);
            assertThat(Replay.check(plan, Budget.UNLIMITED, events)).isEmpty();
        }
    }
}
