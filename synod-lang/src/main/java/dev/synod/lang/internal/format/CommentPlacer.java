package dev.synod.lang.internal.format;

import dev.synod.lang.internal.parse.Comment;
import dev.synod.lang.internal.parse.Token;
import dev.synod.lang.internal.parse.TokenKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Decides where each comment goes in the canonical output. A comment that follows a token on its
 * source line is a trailing comment and stays at the end of the output line that prints that token.
 * Any other comment is a whole-line comment and goes before the output line whose source it sits in,
 * or else before the output line that comes next in the source; with no such line it goes to the
 * end of the file. Every comment is placed exactly once.
 */
final class CommentPlacer {

    /**
     * Where the comments go: before line {@code i} ({@code leading}), at the end of line {@code i}
     * ({@code trailing}), or after the last line ({@code atEnd}); each list in source order.
     */
    record Placement(Map<Integer, List<Comment>> leading, Map<Integer, Comment> trailing, List<Comment> atEnd) {
        List<Comment> leadingOf(int line) {
            return leading.getOrDefault(line, List.of());
        }
    }

    private final List<Token> tokens;
    /** Output line indices with a source range, keyed by the start of that range. */
    private final TreeMap<Integer, Integer> lineByStart = new TreeMap<>();
    private final List<Line> lines;

    private CommentPlacer(List<Line> lines, List<Token> tokens) {
        this.lines = lines;
        this.tokens = tokens;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).hasSource()) {
                lineByStart.put(lines.get(i).from(), i);
            }
        }
    }

    static Placement place(List<Line> lines, List<Comment> comments, List<Token> tokens) {
        return new CommentPlacer(lines, tokens).place(comments);
    }

    private Placement place(List<Comment> comments) {
        Map<Integer, List<Comment>> leading = new TreeMap<>();
        Map<Integer, List<Comment>> trailing = new TreeMap<>();
        List<Comment> atEnd = new ArrayList<>();
        for (Comment c : comments) {
            Integer owner = trailingOwner(c);
            if (owner != null) {
                trailing.computeIfAbsent(owner, k -> new ArrayList<>()).add(c);
                continue;
            }
            owner = wholeLineOwner(c);
            if (owner == null) {
                atEnd.add(c);
            } else {
                leading.computeIfAbsent(owner, k -> new ArrayList<>()).add(c);
            }
        }
        // One output line has room for one trailing comment: when several source lines were joined
        // into it, the last comment stays at its end and the earlier ones go on their own lines above.
        Map<Integer, Comment> single = new TreeMap<>();
        trailing.forEach((line, list) -> {
            single.put(line, list.getLast());
            if (list.size() > 1) {
                List<Comment> above = leading.computeIfAbsent(line, k -> new ArrayList<>());
                above.addAll(list.subList(0, list.size() - 1));
                above.sort(Comparator.comparingInt(c -> c.span().start()));
            }
        });
        return new Placement(leading, single, atEnd);
    }

    /** The line that prints the token before {@code c} on the same source line, or null. */
    private Integer trailingOwner(Comment c) {
        Token before = tokenBefore(c.span().start());
        if (before == null || before.span().line() != c.span().line()) {
            return null;
        }
        Map.Entry<Integer, Integer> owner = lineByStart.floorEntry(before.span().start());
        return owner == null ? null : owner.getValue();
    }

    /** The line whose source range holds {@code c}, else the next line in source order, or null. */
    private Integer wholeLineOwner(Comment c) {
        int at = c.span().start();
        Map.Entry<Integer, Integer> enclosing = lineByStart.floorEntry(at);
        if (enclosing != null && at < lines.get(enclosing.getValue()).to()) {
            return enclosing.getValue();
        }
        Map.Entry<Integer, Integer> next = lineByStart.higherEntry(at);
        return next == null ? null : next.getValue();
    }

    /** The last real token that ends at or before {@code offset}, or null. */
    private Token tokenBefore(int offset) {
        int lo = 0;
        int hi = tokens.size() - 1;
        Token found = null;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Token t = tokens.get(mid);
            if (t.span().end() <= offset && t.kind() != TokenKind.EOF) {
                found = t;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }
}
