package dev.synod.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synod.core.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FakeClockContractTest extends ClockContract {
    @Override
    protected Clock clock() {
        return new FakeClock();
    }

    @Override
    protected void passTime(Clock clock) {
        ((FakeClock) clock).advance(Duration.ofMillis(1));
    }

    @Test
    void stands_still_until_moved() {
        FakeClock clock = new FakeClock(Instant.parse("2030-05-01T12:00:00Z"));

        assertThat(clock.now()).isEqualTo(Instant.parse("2030-05-01T12:00:00Z"));
        assertThat(clock.now()).isEqualTo(clock.now());
    }

    @Test
    void advance_is_reflected_in_now() {
        FakeClock clock = new FakeClock();

        Instant after = clock.advance(Duration.ofSeconds(90));

        assertThat(after).isEqualTo(FakeClock.DEFAULT_START.plusSeconds(90));
        assertThat(clock.now()).isEqualTo(after);
    }

    @Test
    void set_jumps_forward() {
        FakeClock clock = new FakeClock();

        clock.set(FakeClock.DEFAULT_START.plus(Duration.ofDays(3)));

        assertThat(clock.now()).isEqualTo(FakeClock.DEFAULT_START.plus(Duration.ofDays(3)));
    }

    @Test
    void refuses_to_go_backwards() {
        FakeClock clock = new FakeClock();

        assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT-1S");
        assertThatThrownBy(() -> clock.set(FakeClock.DEFAULT_START.minusMillis(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2025-12-31T23:59:59.999Z");
        assertThat(clock.now()).isEqualTo(FakeClock.DEFAULT_START);
    }

    @Test
    void concurrent_advances_all_count() throws Exception {
        FakeClock clock = new FakeClock();
        Thread[] movers = new Thread[4];
        for (int t = 0; t < movers.length; t++) {
            movers[t] = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 1000; i++) {
                    clock.advance(Duration.ofMillis(1));
                }
            });
        }
        for (Thread mover : movers) {
            mover.join();
        }

        assertThat(clock.now()).isEqualTo(FakeClock.DEFAULT_START.plusSeconds(4));
    }

    @Test
    void nanos_move_only_with_the_clock() {
        FakeClock clock = new FakeClock();
        long start = clock.nanos();

        assertThat(clock.nanos()).isEqualTo(start);
        clock.advance(Duration.ofMillis(1500));
        assertThat(clock.nanos() - start).isEqualTo(1_500_000_000L);
        clock.set(clock.now().plusSeconds(2));
        assertThat(clock.nanos() - start).isEqualTo(3_500_000_000L);
    }

    @Test
    void nanos_are_the_reading_every_clock_derives_from_now() {
        FakeClock clock = new FakeClock();
        Clock derived = clock::now;

        clock.advance(Duration.ofMillis(1500));

        // One source of truth: the fake clock keeps no second counter that could drift from now().
        assertThat(clock.nanos()).isEqualTo(derived.nanos());
    }
}
