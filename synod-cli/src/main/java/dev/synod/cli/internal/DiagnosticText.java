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
        out.println(line);
        out.println(caretLine(line, span));
    }

    /**
     * Blanks up to the span's column (keeping tabs so the carets line up under tab-indented text)
     * and one caret per character of the span on its first line, at least one.
     */
    static String caretLine(String line, Span span) {
        int startIndex = Math.min(span.column() - 1, line.length());
        StringBuilder carets = new StringBuilder();
        for (int i = 0; i < startIndex; i++) {
            carets.append(line.charAt(i) == '\t' ? '\t' : ' ');
        }
        int lengthOnLine = Math.min(span.end() - span.start(), line.length() - startIndex);
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
