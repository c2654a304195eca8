package dev.synod.lang;

import dev.synod.lang.ast.StringLit;

/**
 * The one place that decides how much of the user's text a diagnostic repeats (see
 * {@link Diagnostic#quote}): a message is read by a person or an agent, and a file can hold a
 * string of megabytes. Names are not cut here: the lexer already bounds them.
 */
final class QuotedText {
    /** At most this many characters of the text itself appear in a message. */
    static final int MAX_CHARS = 80;

    private QuotedText() {
    }

    /** {@code text} escaped as a string literal is, and cut after {@link #MAX_CHARS} characters. */
    static String of(String text) {
        if (text.length() <= MAX_CHARS) {
            return StringLit.quoted(text);
        }
        int end = MAX_CHARS;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--; // never half a character
        }
        String excerpt = StringLit.quoted(text.subSequence(0, end));
        return excerpt.substring(0, excerpt.length() - 1) + "…\" (" + text.length() + " characters)";
    }
}
