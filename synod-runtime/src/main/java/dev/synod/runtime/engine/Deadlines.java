package dev.synod.runtime.engine;

import dev.synod.core.Clock;
import dev.synod.core.Event;
import dev.synod.core.FailureDetector;
import dev.synod.runtime.agents.PersonAgent;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Runs an effect's call under the {@link FailureDetector}'s deadline, read from the engine's
 * {@link Clock#nanos()}: the one place where the embedded engine applies the detector's
 * arithmetic to a running thread.
 */
final class Deadlines {
    private final Clock clock;
    private final Consumer<Event> late;
    private final BiConsumer<String, Error> errors;
    /** The threads of calls still running, timed out or not: {@link #stop} ends them. */
    private final Set<Thread> running = ConcurrentHashMap.newKeySet();

    /**
     * @param late   takes the late answers of calls that timed out
     * @param errors takes an {@link Error} that a call which timed out threw afterwards, by command
     *               id: no longer the attempt's result, but never to vanish
     */
    Deadlines(Clock clock, Consumer<Event> late, BiConsumer<String, Error> errors) {
        this.clock = clock;
        this.late = late;
        this.errors = errors;
    }

    /** How a bounded call ended. */
    sealed interface Timed<T> {
        record Done<T>(T value) implements Timed<T> {
        }

        /**
         * The call did not answer in time and was stopped after {@code elapsedMillis}; {@code bound}
         * when the heartbeat bound stopped it; {@code running} completes when it stops after all.
         */
        record Late<T>(CompletableFuture<T> running, long elapsedMillis, boolean bound) implements Timed<T> {
        }

        record Threw<T>(Throwable error) implements Timed<T> {
        }
    }

    @FunctionalInterface
    interface Call<T> {
        T call() throws Exception;
    }

    /**
     * The longest real wait between two looks at the clock. With the system clock one wait until
     * the deadline would do (a heartbeat only moves the deadline later, and the loop looks again
     * when the wait ends). The deadline is read from {@link Clock#nanos()}, though, and a fake
     * clock moves by hand without waking anyone: the slices are there only so that a timeout on a
     * fake clock is noticed, at the price of one wake-up per slice per running effect.
     */
    private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    /**
     * Runs {@code call} until the {@link FailureDetector}'s deadline: {@code timeoutMillis} from
     * the session's latest heartbeat (the start, without one), never past
     * {@value FailureDetector#HEARTBEAT_BOUND} times the timeout from the start. On timeout the
     * call's thread is interrupted; if it still answers, usefully, a {@link Event.LateAnswer} is
     * reported so the role's timeout grows (the suspicion proved false). An {@link Error} of the
     * call is thrown, never turned into a result: it stops the engine. The role {@code human} (a
     * person producing an artifact) is never timed out: the call runs until it answers.
     */
    <T> Timed<T> run(Call<T> call, long timeoutMillis, String command, String role, long startNanos,
                                     AttemptSession session, java.util.function.Predicate<T> useful)
            throws InterruptedException {
        CompletableFuture<T> future = new CompletableFuture<>();
        Thread worker = Thread.ofVirtual().name("synod-" + command).unstarted(() -> {
            try {
                future.complete(call.call());
            } catch (Throwable t) {
                future.completeExceptionally(t);
            } finally {
                running.remove(Thread.currentThread());
            }
        });
        running.add(worker);
        worker.start();
        long timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        try {
            if (role.equals(PersonAgent.ROLE)) {
                // A person is not a process the failure detector can suspect: no within bounds
                // their work, which ends with their answer (or an interrupt when the run stops).
                return new Timed.Done<>(future.get());
            }
            while (true) {
                long remaining = FailureDetector.deadlineNanos(startNanos, session.lastBeatNanos(), timeoutNanos)
                        - clock.nanos();
                if (remaining <= 0) {
                    break;
                }
                try {
                    return new Timed.Done<>(future.get(Math.min(remaining, SLICE_NANOS), TimeUnit.NANOSECONDS));
                } catch (TimeoutException again) {
                    // the agent may have heartbeaten, or the clock moved: look again
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            return new Timed.Threw<>(e.getCause());
        } catch (InterruptedException e) {
            worker.interrupt();
            throw e;
        }
        boolean bound = FailureDetector.stoppedByBound(startNanos, session.lastBeatNanos(), timeoutNanos);
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(clock.nanos() - startNanos);
        worker.interrupt();
        future.whenComplete((value, error) -> {
            if (error instanceof Error e) {
                errors.accept(command, e);
            } else if (error == null && useful.test(value)) {
                late.accept(new Event.LateAnswer(command, role, TimeUnit.NANOSECONDS.toMillis(clock.nanos() - startNanos),
                        clock.now()));
            }
        });
        return new Timed.Late<>(future, elapsedMillis, bound);
    }

    /**
     * Interrupts every call still running, a timed-out one that was left to finish included, and
     * waits for them to end until {@code deadlineNanos} of {@link System#nanoTime()}: a closed
     * engine's calls must not go on writing in the run directory (committing a late attempt, say).
     *
     * @return whether every call ended in time
     */
    boolean stop(long deadlineNanos) throws InterruptedException {
        for (Thread thread : running) {
            thread.interrupt();
        }
        for (Thread thread : running) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0 || !thread.join(Duration.ofNanos(left))) {
                return running.isEmpty();
            }
        }
        return running.isEmpty();
    }
}
