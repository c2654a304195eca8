package dev.synod.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.core.Budget;
import dev.synod.core.Event;
import dev.synod.testkit.FakeClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * No {@code within} bounds a person's attempt: with the clock far past an agent's deadline, the
 * call of role {@code human} still runs to its answer, while the same call of an agent times out.
 */
class DeadlinesPersonTest {
    private final FakeClock clock = new FakeClock();
    private final Deadlines deadlines = new Deadlines(clock, e -> { }, (command, error) -> { });

    private AttemptSession session(String role) {
        return new AttemptSession("agent:notes#2", role, List.of(), null, Budget.UNLIMITED, () -> Event.Usage.NONE, Map::of,
                e -> CompletableFuture.completedFuture(null), text -> { }, clock);
    }

    /** A call that answers once the clock has gone ten minutes past its start. */
    private Deadlines.Call<String> answeringAfterTheClockMoved(CountDownLatch started, CountDownLatch moved) {
        return () -> {
            started.countDown();
            assertThat(moved.await(30, TimeUnit.SECONDS)).isTrue();
            return "done";
        };
    }

    @Test
    void a_persons_call_is_never_timed_out() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch moved = new CountDownLatch(1);
        CompletableFuture<Deadlines.Timed<String>> timed = CompletableFuture.supplyAsync(() -> run("human", started, moved));
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();

        clock.advance(Duration.ofMinutes(10));
        // Not a timing assertion: a call that were bounded would see the moved clock within one slice
        // (50 ms) and time out, so the wait gives a wrong implementation the chance to fail.
        Thread.sleep(200);
        moved.countDown();

        assertThat(timed.get(30, TimeUnit.SECONDS)).isEqualTo(new Deadlines.Timed.Done<>("done"));
    }

    @Test
    void an_agents_call_with_the_same_timeout_times_out() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch moved = new CountDownLatch(1);
        CompletableFuture<Deadlines.Timed<String>> timed = CompletableFuture.supplyAsync(() -> run("writer", started, moved));
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();

        clock.advance(Duration.ofMinutes(10));

        assertThat(timed.get(30, TimeUnit.SECONDS)).isInstanceOf(Deadlines.Timed.Late.class);
        moved.countDown();
    }

    private Deadlines.Timed<String> run(String role, CountDownLatch started, CountDownLatch moved) {
        try {
            return deadlines.run(answeringAfterTheClockMoved(started, moved), 1000, "agent:notes#2", role, clock.nanos(),
                    session(role), value -> true);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
