package dev.synod.testkit;

import dev.synod.core.Journal;
import java.nio.file.Path;

class InMemoryJournalTest extends JournalContract {
    @Override
    protected Journal newJournal(Path dir) {
        return new InMemoryJournal();
    }

    @Override
    protected Journal reopen(Journal closed, Path dir) {
        return ((InMemoryJournal) closed).reopen();
    }
}
