package dev.synod.lang.internal.format;

import dev.synod.lang.ParseResult;
import dev.synod.lang.ast.Clause;
import dev.synod.lang.ast.Item;
import dev.synod.lang.ast.Protocol;
import dev.synod.lang.ast.Stmt;
import dev.synod.lang.ast.Team;
import dev.synod.lang.internal.format.Line.Gap;
import dev.synod.lang.internal.format.Line.Kind;
import dev.synod.lang.internal.parse.Token;
import dev.synod.lang.internal.parse.TokenKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Lays a tree out as the lines of its canonical form, each with the source range of the tokens
 * it prints, so that comments can be put back beside them. The blank-line rules are documented
 * on {@link Formatter}.
 */
final class Layout {
    private static final String TOP_LEVEL_HEADER = "synod 1";

    /** Declarations whose consecutive members are not separated by a blank line. */
    private enum Group { SETTINGS, ROLES, QUESTIONS }

    private final List<Token> tokens;
    private final List<Line> lines = new ArrayList<>();

    private Layout(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** The lines of the canonical form of a parse without syntax errors, in output order. */
    static List<Line> of(ParseResult parsed) {
        Layout layout = new Layout(parsed.tokens());
        layout.file(parsed.file().team());
        return List.copyOf(layout.lines);
    }

    private void file(Team team) {
        header();
        int open = lbraceAfter(team.name().span().end());
        lines.add(new Line(0, "team " + team.name().text() + " {", team.span().start(), open, Kind.HEAD, Gap.BLANK));
        items(team.items(), 1);
        close(team.span().end(), 0);
    }

    private void header() {
        Token first = tokens.get(0);
        if (first.kind() != TokenKind.SYNOD) {
            lines.add(new Line(0, TOP_LEVEL_HEADER, -1, -1, Kind.HEAD, Gap.NONE));
            return;
        }
        Token second = tokens.get(1);
        int end = second.kind() == TokenKind.INT ? second.span().end() : first.span().end();
        lines.add(new Line(0, TOP_LEVEL_HEADER, first.span().start(), end, Kind.HEAD, Gap.NONE));
    }

    private void items(List<Item> items, int depth) {
        Item previous = null;
        for (Item item : items) {
            item(item, depth, gapBetween(previous, item));
            previous = item;
        }
    }

    private static Gap gapBetween(Item previous, Item next) {
        if (previous == null) {
            return Gap.NONE;
        }
        Group a = group(previous);
        return a != null && a == group(next) ? Gap.PRESERVE : Gap.BLANK;
    }

    private static Group group(Item item) {
        return switch (item) {
            case Item.Prompt p -> Group.SETTINGS;
            case Item.Deadline d -> Group.SETTINGS;
            case Item.Defaults d -> Group.SETTINGS;
            case Item.RoleDecl r -> Group.ROLES;
            case Item.QuestionDecl q -> Group.QUESTIONS;
            case Team t -> null;
            case Stmt s -> null;
        };
    }

    private void item(Item item, int depth, Gap before) {
        switch (item) {
            case Item.Prompt p -> head(depth, "prompt " + p.path().quoted(), p.span().start(), p.span().end(), before);
            case Item.Deadline d -> head(depth, "deadline " + d.duration().text(), d.span().start(), d.span().end(), before);
            case Item.Defaults d -> {
                StringBuilder text = new StringBuilder("defaults");
                d.within().ifPresent(w -> text.append(' ').append(CanonicalText.clause(w)));
                d.retry().ifPresent(r -> text.append(' ').append(CanonicalText.clause(r)));
                head(depth, text.toString(), d.span().start(), d.span().end(), before);
            }
            case Item.RoleDecl r -> head(depth, "role " + r.name().text()
                    + r.replicas().map(n -> "[" + n.value() + "]").orElse("")
                    + " model " + CanonicalText.names(r.models()), r.span().start(), r.span().end(), before);
            case Item.QuestionDecl q -> {
                head(depth, "question " + q.name().text() + " " + q.text().quoted(), q.span().start(),
                        q.text().span().end(), before);
                if (!q.options().isEmpty()) {
                    lines.add(new Line(depth + 1, "options " + CanonicalText.strings(q.options()),
                            q.text().span().end(), q.span().end(), Kind.CONTINUATION, Gap.NONE));
                }
            }
            case Team t -> {
                int open = lbraceAfter(t.lead().orElse(t.name()).span().end());
                head(depth, "team " + t.name().text() + t.lead().map(l -> " led by " + l.text()).orElse("") + " {",
                        t.span().start(), open, before);
                items(t.items(), depth + 1);
                close(t.span().end(), depth);
            }
            case Stmt s -> stmt(s, depth, before);
        }
    }

    private void stmt(Stmt stmt, int depth, Gap before) {
        switch (stmt) {
            case Stmt.Handoff h -> {
                int end = h.globs().isEmpty() ? h.artifact().span().end() : h.globs().getLast().span().end();
                String globs = h.globs().isEmpty() ? "" : " " + CanonicalText.strings(h.globs());
                head(depth, h.producer().text() + " -> " + CanonicalText.roles(h.receivers()) + " : "
                        + h.artifact().text() + globs, h.span().start(), end, before);
                clauses(h.clauses(), false, depth + 1);
            }
            case Stmt.Decide d -> {
                String among = d.among().map(a -> " among " + CanonicalText.roles(a.roles())).orElse("");
                String protocol = switch (d.protocol()) {
                    case Protocol.Leader l -> "leader " + l.role().text();
                    default -> d.protocol().keyword();
                };
                head(depth, "decide " + CanonicalText.names(d.questions()) + among + " by " + protocol,
                        d.span().start(), d.protocol().span().end(), before);
                clauses(d.clauses(), true, depth + 1);
            }
            case Stmt.Par p -> {
                head(depth, "par {", p.span().start(), lbraceAfter(p.span().start()), before);
                block(p.body(), depth + 1);
                close(p.span().end(), depth);
            }
            case Stmt.For f -> {
                head(depth, "for " + f.variable().text() + " in " + f.over().text() + " {", f.span().start(),
                        lbraceAfter(f.over().span().end()), before);
                block(f.body(), depth + 1);
                close(f.span().end(), depth);
            }
        }
    }

    /** Statements in a block are separated by one blank line, like statements in a team body. */
    private void block(List<Stmt> body, int depth) {
        Gap before = Gap.NONE;
        for (Stmt s : body) {
            stmt(s, depth, before);
            before = Gap.BLANK;
        }
    }

    private void clauses(List<Clause> clauses, boolean inDecide, int depth) {
        for (Clause c : CanonicalText.canonicalOrder(clauses, inDecide)) {
            lines.add(new Line(depth, CanonicalText.clause(c), c.span().start(), c.span().end(), Kind.CONTINUATION,
                    Gap.NONE));
        }
    }

    private void head(int depth, String text, int from, int to, Gap before) {
        lines.add(new Line(depth, text, from, to, Kind.HEAD, before));
    }

    /** The closing brace whose token ends at {@code end} (blocks and teams end with their brace). */
    private void close(int end, int depth) {
        lines.add(new Line(depth, "}", end - 1, end, Kind.CLOSE, Gap.NONE));
    }

    /** The end offset of the first {@code '{'} token at or after {@code offset}. */
    private int lbraceAfter(int offset) {
        int lo = 0;
        int hi = tokens.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (tokens.get(mid).span().start() < offset) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        for (int i = lo; i < tokens.size(); i++) {
            if (tokens.get(i).kind() == TokenKind.LBRACE) {
                return tokens.get(i).span().end();
            }
        }
        throw new IllegalStateException("expected '{' after offset " + offset + " in a parse without syntax errors");
    }
}
