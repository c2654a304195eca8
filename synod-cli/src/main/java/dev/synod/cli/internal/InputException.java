package dev.synod.cli.internal;

/**
 * Input or configuration Synod cannot use: a missing or unreadable file, text that is not UTF-8,
 * a malformed {@code synod.yaml}, an unknown role. Reported as one line; exit status 2.
 */
public final class InputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InputException(String message) {
        super(message);
    }

    public InputException(String message, Throwable cause) {
        super(message, cause);
    }
}
