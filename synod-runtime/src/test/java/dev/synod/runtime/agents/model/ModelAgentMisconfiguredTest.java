package dev.synod.runtime.agents.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.core.Agent;
import dev.synod.runtime.config.SynodConfig;
import dev.synod.testkit.FakeClock;
import dev.synod.testkit.stub.OpenAiStub;
import dev.synod.testkit.stub.Reply;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A provider that refuses the key (401, 403) or does not know the model or address (404) is a
 * configuration fault: the attempt ends {@link Agent.Outcome.Misconfigured} after one request,
 * with a reason that says what to fix, so that the engine fails the hand-off at once instead of
 * spending every attempt on the same refusal.
 */
class ModelAgentMisconfiguredTest {
    private static final String KEY = "sk-misconfigured-0123456789abcdef";

    @TempDir
    Path dir;

    private final OpenAiStub stub = new OpenAiStub();
    private final FakeClock clock = new FakeClock(Instant.parse("2026-03-01T12:00:00Z"));
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);

    @AfterEach
    void stop() {
        stub.close();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "401 | the provider refused the request (HTTP 401); check the key in MISCONFIGURED_KEY",
            "403 | the provider refused the request (HTTP 403); check the key in MISCONFIGURED_KEY",
            "404 | check the model name and base-url"})
    void a_refusal_is_a_configuration_fault_that_says_what_to_fix(int status, String fix) throws Exception {
        stub.enqueue(new Reply.Failure(status, Map.of(), "refused: " + KEY), Reply.text("never asked"));
        SynodConfig config = SynodConfig.parse("models:\n  m: { provider: openai, model: gpt-none, base-url: \""
                + stub.baseUrl() + "\", api-key-env: MISCONFIGURED_KEY }\n", dir.resolve("synod.yaml"));
        ModelAgent agent = new ModelAgent(Providers.chatModel(config, "m", Map.of("MISCONFIGURED_KEY", KEY),
                new Retries(RetryPolicy.DEFAULT, sleeper, new SplittableRandom(1), clock)), Pricing.FREE, Limits.DEFAULT,
                TeamView.NONE);

        Agent.Outcome outcome = agent.perform(new Agent.Assignment("r1", "notes", 1, "dev", "", List.of("notes/**"),
                List.of(), List.of(), Map.of(), Duration.ofMinutes(1)), dir, new JournalSession());

        assertThat(outcome).isInstanceOfSatisfying(Agent.Outcome.Misconfigured.class, m -> assertThat(m.reason())
                .startsWith("models.m (openai gpt-none at " + stub.baseUrl() + "): ")
                .contains(fix)
                .doesNotContain(KEY));
        assertThat(stub.requests()).as("one request, no retry").hasSize(1);
        assertThat(sleeper.waits).isEmpty();
    }

    @Test
    void a_reviewer_refused_by_its_provider_is_misconfigured_not_a_rejection() throws Exception {
        // A rejection would send the work back; the next attempt's review would meet the same 401.
        stub.enqueue(new Reply.Failure(401, Map.of(), "refused"), Reply.text("never asked"));
        SynodConfig config = SynodConfig.parse("models:\n  m: { provider: openai, model: gpt-none, base-url: \""
                + stub.baseUrl() + "\", api-key-env: MISCONFIGURED_KEY }\n", dir.resolve("synod.yaml"));
        ModelAgent agent = new ModelAgent(Providers.chatModel(config, "m", Map.of("MISCONFIGURED_KEY", KEY),
                new Retries(RetryPolicy.DEFAULT, sleeper, new SplittableRandom(1), clock)), Pricing.FREE, Limits.DEFAULT,
                TeamView.NONE);

        Agent.Review review = agent.review(new Agent.Assignment("r1", "notes", 1, "critic", "", List.of(),
                List.of("notes"), List.of(), Map.of(), Duration.ofMinutes(1)), dir, new JournalSession());

        assertThat(review.misconfigured()).as(review.comment()).isTrue();
        assertThat(review.approved()).isFalse();
        assertThat(review.comment()).contains("HTTP 401", "check the key in MISCONFIGURED_KEY");
    }
}
