package dev.synod.runtime.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synod.core.Event;
import dev.synod.core.RunInfo;
import dev.synod.core.SynodException;
import dev.synod.testkit.SampleEvents;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A write that fails (here a database capped by {@code max_page_count}, which SQLite reports as
 * SQLITE_FULL exactly as it does a full disk) fails its appends clearly, writes nothing of them,
 * and leaves the journal usable.
 */
class SqliteJournalFullDiskTest {
    private static final int MAX_PAGES = 16;

    @TempDir
    Path dir;

    @Test
    void a_full_disk_fails_the_append_whole_and_leaves_the_journal_usable() {
        Path db = dir.resolve(".synod/synod.db");
        Event small = SampleEvents.tagged("small", 0);
        Event after = SampleEvents.tagged("after", 1);
        try (SqliteJournal journal = SqliteJournal.open(db, MAX_PAGES, SqliteJournal.UNBOUNDED_BATCH)) {
            journal.create(new RunInfo("r", "shop", dir.toString(), SampleEvents.at(0)));
            journal.append("r", List.of(small));
            List<Event> tooMuch = Collections.nCopies(40, SampleEvents.sized(4096));

            assertThatThrownBy(() -> journal.append("r", tooMuch))
                    .isInstanceOf(SynodException.Retriable.class)
                    .hasMessageContaining("could not write the journal at " + db.toAbsolutePath())
                    .hasMessageContaining("SQLITE_FULL");

            assertThat(journal.read("r")).as("nothing of the failed append").containsExactly(small);
            assertThat(journal.append("r", List.of(after))).as("the failed append took no seq").isEqualTo(2);
        }
        try (SqliteJournal reopened = SqliteJournal.open(db)) {
            assertThat(reopened.read("r")).containsExactly(small, after);
        }
    }
}
