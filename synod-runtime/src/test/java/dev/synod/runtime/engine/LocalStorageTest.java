package dev.synod.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synod.core.RunInfo;
import dev.synod.testkit.SampleEvents;
import dev.synod.core.SynodException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStorageTest {
    @TempDir
    Path runDirectory;

    @Test
    void keeps_the_journal_and_the_blobs_under_dot_synod() {
        try (LocalStorage storage = LocalStorage.openOrCreate(runDirectory)) {
            storage.journal().create(new RunInfo("r", "shop", runDirectory.toString(), SampleEvents.at(0)));
            storage.journal().append("r", List.of(SampleEvents.tagged("x", 0)));
            storage.blobs().put("transcript".getBytes(StandardCharsets.UTF_8));
        }

        assertThat(runDirectory.resolve(".synod/synod.db")).isRegularFile();
        assertThat(runDirectory.resolve(".synod/blobs")).isDirectory().isNotEmptyDirectory();
        try (LocalStorage reopened = LocalStorage.open(runDirectory)) {
            assertThat(reopened.journal().read("r")).containsExactly(SampleEvents.tagged("x", 0));
        }
    }

    @Test
    void opening_a_directory_without_runs_creates_nothing() throws IOException {
        assertThatThrownBy(() -> LocalStorage.open(runDirectory))
                .isInstanceOf(SynodException.InvalidInput.class)
                .hasMessage("no runs in " + runDirectory + "; start one with synod run");
        try (Stream<Path> entries = Files.list(runDirectory)) {
            assertThat(entries).isEmpty();
        }
    }

    @Test
    void an_empty_journal_is_refused_as_damaged_by_both_openings_and_left_empty() throws IOException {
        Files.createDirectories(runDirectory.resolve(".synod"));
        Path db = Files.write(runDirectory.resolve(LocalStorage.JOURNAL), new byte[0]);

        assertThatThrownBy(() -> LocalStorage.open(runDirectory))
                .isInstanceOf(SynodException.Corrupted.class)
                .hasMessageContaining(db + " is empty (0 bytes)");
        assertThatThrownBy(() -> LocalStorage.openOrCreate(runDirectory))
                .isInstanceOf(SynodException.Corrupted.class)
                .hasMessageContaining(db + " is empty (0 bytes)");
        assertThat(db).isEmptyFile();
        try (Stream<Path> entries = Files.list(runDirectory.resolve(".synod"))) {
            assertThat(entries).containsExactly(db);
        }
    }

    @Test
    void a_new_journal_appears_whole_with_nothing_left_beside_it() throws IOException {
        try (LocalStorage storage = LocalStorage.openOrCreate(runDirectory)) {
            assertThat(storage.journal().runs()).isEmpty();
        }

        try (Stream<Path> entries = Files.list(runDirectory.resolve(".synod"))) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("synod.db", "blobs");
        }
        try (LocalStorage reopened = LocalStorage.open(runDirectory)) {
            assertThat(reopened.journal().runs()).isEmpty();
        }
    }
}
