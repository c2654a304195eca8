package dev.synod.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.core.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The contract of {@link Clock}: every implementation's test subclasses this and supplies
 * {@link #clock()}. {@code now()} is never null and never goes backwards, on one thread or
 * across several. A clock that moves only when told (a fake) overrides {@link #passTime} so
 * that the checks see it move.
 */
public abstract class ClockContract {
    private static final int READS = 10_000;
    private static final int THREADS = 8;

    /** The clock under test. */
    protected abstract Clock clock();

    /**
     * Lets some time pass on {@code clock}, called between reads and concurrently with them. A
     * clock that moves by itself needs nothing here; a fake moves itself forward.
     */
    protected void passTime(Clock clock) {
    }

    @Test
    void now_is_never_null() {
        Clock clock = clock();

        for (int i = 0; i < 100; i++) {
            assertThat(clock.now()).isNotNull();
            passTime(clock);
        }
    }

    @Test
    void now_never_goes_backwards_across_calls() {
        Clock clock = clock();
        Instant previous = clock.now();

        for (int i = 0; i < READS; i++) {
            if (i % 3 == 0) {
                passTime(clock);
            }
            Instant next = clock.now();
            assertThat(next).as("read %d after %s", i, previous).isAfterOrEqualTo(previous);
            previous = next;
        }
    }

    @Test
    void nanos_never_go_backwards_across_calls() {
        Clock clock = clock();
        long previous = clock.nanos();

        for (int i = 0; i < READS; i++) {
            if (i % 3 == 0) {
                passTime(clock);
            }
            long next = clock.nanos();
            assertThat(next - previous).as("read %d after %d", i, previous).isNotNegative();
            previous = next;
        }
    }

    @Test
    @Timeout(60)
    void now_never_goes_backwards_while_other_threads_read_it() throws Exception {
        Clock clock = clock();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Instant>> readers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
            for (int t = 0; t < THREADS; t++) {
                boolean mover = t == 0;
                readers.add(pool.submit(() -> {
                    start.await();
                    Instant previous = clock.now();
                    for (int i = 0; i < READS; i++) {
                        if (mover) {
                            passTime(clock);
                        }
                        Instant next = clock.now();
                        assertThat(next).isAfterOrEqualTo(previous);
                        previous = next;
                    }
                    return previous;
                }));
            }
            start.countDown();
            Instant latestSeen = Instant.MIN;
            for (Future<Instant> reader : readers) {
                Instant last = reader.get(50, TimeUnit.SECONDS);
                latestSeen = last.isAfter(latestSeen) ? last : latestSeen;
            }

            // Every reader has finished, so a read now comes after all of theirs.
            assertThat(clock.now()).isAfterOrEqualTo(latestSeen);
        }
    }
}
