package dev.synod.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synod.core.BlobStore;
import dev.synod.core.SynodException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contract of {@link BlobStore}: every implementation's test subclasses this and supplies
 * {@link #newBlobStore(Path)}. It checks that blobs are named by their SHA-256, come back
 * intact, are stored once however often they are put, and survive a reopen.
 */
public abstract class BlobStoreContract {
    private static final String ABC_SHA256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    // Not private: JUnit injects it into this superclass of the implementation's test.
    @TempDir
    Path dir;

    /** A new, empty blob store that keeps its blobs under {@code dir}. */
    protected abstract BlobStore newBlobStore(Path dir);

    /**
     * The store under {@code dir} opened again, as after a restart. Persistent stores need not
     * override this; in-memory ones hand back {@code previous}.
     */
    protected BlobStore reopen(BlobStore previous, Path dir) {
        return newBlobStore(dir);
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    @Test
    void names_a_blob_by_the_sha256_of_its_content() {
        BlobStore store = newBlobStore(dir);

        assertThat(store.put("abc".getBytes(StandardCharsets.US_ASCII))).isEqualTo(ABC_SHA256);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 4096, 1 << 20})
    void gives_back_what_was_put(int size) {
        BlobStore store = newBlobStore(dir);
        byte[] content = random(size);

        String hash = store.put(content);

        assertThat(store.get(hash)).hasValueSatisfying(found -> assertThat(found).isEqualTo(content));
    }

    @Test
    void putting_the_same_content_twice_keeps_one_blob() {
        BlobStore store = newBlobStore(dir);
        byte[] content = random(100);

        String first = store.put(content);
        String second = store.put(content.clone());

        assertThat(second).isEqualTo(first);
        assertThat(store.get(first)).hasValueSatisfying(found -> assertThat(found).isEqualTo(content));
    }

    @Test
    void is_not_changed_by_the_callers_arrays() {
        BlobStore store = newBlobStore(dir);
        byte[] content = random(16);
        byte[] original = content.clone();
        String hash = store.put(content);

        content[0] ^= 1;
        store.get(hash).orElseThrow()[1] ^= 1;

        assertThat(store.get(hash)).hasValueSatisfying(found -> assertThat(found).isEqualTo(original));
    }

    @Test
    void has_nothing_for_an_unknown_hash() {
        BlobStore store = newBlobStore(dir);

        assertThat(store.get(ABC_SHA256)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD",
            "../../../../../../../../../../../../../../../../../../../../../../../etc/passwd"})
    void rejects_a_malformed_hash(String hash) {
        BlobStore store = newBlobStore(dir);

        assertThatThrownBy(() -> store.get(hash))
                .isInstanceOf(SynodException.InvalidInput.class)
                .hasMessageContaining("\"" + hash + "\"");
    }

    @Test
    @Timeout(30)
    void concurrent_puts_of_the_same_content_agree() throws Exception {
        BlobStore store = newBlobStore(dir);
        byte[] content = random(64 * 1024);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> hashes = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            for (int i = 0; i < 16; i++) {
                hashes.add(pool.submit(() -> {
                    start.await();
                    return store.put(content);
                }));
            }
            start.countDown();
        }

        for (Future<String> hash : hashes) {
            assertThat(hash.get(10, TimeUnit.SECONDS)).isEqualTo(hashes.getFirst().get());
        }
        assertThat(store.get(hashes.getFirst().get()))
                .hasValueSatisfying(found -> assertThat(found).isEqualTo(content));
    }

    @Test
    void keeps_blobs_across_a_reopen() {
        BlobStore first = newBlobStore(dir);
        byte[] content = random(1000);
        String hash = first.put(content);

        BlobStore second = reopen(first, dir);

        assertThat(second.get(hash)).hasValueSatisfying(found -> assertThat(found).isEqualTo(content));
    }
}
