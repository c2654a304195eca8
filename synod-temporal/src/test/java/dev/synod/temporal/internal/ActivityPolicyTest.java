package dev.synod.temporal.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synod.core.Command;
import dev.synod.core.Plan;
import io.temporal.activity.ActivityOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which queue serves each command, how long one try may take, and which commands Temporal retries how often. */
class ActivityPolicyTest {
    private static final Duration BEAT = Duration.ofSeconds(30);

    @Test
    void an_attempt_goes_to_its_roles_queue_bounded_by_four_times_within_and_a_minute_with_three_tries() {
        ActivityOptions options = ActivityPolicy.of("bank", new Command.RunAgent("impl[dev2]#1", "impl[dev2]", 1, "dev[2]",
                600_000, List.of()), BEAT);

        assertThat(options.getTaskQueue()).isEqualTo("synod.bank.dev[2]");
        assertThat(options.getStartToCloseTimeout()).isEqualTo(Duration.ofMinutes(41));
        assertThat(options.getHeartbeatTimeout()).isEqualTo(BEAT);
        assertThat(options.getRetryOptions().getMaximumAttempts()).isEqualTo(3);
        assertThat(options.getRetryOptions().getDoNotRetry())
                .contains("dev.synod.core.SynodException$InvalidInput", "dev.synod.core.SynodException$Corrupted");
    }

    @Test
    void a_review_goes_to_the_reviewers_queue_and_a_gate_to_the_gates_queue() {
        assertThat(ActivityPolicy.of("bank", new Command.RunReview("r", "release", 1, "architect", "c0ffee", 60_000), BEAT)
                .getTaskQueue()).isEqualTo("synod.bank.architect");
        ActivityOptions gate = ActivityPolicy.of("bank", new Command.RunGate("g", "api", 1, 0,
                new Plan.GateSpec("compile", null), "c0ffee"), BEAT);
        assertThat(gate.getTaskQueue()).isEqualTo("synod.bank.gates");
        assertThat(gate.getStartToCloseTimeout()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void bookkeeping_goes_to_the_gates_queue_and_is_retried_until_it_succeeds() {
        ActivityOptions finish = ActivityPolicy.of("bank", new Command.Finish("finish", "", true, "every step was accepted",
                Map.of()), BEAT);

        assertThat(finish.getTaskQueue()).isEqualTo("synod.bank.gates");
        // Zero is Temporal's "no limit".
        assertThat(finish.getRetryOptions().getMaximumAttempts()).isZero();
    }

    @Test
    void a_persons_question_is_no_activity() {
        assertThatThrownBy(() -> ActivityPolicy.of("bank", new Command.AskHuman("ask", "release", 1, "c0ffee", "approve?"), BEAT))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a person answers ask, not an activity");
    }
}
