package dev.synod.lang.internal.format;

import dev.synod.lang.SourceFile;
import dev.synod.lang.internal.format.CommentPlacer.Placement;
import dev.synod.lang.internal.format.Line.Gap;
import dev.synod.lang.internal.format.Line.Kind;
import dev.synod.lang.internal.parse.Comment;
import java.util.List;

/**
 * Prints laid-out lines with their comments: indentation of two spaces a level, trailing comments
 * two spaces after the code, and blank lines where the {@link Gap} rules ask for them.
 */
final class Printer {
    private static final String INDENT = "  ";

    private final SourceFile source;
    private final StringBuilder out = new StringBuilder();
    /** The source end of what was printed last, or -1 when that has no source (or nothing was printed). */
    private int lastEnd = -1;
    private boolean printedAnything;

    private Printer(SourceFile source) {
        this.source = source;
    }

    static String print(SourceFile source, List<Line> lines, Placement placement) {
        Printer printer = new Printer(source);
        for (int i = 0; i < lines.size(); i++) {
            printer.line(lines.get(i), placement.leadingOf(i), placement.trailing().get(i));
        }
        printer.comments(placement.atEnd(), 0, Gap.PRESERVE, Gap.PRESERVE);
        return printer.out.toString();
    }

    private void line(Line line, List<Comment> leading, Comment trailing) {
        int commentDepth = line.kind() == Kind.CLOSE ? line.depth() + 1 : line.depth();
        Gap first = line.kind() == Kind.CLOSE && !leading.isEmpty() ? Gap.PRESERVE : line.before();
        Gap between = line.kind() == Kind.CONTINUATION ? Gap.NONE : Gap.PRESERVE;
        comments(leading, commentDepth, first, between);
        Gap last = leading.isEmpty() ? first : line.kind() == Kind.HEAD ? Gap.PRESERVE : Gap.NONE;
        gap(last, line.from());
        indent(line.depth()).append(line.text());
        lastEnd = line.hasSource() ? line.to() : -1;
        if (trailing != null) {
            out.append(INDENT).append(text(trailing));
            lastEnd = Math.max(lastEnd, trailing.span().end());
        }
        out.append('\n');
        printedAnything = true;
    }

    /** Whole-line comments: {@code first} before the first one, {@code between} between the others. */
    private void comments(List<Comment> comments, int depth, Gap first, Gap between) {
        Gap gap = first;
        for (Comment c : comments) {
            gap(gap, c.span().start());
            indent(depth).append(text(c)).append('\n');
            lastEnd = c.span().end();
            printedAnything = true;
            gap = between;
        }
    }

    private void gap(Gap gap, int nextStart) {
        if (!printedAnything) {
            return;
        }
        boolean blank = switch (gap) {
            case NONE -> false;
            case BLANK -> true;
            case PRESERVE -> blankLineBetween(lastEnd, nextStart);
        };
        if (blank) {
            out.append('\n');
        }
    }

    /** True when the source has an empty line between offset {@code end} and offset {@code start}. */
    private boolean blankLineBetween(int end, int start) {
        if (end <= 0 || start < 0 || end > start) {
            return false;
        }
        int from = source.lineOf(end - 1) + 1;
        int to = source.lineOf(start);
        for (int line = from; line < to; line++) {
            if (source.line(line).isBlank()) {
                return true;
            }
        }
        return false;
    }

    private StringBuilder indent(int depth) {
        return out.append(INDENT.repeat(depth));
    }

    /** The comment as written, without trailing white space. */
    static String text(Comment comment) {
        return comment.text().stripTrailing();
    }
}
