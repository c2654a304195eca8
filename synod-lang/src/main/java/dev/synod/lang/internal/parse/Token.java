package dev.synod.lang.internal.parse;

import dev.synod.lang.Diagnostic;
import dev.synod.lang.Span;

/**
 * A token: its kind, the source text it covers, and for strings the unescaped value.
 */
public record Token(TokenKind kind, String text, String value, Span span) {

    /** How the token is named when it is "found" in a message. */
    public String describe() {
        return switch (kind) {
            case EOF -> "end of file";
            case STRING -> "string " + Diagnostic.quote(value);
            case IDENT -> "'" + text + "'";
            // The lexer has reported every error token already, so the parser never shows this; it
            // is cut all the same, as an error token may be a 5 MB word or the rest of a line.
            case ERROR -> "invalid text " + Diagnostic.quote(text);
            default -> kind.isKeyword() ? "keyword '" + text + "'" : "'" + text + "'";
        };
    }
}
