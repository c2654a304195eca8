package dev.synod.runtime.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConnection;

class JournalDatabaseTest {
    @TempDir
    Path dir;

    @Test
    void the_writer_asks_for_no_generated_keys_so_an_insert_is_not_followed_by_a_query_of_its_row_id() throws Exception {
        try (Connection writer = JournalDatabase.at(dir.resolve("synod.db"), 0).openWriter()) {
            assertThat(writer.unwrap(SQLiteConnection.class).getConnectionConfig().isGetGeneratedKeys()).isFalse();
        }
    }
}
