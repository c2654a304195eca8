package dev.synod.core;

/**
 * The one unchecked root of Synod's errors, split by what the caller should do: fix the input,
 * try again, or report a bug. Messages say what was expected, what was found, and where.
 */
public sealed class SynodException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected SynodException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Bad input or configuration: the user must change something (exit status 2). */
    public static final class InvalidInput extends SynodException {
        private static final long serialVersionUID = 1L;

        public InvalidInput(String message) {
            super(message, null);
        }

        public InvalidInput(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A passing fault (a provider's 429, a busy database): trying again may succeed. */
    public static final class Retriable extends SynodException {
        private static final long serialVersionUID = 1L;

        public Retriable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Stored state that cannot be trusted (a corrupted journal): never silently repaired. */
    public static final class Corrupted extends SynodException {
        private static final long serialVersionUID = 1L;

        public Corrupted(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
