package dev.synod.lang;

import java.util.Comparator;

/**
 * One finding of the parser or the checker: a stable code ({@code S001}…{@code S063}), its
 * severity, where it is, and a message that says what was expected and what was found.
 */
public record Diagnostic(String code, Severity severity, Span span, String message) {

    /** Orders diagnostics by position, then by code, so output is stable. */
    public static final Comparator<Diagnostic> BY_POSITION = Comparator
            .comparingInt((Diagnostic d) -> d.span().line())
            .thenComparingInt(d -> d.span().column())
            .thenComparing(Diagnostic::code)
            .thenComparing(Diagnostic::message);

    public static Diagnostic error(String code, Span span, String message) {
        return new Diagnostic(code, Severity.ERROR, span, message);
    }

    public static Diagnostic warning(String code, Span span, String message) {
        return new Diagnostic(code, Severity.WARNING, span, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /**
     * User text (a glob, a string, a path) as a message quotes it: in double quotes with
     * {@code "}, {@code \} and line breaks escaped, and at most {@value QuotedText#MAX_CHARS} of its
     * characters, then how long it was: {@code "src/aaaa…" (5000014 characters)}. Every message
     * that repeats a string the user wrote goes through here, so a 5 MB glob costs a message 80 characters.
     * Names need no cutting: the lexer rejects one longer than
     * 64 characters (docs/language.md, Lexical rules), so a message writes
     * them whole, as {@code 'dev'}.
     */
    public static String quote(String text) {
        return QuotedText.of(text);
    }
}
