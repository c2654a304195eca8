package dev.synod.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.core.RunInfo;
import dev.synod.testkit.SampleEvents;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStorageTest {
    @TempDir
    Path runDirectory;

    @Test
    void keeps_the_journal_and_the_blobs_under_dot_synod() {
        try (LocalStorage storage = LocalStorage.open(runDirectory)) {
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
}
