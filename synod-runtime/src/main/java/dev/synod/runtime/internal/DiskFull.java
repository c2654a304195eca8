package dev.synod.runtime.internal;

import dev.synod.core.SynodException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Maps a full disk, wherever in a chain of causes it surfaced (JGit wraps it as "Exception caught
 * during execution of commit command"), to a message saying what happened and what to do.
 */
public final class DiskFull {
    private DiskFull() {
    }

    /**
     * {@code failure} itself, or a {@link SynodException.Retriable} saying "no space left on device
     * in {@code where}: free some space and {@code then}" when a full disk (ENOSPC, or a disk quota)
     * caused it.
     */
    public static RuntimeException mapped(RuntimeException failure, Path where, String then) {
        return isDiskFull(failure) ? new SynodException.Retriable("no space left on device in " + where
                + ": free some space and " + then, failure) : failure;
    }

    /** Whether a full disk caused {@code failure}, by the messages of its causes. */
    public static boolean isDiskFull(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 32; t = t.getCause(), depth++) {
            String message = t.getMessage();
            if (message != null) {
                String m = message.toLowerCase(Locale.ROOT);
                if (m.contains("no space left on device") || m.contains("disk quota exceeded")) {
                    return true;
                }
            }
        }
        return false;
    }
}
