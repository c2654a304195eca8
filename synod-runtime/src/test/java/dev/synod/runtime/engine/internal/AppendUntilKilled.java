package dev.synod.runtime.engine.internal;

import dev.synod.core.Event;
import dev.synod.testkit.SampleEvents;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The child process of {@link SqliteJournalCrashTest}: appends to a run from several threads
 * until it is killed, printing the seq of every append after the append has returned, that is,
 * after it was committed. Events are tagged with their thread and a per-thread index. With
 * objects, each event's git object ({@link SqliteObjectLogTest#blob} of "thread/index") is added
 * to the journal's object log before the append that carries the event is requested.
 *
 * <p>Arguments: the database file, the run, the number of threads, and optionally
 * {@value #WITH_OBJECTS}.
 */
public final class AppendUntilKilled {
    static final String WITH_OBJECTS = "with-objects";

    private AppendUntilKilled() {
    }

    public static void main(String[] args) {
        Path db = Path.of(args[0]);
        String run = args[1];
        int threads = Integer.parseInt(args[2]);
        boolean withObjects = args.length > 3 && args[3].equals(WITH_OBJECTS);
        PrintStream out = System.out;
        SqliteJournal journal = SqliteJournal.open(db);
        for (int t = 0; t < threads; t++) {
            String source = "thread-" + t;
            Thread.ofPlatform().start(() -> {
                long index = 0;
                for (int i = 0; ; i++) {
                    List<Event> events = new ArrayList<>();
                    // One, two or three events, so that multi-event appends are cut by the kill too.
                    for (int k = 0; k <= i % 3; k++) {
                        if (withObjects) {
                            journal.objectLog().add(SqliteObjectLogTest.blob(source + "/" + index));
                        }
                        events.add(SampleEvents.tagged(source, index++));
                    }
                    long seq = journal.append(run, events);
                    synchronized (out) {
                        out.println(seq);
                        out.flush();
                    }
                }
            });
        }
    }
}
