package dev.synod.runtime.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synod.core.SynodException;
import dev.synod.runtime.workspace.GitRepository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A git object staged in the journal whose bytes were damaged on disk: packing it would file it
 * under another id, and the run would fail much later with a missing object. Reopening must
 * refuse, and change neither the repository nor the journal.
 */
class DamagedStagedObjectTest {
    @TempDir
    Path project;

    private Path db() {
        return project.resolve(".synod/synod.db");
    }

    private List<String> rows() throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db());
             PreparedStatement q = c.prepareStatement("SELECT id, type, data FROM objects ORDER BY rowid");
             ResultSet r = q.executeQuery()) {
            while (r.next()) {
                out.add(r.getString(1) + " " + r.getInt(2) + " " + HexFormat.of().formatHex(r.getBytes(3)));
            }
        }
        return out;
    }

    private List<String> packs() throws IOException {
        Path dir = project.resolve(".git/objects/pack");
        Files.createDirectories(dir);
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void a_damaged_staged_object_is_refused_on_reopening_and_nothing_changes() throws Exception {
        Files.writeString(project.resolve("README.md"), "# shop\n");
        Path work = project.resolve(".synod/work/dev");
        Files.createDirectories(work);
        Files.writeString(work.resolve("Shop.java"), "class Shop {}\n");
        GitRepository crashed = GitRepository.openOrInit(project);
        String blob;
        try (SqliteJournal journal = SqliteJournal.open(db())) {
            crashed.stageObjectsIn(journal.objectLog());
            crashed.commitDirectory(work, List.of(crashed.head()), "attempt");
        }
        // Closing the journal committed the staged objects with it.
        blob = rows().stream().filter(r -> r.split(" ")[1].equals("3")).map(r -> r.split(" ")[0]).findFirst()
                .orElseThrow();
        // The process dies: the journal holds the objects, git does not. Then a byte rots.
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db());
             PreparedStatement damage = c.prepareStatement("UPDATE objects SET data = ? WHERE id = ?")) {
            damage.setBytes(1, "class Shap {}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            damage.setString(2, blob);
            assertThat(damage.executeUpdate()).isEqualTo(1);
        }
        List<String> rowsBefore = rows();
        List<String> packsBefore = packs();

        try (SqliteJournal journal = SqliteJournal.open(db());
             GitRepository reopened = GitRepository.openOrInit(project)) {
            assertThatThrownBy(() -> reopened.stageObjectsIn(journal.objectLog()))
                    .isInstanceOf(SynodException.Corrupted.class)
                    .hasMessageContaining("expected git object " + blob + ", found content whose id is");
        }

        assertThat(packs()).isEqualTo(packsBefore);
        assertThat(rows()).isEqualTo(rowsBefore);
    }
}
