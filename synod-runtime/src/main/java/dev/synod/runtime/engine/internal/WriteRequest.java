package dev.synod.runtime.engine.internal;

import dev.synod.core.RunInfo;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** What callers ask of the journal's writer; each carries the future its caller waits on. */
sealed interface WriteRequest {
    /** Completed with the seq of the request's last event (0 for a new run), or with its failure. */
    CompletableFuture<Long> done();

    /** Registers a run. */
    record Create(RunInfo run, CompletableFuture<Long> done) implements WriteRequest {
    }

    /** Appends events to a run. */
    record Append(String run, List<StoredEvent> events, CompletableFuture<Long> done) implements WriteRequest {
    }
}
