package dev.synod.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synod.core.Event;
import dev.synod.core.Journal;
import dev.synod.core.RunInfo;
import dev.synod.core.SynodException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract of {@link Journal}: every implementation's test subclasses this and supplies
 * {@link #newJournal(Path)}. It checks round trips of every event type, contiguous sequence
 * numbers, concurrent appends, durability across a reopen, and the errors callers rely on.
 */
public abstract class JournalContract {
    private static final int THREADS = 64;
    private static final int APPENDS_PER_THREAD = 25;
    private static final int RUNS = 4;

    // Not private: JUnit injects it into this superclass of the implementation's test.
    @TempDir
    Path dir;

    private final List<Journal> opened = Collections.synchronizedList(new ArrayList<>());

    /** A new, empty journal that keeps its state under {@code dir}. */
    protected abstract Journal newJournal(Path dir);

    /**
     * The journal under {@code dir} opened again after {@code closed} was closed, as after a
     * restart. Persistent journals need not override this; in-memory ones hand over their state.
     */
    protected Journal reopen(Journal closed, Path dir) {
        return newJournal(dir);
    }

    @AfterEach
    final void closeJournals() {
        opened.forEach(Journal::close);
    }

    private Journal open() {
        return track(newJournal(dir));
    }

    private Journal track(Journal journal) {
        opened.add(journal);
        return journal;
    }

    private static RunInfo run(String id, long createdSecond) {
        return new RunInfo(id, "shop", "/work/shop", SampleEvents.at(createdSecond));
    }

    @Test
    void round_trips_every_event_type() {
        Journal journal = open();
        journal.create(run("r", 0));

        long last = journal.append("r", SampleEvents.all());

        assertThat(last).isEqualTo(SampleEvents.all().size());
        assertThat(journal.read("r")).containsExactlyElementsOf(SampleEvents.all());
    }

    @Test
    void a_new_run_has_no_events() {
        Journal journal = open();
        journal.create(run("r", 0));

        assertThat(journal.read("r")).isEmpty();
    }

    @Test
    void returns_the_contiguous_sequence_number_of_the_last_event_appended() {
        Journal journal = open();
        journal.create(run("a", 0));
        journal.create(run("b", 1));

        assertThat(journal.append("a", List.of(SampleEvents.tagged("a", 0)))).isEqualTo(1);
        assertThat(journal.append("a", List.of(SampleEvents.tagged("a", 1), SampleEvents.tagged("a", 2),
                SampleEvents.tagged("a", 3)))).isEqualTo(4);
        assertThat(journal.append("b", List.of(SampleEvents.tagged("b", 0)))).isEqualTo(1);
        assertThat(journal.append("a", List.of(SampleEvents.tagged("a", 4)))).isEqualTo(5);

        assertThat(journal.read("a")).containsExactly(SampleEvents.tagged("a", 0), SampleEvents.tagged("a", 1),
                SampleEvents.tagged("a", 2), SampleEvents.tagged("a", 3), SampleEvents.tagged("a", 4));
        assertThat(journal.read("b")).containsExactly(SampleEvents.tagged("b", 0));
    }

    /** One append as its thread saw it: the events it passed and the sequence number it got back. */
    private record Appended(String run, List<Event> events, long last) {
    }

    @Test
    @Timeout(60)
    void appends_from_many_threads_land_exactly_once_in_each_threads_order() throws Exception {
        Journal journal = open();
        for (int r = 0; r < RUNS; r++) {
            journal.create(run("run-" + r, r));
        }
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Appended>>> threads = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
            for (int t = 0; t < THREADS; t++) {
                String source = "thread-" + t;
                String run = "run-" + (t % RUNS);
                threads.add(pool.submit(() -> {
                    start.await();
                    List<Appended> mine = new ArrayList<>();
                    long index = 0;
                    for (int i = 0; i < APPENDS_PER_THREAD; i++) {
                        List<Event> events = new ArrayList<>();
                        for (int k = 0; k <= i % 3; k++) {
                            events.add(SampleEvents.tagged(source, index++));
                        }
                        mine.add(new Appended(run, events, journal.append(run, events)));
                    }
                    return mine;
                }));
            }
            start.countDown();
        }

        List<List<Event>> stored = new ArrayList<>();
        for (int r = 0; r < RUNS; r++) {
            stored.add(journal.read("run-" + r));
        }
        long total = 0;
        for (Future<List<Appended>> thread : threads) {
            long previous = 0;
            for (Appended a : thread.get(10, TimeUnit.SECONDS)) {
                List<Event> events = stored.get(Integer.parseInt(a.run().substring(4)));
                int first = (int) (a.last() - a.events().size());
                assertThat(a.last()).as("a thread's appends come back in its own order").isGreaterThan(previous);
                assertThat(events.subList(first, (int) a.last()))
                        .as("the events of one append, at the sequence numbers it returned")
                        .containsExactlyElementsOf(a.events());
                previous = a.last();
                total += a.events().size();
            }
        }
        assertThat(stored.stream().mapToLong(List::size).sum()).as("every event exactly once").isEqualTo(total);
    }

    @Test
    @Timeout(30)
    void an_append_to_an_unknown_run_does_not_disturb_concurrent_appends() throws Exception {
        Journal journal = open();
        journal.create(run("known", 0));
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Long>> good = new ArrayList<>();
        List<Future<Long>> bad = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            for (int t = 0; t < 16; t++) {
                String run = t % 2 == 0 ? "known" : "ghost-" + t;
                Event event = SampleEvents.tagged(run, t);
                (t % 2 == 0 ? good : bad).add(pool.submit(() -> {
                    start.await();
                    return journal.append(run, List.of(event));
                }));
            }
            start.countDown();
        }

        for (Future<Long> append : bad) {
            assertThatThrownBy(() -> append.get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(SynodException.InvalidInput.class)
                    .hasMessageContaining("ghost-");
        }
        List<Long> seqs = new ArrayList<>();
        for (Future<Long> append : good) {
            seqs.add(append.get(10, TimeUnit.SECONDS));
        }
        assertThat(seqs).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        assertThat(journal.read("known")).hasSize(8);
    }

    @Test
    @Timeout(30)
    void closing_commits_every_append_it_accepted_and_refuses_the_rest() throws Exception {
        Journal journal = open();
        journal.create(run("r", 0));
        int threads = 16;
        CountDownLatch warmedUp = new CountDownLatch(threads);
        List<Future<Integer>> accepted = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                String source = "thread-" + t;
                accepted.add(pool.submit(() -> {
                    int count = 0;
                    try {
                        while (true) {
                            journal.append("r", List.of(SampleEvents.tagged(source, count)));
                            count++;
                            if (count == 3) {
                                warmedUp.countDown();
                            }
                        }
                    } catch (IllegalStateException closed) {
                        return count;
                    }
                }));
            }
            warmedUp.await();
            journal.close();
        }

        long total = 0;
        for (Future<Integer> thread : accepted) {
            total += thread.get(10, TimeUnit.SECONDS);
        }
        Journal reopened = track(reopen(journal, dir));
        assertThat((long) reopened.read("r").size()).as("every append that returned, and no other")
                .isEqualTo(total);
    }

    @Test
    void keeps_every_run_and_event_across_a_reopen() {
        Journal first = open();
        first.create(run("a", 0));
        first.create(run("b", 1));
        first.append("a", SampleEvents.all());
        first.append("b", List.of(SampleEvents.tagged("b", 0)));
        first.close();

        Journal second = track(reopen(first, dir));

        assertThat(second.runs()).containsExactly(run("a", 0), run("b", 1));
        assertThat(second.read("a")).containsExactlyElementsOf(SampleEvents.all());
        assertThat(second.read("b")).containsExactly(SampleEvents.tagged("b", 0));
        assertThat(second.append("b", List.of(SampleEvents.tagged("b", 1)))).isEqualTo(2);
    }

    @Test
    void lists_runs_oldest_first_and_equally_old_runs_in_creation_order() {
        Journal journal = open();
        journal.create(run("late", 5));
        journal.create(run("early", 1));
        journal.create(run("tie-1", 3));
        journal.create(run("tie-2", 3));

        assertThat(journal.runs()).extracting(RunInfo::id).containsExactly("early", "tie-1", "tie-2", "late");
        assertThat(journal.run("tie-2")).contains(run("tie-2", 3));
        assertThat(journal.run("absent")).isEmpty();
    }

    @Test
    void rejects_an_append_to_an_unknown_run() {
        Journal journal = open();
        journal.create(run("known", 0));

        assertThatThrownBy(() -> journal.append("ghost", List.of(SampleEvents.tagged("x", 0))))
                .isInstanceOf(SynodException.InvalidInput.class)
                .hasMessageContaining("ghost");
        assertThat(journal.read("known")).isEmpty();
    }

    @Test
    void rejects_a_read_of_an_unknown_run() {
        Journal journal = open();

        assertThatThrownBy(() -> journal.read("ghost"))
                .isInstanceOf(SynodException.InvalidInput.class)
                .hasMessageContaining("ghost");
    }

    @Test
    void rejects_a_second_run_with_the_same_id() {
        Journal journal = open();
        journal.create(run("twice", 0));

        assertThatThrownBy(() -> journal.create(run("twice", 1)))
                .isInstanceOf(SynodException.InvalidInput.class)
                .hasMessageContaining("twice");
        assertThat(journal.runs()).containsExactly(run("twice", 0));
    }

    @Test
    void rejects_a_run_without_an_id() {
        Journal journal = open();

        assertThatThrownBy(() -> journal.create(run(" ", 0))).isInstanceOf(SynodException.InvalidInput.class);
        assertThat(journal.runs()).isEmpty();
    }

    @Test
    void rejects_an_empty_append() {
        Journal journal = open();
        journal.create(run("quiet", 0));

        assertThatThrownBy(() -> journal.append("quiet", List.of()))
                .isInstanceOf(SynodException.InvalidInput.class)
                .hasMessageContaining("quiet");
    }

    @Test
    void rejects_appends_after_close_and_closing_twice_is_harmless() {
        Journal journal = open();
        journal.create(run("r", 0));
        journal.close();
        journal.close();

        assertThatThrownBy(() -> journal.append("r", List.of(SampleEvents.tagged("x", 0))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }
}
