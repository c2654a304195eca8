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
            case IDENT -> Diagnostic.name(text);
            case ERROR -> "invalid character " + Diagnostic.name(text);
            default -> kind.isKeyword() ? "keyword '" + text + "'" : Diagnostic.name(text);
        };
    }
}
