package dev.synod.runtime.engine.internal;

import dev.synod.core.Journal;
import dev.synod.testkit.JournalContract;
import java.nio.file.Path;

class SqliteJournalTest extends JournalContract {
    @Override
    protected Journal newJournal(Path dir) {
        return SqliteJournal.open(dir.resolve(".synod/synod.db"));
    }
}
