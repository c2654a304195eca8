package dev.synod.runtime.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synod.core.BlobStore;
import dev.synod.core.Blobs;
import dev.synod.core.SynodException;
import dev.synod.testkit.BlobStoreContract;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileBlobStoreTest extends BlobStoreContract {
    private static final String ABC_SHA256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @TempDir
    Path root;

    @Override
    protected BlobStore newBlobStore(Path dir) {
        return FileBlobStore.open(dir.resolve(".synod/blobs"));
    }

    private static byte[] abc() {
        return "abc".getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void keeps_a_blob_at_its_hash_split_after_two_digits() throws IOException {
        FileBlobStore store = FileBlobStore.open(root);

        store.put(abc());

        Path file = root.resolve("ba").resolve(ABC_SHA256.substring(2));
        assertThat(Files.readAllBytes(file)).isEqualTo(abc());
    }

    @Test
    void leaves_only_the_blob_behind() throws IOException {
        FileBlobStore store = FileBlobStore.open(root);

        store.put(abc());
        store.put(abc());

        try (Stream<Path> files = Files.walk(root)) {
            assertThat(files.filter(Files::isRegularFile).map(root::relativize).map(Path::toString).toList())
                    .isEqualTo(List.of("ba/" + ABC_SHA256.substring(2)));
        }
    }

    @Test
    void rejects_a_blob_whose_content_changed() throws IOException {
        FileBlobStore store = FileBlobStore.open(root);
        String hash = store.put(abc());
        Path file = root.resolve("ba").resolve(hash.substring(2));
        Files.writeString(file, "abd");

        assertThatThrownBy(() -> store.get(hash))
                .isInstanceOf(SynodException.Corrupted.class)
                .hasMessageContaining(file.toString())
                .hasMessage("the blob " + hash + " is damaged: its content hashes to "
                        + Blobs.hash("abd".getBytes(StandardCharsets.UTF_8)) + " (SHA-256 of the 3 bytes at " + file + ")");
    }

    @Test
    void creates_its_root_directory() {
        Path nested = root.resolve("a/b/blobs");

        FileBlobStore store = FileBlobStore.open(nested);

        assertThat(nested).isDirectory();
        assertThat(store.root()).isEqualTo(nested.toAbsolutePath());
    }
}
