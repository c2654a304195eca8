package dev.synod.lang.internal.format;

import dev.synod.lang.ParseResult;
import java.util.List;

/**
 * Prints the canonical form of a choreography (LANGUAGE.md §8). Formatting is idempotent, and
 * parsing the output gives the input's tree (up to spans and clause order), with every comment.
 *
 * <h2>Layout</h2>
 * <ul>
 *   <li>The header {@code synod 1}, a blank line, then the team. Two spaces of indentation a level;
 *       no trailing white space; the file ends with one newline.</li>
 *   <li>One declaration or statement head per line, tokens separated by single spaces, lists as
 *       {@code a, b}: {@code role dev[3] model a, b}, {@code p -> r1, r2 : art "g1", "g2"},
 *       {@code decide q1, q2 among v1, v2 by ben_or}, {@code team t led by r {}}. Strings are
 *       re-quoted canonically; integers and durations lose leading zeros.</li>
 *   <li>Each clause on its own line, one level deeper than its head, in the order
 *       {@code reads, merges, gate, review, within, retry, else, freeze} (hand-off) or
 *       {@code reads, quorum, rounds, fallback, tolerate, within} (decide). A question's
 *       {@code options} go on their own line one level deeper, as in the example of §1;
 *       {@code defaults} stay on one line, {@code within} before {@code retry}.</li>
 * </ul>
 *
 * <h2>Blank lines</h2>
 * In any body (the team, a nested team, a {@code par} or {@code for} block):
 * <ul>
 *   <li>Consecutive declarations of one group stay together: the settings {@code prompt},
 *       {@code deadline} and {@code defaults} form one group, {@code role}s another and
 *       {@code question}s a third. Between two members of a group, a blank line is kept if the
 *       source had one or more there (several become one), as gofmt does.</li>
 *   <li>Everything else is separated by exactly one blank line: two groups, a group and a
 *       statement or nested team, two statements (also inside {@code par} and {@code for}
 *       blocks), two nested teams.</li>
 *   <li>No blank line after an opening {@code '{'}, before a closing {@code '}'}, or between a
 *       head and its clauses.</li>
 * </ul>
 *
 * <h2>Comments</h2>
 * Comment text is kept as written, without trailing white space.
 * <ul>
 *   <li>A <em>trailing</em> comment (one that follows code on its source line) stays at the end of
 *       the output line that prints the code just before it, after two spaces: a declaration, a
 *       statement head, a clause, an opening or closing brace. When several source lines joined
 *       into one output line each had a trailing comment, the last stays at the end and the
 *       others go on their own lines just above it.</li>
 *   <li>A <em>whole-line</em> comment goes on its own line just before the construct it precedes,
 *       at that construct's indentation: before a declaration, statement or block, or before a
 *       clause, which it follows when clauses are reordered. A whole-line comment inside a
 *       construct spread over several lines goes before that construct.</li>
 *   <li>Comments before a closing {@code '}'} stay at the end of the block, at the indentation of
 *       its contents; comments after the team's {@code '}'} stay at the end of the file; comments
 *       before the header stay before it.</li>
 *   <li>Blank lines among comments, and between comments and the declaration or statement they
 *       precede, are kept as they were (several become one), except among clauses, where there
 *       are none.</li>
 * </ul>
 */
public final class Formatter {
    private Formatter() {
    }

    /**
     * The canonical text of a parsed file.
     *
     * @throws IllegalArgumentException when the file has a syntax error (S001): the tree may lack
     *         statements and formatting would drop them
     */
    public static String format(ParseResult parsed) {
        if (parsed.hasSyntaxErrors()) {
            throw new IllegalArgumentException("cannot format " + parsed.source().name()
                    + ": expected a file without syntax errors, found " + parsed.diagnostics().stream()
                    .filter(d -> d.code().equals("S001")).count() + " (S001); fix them first");
        }
        List<Line> lines = Layout.of(parsed);
        CommentPlacer.Placement placement = CommentPlacer.place(lines, parsed.comments(), parsed.tokens());
        return Printer.print(parsed.source(), lines, placement);
    }
}
