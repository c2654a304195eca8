package dev.synod.runtime.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.synod.core.Event;
import dev.synod.core.RunInfo;
import dev.synod.runtime.workspace.ObjectLog;
import dev.synod.testkit.SampleEvents;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a process with SIGKILL while it appends, then reopens its journal: everything the process
 * was told is committed must be there, whole and in order. The kills land at different points
 * (fixed seed), all in the same database, so the journal is recovered again and again.
 */
class SqliteJournalCrashTest {
    private static final int ROUNDS = 10;
    private static final int THREADS = 4;
    private static final long SEED = 20_260_101L;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void keeps_every_committed_append_when_the_process_is_killed() throws Exception {
        killRounds(ROUNDS, false);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void keeps_the_git_object_of_every_event_that_survived_when_the_process_is_killed() throws Exception {
        killRounds(ROUNDS / 2, true);
    }

    private void killRounds(int rounds, boolean withObjects) throws Exception {
        Path db = dir.resolve(".synod/synod.db");
        Random random = new Random(SEED);
        for (int round = 0; round < rounds; round++) {
            String run = "crash-" + round;
            try (SqliteJournal journal = SqliteJournal.open(db)) {
                journal.create(new RunInfo(run, "shop", dir.toString(), SampleEvents.at(round)));
            }
            int killAfter = 1 + random.nextInt(150);

            long committed = appendUntilKilled(db, run, killAfter, withObjects);

            try (SqliteJournal reopened = SqliteJournal.open(db)) {
                // read() itself verifies contiguous seqs from 1, every CRC and that every body parses.
                List<Event> events = reopened.read(run);
                assertThat((long) events.size()).as("round %d: events after a kill once %d appends were reported",
                        round, killAfter).isGreaterThanOrEqualTo(committed);
                assertEachThreadsEventsInOrder(events);
                if (withObjects) {
                    assertEveryEventsObjectIsLogged(events, reopened.objectLog().entries());
                }
                for (int earlier = 0; earlier < round; earlier++) {
                    assertThat(reopened.read("crash-" + earlier)).as("an earlier round's run").isNotEmpty();
                }
            }
        }
    }

    /** Starts the child, kills it once it has reported {@code killAfter} commits; the highest seq reported. */
    private long appendUntilKilled(Path db, String run, int killAfter, boolean withObjects)
            throws IOException, InterruptedException {
        Path stderr = dir.resolve(run + ".err");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                AppendUntilKilled.class.getName(), db.toString(), run, String.valueOf(THREADS),
                withObjects ? AppendUntilKilled.WITH_OBJECTS : "")
                .redirectError(stderr.toFile())
                .start();
        long highest = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (int reported = 0; reported < killAfter; reported++) {
                String line = out.readLine();
                if (line == null) {
                    fail("the child ended after " + reported + " appends, before it was killed: "
                            + Files.readString(stderr));
                }
                highest = Math.max(highest, Long.parseLong(line));
            }
        } finally {
            child.destroyForcibly();
            child.waitFor();
        }
        return highest;
    }

    /** Each event's object was added before its append was requested, so it must have survived with it. */
    private static void assertEveryEventsObjectIsLogged(List<Event> events, List<ObjectLog.Entry> objects) {
        Set<String> logged = objects.stream().map(ObjectLog.Entry::id).collect(Collectors.toSet());
        for (Event event : events) {
            Event.LateAnswer tagged = (Event.LateAnswer) event;
            String name = tagged.role() + "/" + tagged.elapsedMillis();
            assertThat(logged).as("the object of event %s", name)
                    .contains(SqliteObjectLogTest.blob(name).id());
        }
    }

    /** Each child thread appended its events with indexes 0, 1, 2, …: each must appear once, in order. */
    private static void assertEachThreadsEventsInOrder(List<Event> events) {
        Map<String, Long> next = new HashMap<>();
        for (Event event : events) {
            Event.LateAnswer tagged = (Event.LateAnswer) event;
            long expected = next.getOrDefault(tagged.role(), 0L);
            assertThat(tagged.elapsedMillis()).as("next event of %s", tagged.role()).isEqualTo(expected);
            next.put(tagged.role(), expected + 1);
        }
    }
}
