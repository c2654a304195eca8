package dev.synod.cli.internal;

import dev.synod.lang.Diagnostic;
import dev.synod.lang.SourceFile;
import dev.synod.lang.Span;
import java.io.PrintWriter;
import java.util.List;

/**
 * Diagnostics for people (LANGUAGE.md §6): {@code FILE:LINE:COL: error[CODE]: message}, then the
 * source line and carets under the span, and one summary line per file.
 */
final class DiagnosticText {
    /**
     * At most this many characters of a source line are shown: a line can hold a string of
     * megabytes, and its message already quotes it cut (Diagnostic.quote).
     */
    static final int MAX_LINE = 160;
    /** How much of a long line is shown before the span, for context. */
    private static final int BEFORE = 40;

    private DiagnosticText() {
    }

    /** Prints every diagnostic of one file, then its summary line. */
    static void print(PrintWriter out, SourceFile source, List<Diagnostic> diagnostics) {
        for (Diagnostic diagnostic : diagnostics) {
            printOne(out, source, diagnostic);
        }
        out.println(summary(source.name(), diagnostics));
    }

    /** One diagnostic with its source line and caret line. */
    static void printOne(PrintWriter out, SourceFile source, Diagnostic diagnostic) {
        Span span = diagnostic.span();
        String head = diagnostic.severity().word() + "[" + diagnostic.code() + "]: " + diagnostic.message();
        if (span.line() < 1) {
            // A diagnostic about the file as a whole (a synthesised node) has no place to point at.
            out.println(source.name() + ": " + head);
            return;
        }
        out.println(source.name() + ":" + span.line() + ":" + span.column() + ": " + head);
        String line = source.line(span.line());
        if (line.length() <= MAX_LINE) {
            out.println(line);
            out.println(caretLine(line, span));
            return;
        }
        // A window of the line from a little before the span, with a mark where it was cut.
        int startIndex = Math.min(span.column() - 1, line.length());
        int from = Math.max(0, startIndex - BEFORE);
        int to = Math.min(line.length(), from + MAX_LINE);
        if (to < line.length() && Character.isHighSurrogate(line.charAt(to - 1))) {
            to--;
        }
        String lead = from > 0 ? "…" : "";
        out.println(lead + line.substring(from, to) + (to < line.length() ? "… (" + line.length() + " characters)" : ""));
        String shown = lead + line.substring(from, to);
        int length = Math.min(span.end() - span.start(), to - startIndex);
        out.println(caretLine(shown, lead.length() + startIndex - from, length));
    }

    /**
     * Blanks up to the span's column (keeping tabs so the carets line up under tab-indented text)
     * and one caret per character of the span on its first line, at least one.
     */
    static String caretLine(String line, Span span) {
        return caretLine(line, Math.min(span.column() - 1, line.length()), span.end() - span.start());
    }

    /** Blanks up to {@code startIndex} of {@code line}, then carets for {@code length} characters on it, at least one. */
    private static String caretLine(String line, int startIndex, int length) {
        StringBuilder carets = new StringBuilder();
        for (int i = 0; i < startIndex; i++) {
            carets.append(line.charAt(i) == '\t' ? '\t' : ' ');
        }
        int lengthOnLine = Math.min(length, line.length() - startIndex);
        carets.append("^".repeat(Math.max(1, lengthOnLine)));
        return carets.toString();
    }

    /** {@code team.synod: ok}, or the counts: {@code team.synod: 2 errors, 1 warning}. */
    static String summary(String name, List<Diagnostic> diagnostics) {
        long errors = diagnostics.stream().filter(Diagnostic::isError).count();
        long warnings = diagnostics.size() - errors;
        if (errors == 0 && warnings == 0) {
            return name + ": ok";
        }
        String counts = errors == 0 ? plural(warnings, "warning")
                : warnings == 0 ? plural(errors, "error")
                : plural(errors, "error") + ", " + plural(warnings, "warning");
        return name + ": " + counts;
    }

    private static String plural(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
