package dev.synod.runtime.agents.model.internal;

/**
 * A provider answered with success, but not in its API's shape ({@link AnswerShape}); the message
 * says what was expected and found. Trying the same call again will not help.
 */
final class MalformedAnswerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MalformedAnswerException(String message) {
        super(message);
    }
}
