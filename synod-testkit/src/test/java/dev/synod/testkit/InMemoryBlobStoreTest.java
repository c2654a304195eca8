package dev.synod.testkit;

import dev.synod.core.BlobStore;
import java.nio.file.Path;

class InMemoryBlobStoreTest extends BlobStoreContract {
    @Override
    protected BlobStore newBlobStore(Path dir) {
        return new InMemoryBlobStore();
    }

    @Override
    protected BlobStore reopen(BlobStore previous, Path dir) {
        return previous;
    }
}
