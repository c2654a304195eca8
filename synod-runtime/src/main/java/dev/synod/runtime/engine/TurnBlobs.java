package dev.synod.runtime.engine;

import dev.synod.core.BlobStore;
import dev.synod.core.Command;
import dev.synod.core.Event;
import dev.synod.core.State;
import dev.synod.core.SynodException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The blobs a resumed run reads back before it calls any model: the request and the answer of
 * every turn journaled by a command still in flight (ARCHITECTURE.md §3). A resumed agent
 * continues after those turns from their blobs; without them it could only fail its attempt, and
 * that failure would be journaled for good although the run itself did nothing wrong. So a
 * missing or damaged one stops the resume before anything is flushed, started or journaled, and
 * the same run resumes once the blob is back.
 */
public final class TurnBlobs {
    private TurnBlobs() {
    }

    /**
     * Checks that every turn blob the in-flight commands of {@code state} will read is present and
     * hashes to its name.
     *
     * @param where the blob store's directory, named in the message
     * @throws SynodException.Corrupted naming the first blob that is missing or damaged, its turn
     *     and its command
     */
    public static void verify(String run, State state, BlobStore blobs, Path where) {
        for (Command command : state.inFlight()) {
            for (Event.TurnRecorded turn : state.turns(command.id())) {
                check(run, turn, turn.request(), "what was sent to the model", blobs, where);
                check(run, turn, turn.response(), "the model's answer", blobs, where);
            }
        }
    }

    private static void check(String run, Event.TurnRecorded turn, String hash, String holds, BlobStore blobs,
                              Path where) {
        String blob = "run " + run + ": blob " + hash + " of turn " + turn.turn() + " of " + turn.command()
                + " (it holds " + holds + ")";
        String then = "; put it back and run synod resume again";
        Optional<byte[]> content;
        try {
            content = blobs.get(hash);
        } catch (SynodException.Corrupted damaged) {
            throw new SynodException.Corrupted(blob + " cannot be read: " + damaged.getMessage() + then, damaged);
        }
        if (content.isEmpty()) {
            throw new SynodException.Corrupted(blob + " is missing from " + where + then, null);
        }
    }
}
