package dev.synod.runtime.engine.internal;

import dev.synod.core.SynodException;
import dev.synod.runtime.workspace.ObjectLog;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The {@link ObjectLog} in the journal's database, table {@code objects(id, type, data)}: objects
 * are committed by the journal's writer in the same transaction as the appends requested after
 * they were added (see {@link JournalWriter}), and read back on a read connection.
 */
final class JournalObjectLog implements ObjectLog {
    private final JournalWriter writer;
    private final ReadConnections readers;
    private final Path file;

    JournalObjectLog(JournalWriter writer, ReadConnections readers, Path file) {
        this.writer = writer;
        this.readers = readers;
        this.file = file;
    }

    /**
     * {@inheritDoc}
     *
     * <p>The entry's data is kept as it is, not copied: it must not change afterwards.
     *
     * @throws IllegalStateException when the journal is closed
     */
    @Override
    public void add(Entry object) {
        if (object == null || object.id() == null || object.data() == null) {
            throw new SynodException.InvalidInput("expected a git object with an id and data to log, found " + object);
        }
        writer.addObject(object);
    }

    /** {@inheritDoc} In the order they were first logged. */
    @Override
    public List<Entry> entries() {
        return readers.read(connection -> {
            List<Entry> entries = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT id, type, data FROM objects ORDER BY rowid");
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    entries.add(new Entry(rows.getString(1), rows.getInt(2), rows.getBytes(3)));
                }
            }
            return List.copyOf(entries);
        });
    }

    /** {@inheritDoc} After the journal is closed it does nothing: the objects are flushed again next time. */
    @Override
    public void forget(Collection<String> ids) {
        writer.forgetObjects(List.copyOf(ids));
    }

    @Override
    public String toString() {
        return "JournalObjectLog[" + file + "]";
    }
}
