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
}
