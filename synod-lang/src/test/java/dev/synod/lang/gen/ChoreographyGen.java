package dev.synod.lang.gen;

import dev.synod.lang.Span;
import dev.synod.lang.ast.StringLit;
import dev.synod.lang.internal.parse.TokenKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Random choreographies that are syntactically valid (no S001, no S002) but need not check: names
 * come from a small pool, so they often but not always resolve. Every construct of the grammar
 * (LANGUAGE.md §3) appears: nested teams, {@code par} and {@code for} blocks, decides with every
 * protocol, all clause kinds in random order, escapes in strings, leading zeros in numbers.
 *
 * <p>{@link #files()} lays the tokens out with random white space, blank lines, CRLF line ends
 * and {@code //} comments between any two tokens; {@link #tokenStreams()} gives the tokens alone
 * for tests that want their own layout ({@link #layout(List)}, {@link #plain(List)}).
 * Reuse these in fuzz tests and checker properties:
 *
 * <pre>
 * &#64;Property
 * void check_never_throws(&#64;ForAll("files") String text) { … }
 *
 * &#64;Provide
 * Arbitrary&lt;String&gt; files() { return ChoreographyGen.files(); }
 * </pre>
 */
public final class ChoreographyGen {
    private static final Set<String> PUNCTUATION = Set.of("{", "}", "[", "]", ",", ":", ".", "->", "*");
    private static final int STATEMENT_DEPTH = 2;

    private ChoreographyGen() {
    }

    /** Whole files, messily laid out, with comments in random places. */
    public static Arbitrary<String> files() {
        return tokenStreams().flatMap(ChoreographyGen::layout);
    }

    /** Whole files as their tokens in order, from {@code synod} to the team's closing brace. */
    public static Arbitrary<List<String>> tokenStreams() {
        return seq(lit("synod"), version(), lit("team"), name(), lit("{"), teamItems(true, 2), lit("}"));
    }

    /** The tokens separated by single spaces. */
    public static String plain(List<String> tokens) {
        return String.join(" ", tokens);
    }

    /** The tokens with random white space and comments between them (and before and after them). */
    public static Arbitrary<String> layout(List<String> tokens) {
        return separator().list().ofSize(tokens.size() + 1).map(separators -> {
            StringBuilder out = new StringBuilder(separators.get(0));
            for (int i = 0; i < tokens.size(); i++) {
                out.append(tokens.get(i));
                String sep = separators.get(i + 1);
                boolean last = i + 1 == tokens.size();
                if (sep.isEmpty() && !last && !mayTouch(tokens.get(i), tokens.get(i + 1))) {
                    sep = " ";
                }
                out.append(sep);
            }
            return out.toString();
        });
    }

    // ---- team bodies ----

    private static Arbitrary<List<String>> teamItems(boolean top, int teamDepth) {
        List<Arbitrary<List<String>>> once = new ArrayList<>();
        if (top) {
            once.add(maybe(seq(lit("prompt"), string())));
            once.add(maybe(seq(lit("deadline"), duration())));
        }
        once.add(maybe(defaults()));
        Arbitrary<List<List<String>>> settings = Combinators.combine(once).as(l -> l.stream().filter(x -> !x.isEmpty()).toList());
        Arbitrary<List<List<String>>> roles = role().list().ofMaxSize(top ? 5 : 3);
        Arbitrary<List<List<String>>> questions = question().list().ofMaxSize(top ? 3 : 2);
        Arbitrary<List<List<String>>> teams = teamDepth > 0 ? subteam(teamDepth - 1).list().ofMaxSize(top ? 2 : 1)
                : Arbitraries.just(List.of());
        Arbitrary<List<List<String>>> stmts = stmt(STATEMENT_DEPTH).list().ofMaxSize(top ? 6 : 3);
        return Combinators.combine(settings, roles, questions, teams, stmts)
                .as((a, b, c, d, e) -> Stream.of(a, b, c, d, e).flatMap(List::stream).toList())
                .flatMap(ChoreographyGen::shuffled);
    }

    private static Arbitrary<List<String>> subteam(int teamDepth) {
        return seq(lit("team"), name(), maybe(seq(lit("led", "by"), name())), lit("{"), teamItems(false, teamDepth), lit("}"));
    }

    private static Arbitrary<List<String>> defaults() {
        Arbitrary<List<List<String>>> timings = Arbitraries.of(List.of(within()), List.of(retry()), List.of(within(), retry()))
                .flatMap(parts -> Combinators.combine(parts).as(List::copyOf));
        return seq(lit("defaults"), timings.flatMap(ChoreographyGen::shuffled));
    }

    private static Arbitrary<List<String>> role() {
        return seq(lit("role"), name(), maybe(seq(lit("["), integer(), lit("]"))), lit("model"), commaList(name(), 3));
    }

    private static Arbitrary<List<String>> question() {
        return seq(lit("question"), name(), string(), maybe(seq(lit("options"), commaList(string(), 3))));
    }

    // ---- statements ----

    private static Arbitrary<List<String>> stmt(int depth) {
        if (depth <= 0) {
            return Arbitraries.frequencyOf(Tuple.of(4, handoff()), Tuple.of(1, decide()));
        }
        return Arbitraries.frequencyOf(Tuple.of(6, handoff()), Tuple.of(2, decide()), Tuple.of(2, par(depth - 1)),
                Tuple.of(2, forLoop(depth - 1)));
    }

    private static Arbitrary<List<String>> block(int depth) {
        return seq(lit("{"), stmt(depth).list().ofMaxSize(3).map(ChoreographyGen::flatten), lit("}"));
    }

    private static Arbitrary<List<String>> par(int depth) {
        return seq(lit("par"), block(depth));
    }

    private static Arbitrary<List<String>> forLoop(int depth) {
        return seq(lit("for"), name(), lit("in"), roleRef(), block(depth));
    }

    private static Arbitrary<List<String>> handoff() {
        Arbitrary<List<String>> artDecl = seq(name(), maybe(seq(lit("["), name(), lit("]"))));
        Arbitrary<List<String>> elseClause = Arbitraries.oneOf(lit("else", "fail"),
                seq(lit("else", "escalate"), commaList(roleRef(), 2)));
        return seq(roleRef(), lit("->"), commaList(roleRef(), 3), lit(":"), artDecl, maybe(commaList(glob(), 3)),
                shuffledClauses(List.of(
                        seq(lit("reads"), commaList(artRef(), 3)),
                        seq(lit("merges"), commaList(artRef(), 3)),
                        seq(lit("gate"), commaList(seq(name(), maybe(glob())), 3)),
                        seq(lit("review"), commaList(roleRef(), 2)),
                        elseClause,
                        lit("freeze"),
                        within(),
                        retry())));
    }

    private static Arbitrary<List<String>> decide() {
        Arbitrary<List<String>> protocol = Arbitraries.oneOf(seq(lit("leader"), roleRef()), lit("vote"), lit("ben_or"));
        return seq(lit("decide"), commaList(name(), 3), maybe(seq(lit("among"), commaList(roleRef(), 3))),
                lit("by"), protocol,
                shuffledClauses(List.of(
                        seq(lit("reads"), commaList(artRef(), 2)),
                        seq(lit("quorum"), integer()),
                        seq(lit("rounds"), integer()),
                        seq(lit("fallback"), roleRef()),
                        seq(lit("tolerate"), integer(), Arbitraries.of("crash", "byzantine").map(List::of)),
                        within())));
    }

    private static Arbitrary<List<String>> within() {
        return seq(lit("within"), duration());
    }

    private static Arbitrary<List<String>> retry() {
        return seq(lit("retry"), integer());
    }

    // ---- references ----

    private static Arbitrary<List<String>> roleRef() {
        Arbitrary<List<String>> index = Arbitraries.oneOf(seq(lit("["), integer(), lit("]")), lit("[", "*", "]"));
        return Arbitraries.frequencyOf(
                Tuple.of(1, lit("human")),
                Tuple.of(1, lit("all")),
                Tuple.of(6, name()),
                Tuple.of(3, seq(name(), index)),
                Tuple.of(1, seq(name(), lit("."), name(), maybe(index))));
    }

    private static Arbitrary<List<String>> artRef() {
        return seq(name(), maybe(Arbitraries.oneOf(seq(lit("["), name(), lit("]")), lit("[", "*", "]"))));
    }

    // ---- terminals ----

    private static Arbitrary<List<String>> name() {
        Arbitrary<String> pool = Arbitraries.of("a", "b", "d", "t", "dev", "lead", "tester", "architect", "impl", "api",
                "plan", "money", "errors", "default", "critic", "x_1", "_y");
        Arbitrary<String> fresh = Combinators.combine(Arbitraries.chars().range('a', 'z').with('_'),
                        Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').withChars('_').ofMaxLength(6))
                .as((first, rest) -> first + rest)
                .filter(word -> TokenKind.keyword(word) == null);
        return Arbitraries.frequencyOf(Tuple.of(5, pool), Tuple.of(1, fresh)).map(List::of);
    }

    private static Arbitrary<List<String>> version() {
        return Arbitraries.just(List.of("1"));
    }

    private static Arbitrary<List<String>> integer() {
        Arbitrary<Integer> value = Arbitraries.integers().between(0, 120);
        return Arbitraries.frequencyOf(Tuple.of(9, value.map(String::valueOf)), Tuple.of(1, value.map(v -> "00" + v)))
                .map(List::of);
    }

    private static Arbitrary<List<String>> duration() {
        return Combinators.combine(integer(), Arbitraries.of("s", "m", "h")).as((n, unit) -> List.of(n.get(0) + unit));
    }

    /**
     * A well-formed path glob: segments of names, {@code *}, {@code ?}, {@code **} and small
     * braces. Globs are checked when a file is parsed, so free text would be S001 (gate
     * arguments use globs too: {@code test} and {@code exists} take one).
     */
    private static Arbitrary<List<String>> glob() {
        Arbitrary<String> word = Arbitraries.strings().withCharRange('a', 'z').withChars("_.-").ofMinLength(1).ofMaxLength(5)
                .filter(w -> !w.equals(".") && !w.equals(".."));
        Arbitrary<String> segment = Arbitraries.oneOf(word, word.map(w -> w + "*"), word.map(w -> "*." + w),
                Arbitraries.just("*"), Arbitraries.just("**"), word.map(w -> w + "?"),
                Combinators.combine(word, word).as((a, b) -> "{" + a + "," + b + "}"));
        return segment.list().ofMinSize(1).ofMaxSize(4).map(parts -> String.join("/", parts))
                .map(value -> new StringLit(value, Span.NONE).quoted()).map(List::of);
    }

    private static Arbitrary<List<String>> string() {
        return Arbitraries.strings().withCharRange('a', 'z').withChars(" /*{}.-_\"\\\n\té→").ofMaxLength(12)
                .map(value -> new StringLit(value, Span.NONE).quoted()).map(List::of);
    }

    // ---- layout ----

    private static Arbitrary<String> separator() {
        Arbitrary<String> comment = Arbitraries.strings().withCharRange('a', 'z')
                .withChars(" /*{}\"-><:,.é→\t").ofMaxLength(16).map(text -> "//" + text);
        Arbitrary<String> indent = Arbitraries.strings().withChars(' ').ofMaxLength(6);
        return Arbitraries.frequencyOf(
                Tuple.of(30, Arbitraries.just(" ")),
                Tuple.of(15, indent.map(i -> "\n" + i)),
                Tuple.of(8, Arbitraries.just("")),
                Tuple.of(4, indent.map(i -> "\n\n" + i)),
                Tuple.of(1, Arbitraries.just("\n  \n\n\t")),
                Tuple.of(2, Arbitraries.just("\t")),
                Tuple.of(1, Arbitraries.just("\r\n")),
                Tuple.of(5, comment.map(c -> " " + c + "\n")),
                Tuple.of(5, Combinators.combine(indent, comment).as((i, c) -> "\n" + i + c + "\n" + i)),
                Tuple.of(2, comment.map(c -> "\n\n" + c + "\r\n")),
                Tuple.of(2, Combinators.combine(comment, comment).as((c1, c2) -> "\n" + c1 + "\n\n" + c2 + "\n")));
    }

    /** Whether two tokens may stand with nothing between them and still lex as two tokens. */
    private static boolean mayTouch(String left, String right) {
        return PUNCTUATION.contains(left) || PUNCTUATION.contains(right) || left.startsWith("\"") || right.startsWith("\"");
    }

    // ---- combinators ----

    private static Arbitrary<List<String>> lit(String... tokens) {
        return Arbitraries.just(List.of(tokens));
    }

    @SafeVarargs
    private static Arbitrary<List<String>> seq(Arbitrary<List<String>>... parts) {
        return Combinators.combine(List.of(parts)).as(ChoreographyGen::flatten);
    }

    private static Arbitrary<List<String>> maybe(Arbitrary<List<String>> part) {
        return Arbitraries.oneOf(Arbitraries.just(List.of()), part);
    }

    private static Arbitrary<List<String>> commaList(Arbitrary<List<String>> element, int max) {
        return element.list().ofMinSize(1).ofMaxSize(max).map(items -> {
            List<String> out = new ArrayList<>();
            for (List<String> item : items) {
                if (!out.isEmpty()) {
                    out.add(",");
                }
                out.addAll(item);
            }
            return out;
        });
    }

    /** Each present clause once, in random order. */
    private static Arbitrary<List<String>> shuffledClauses(List<Arbitrary<List<String>>> clauses) {
        return Combinators.combine(clauses.stream().map(ChoreographyGen::maybe).toList())
                .as(all -> all.stream().filter(c -> !c.isEmpty()).toList())
                .flatMap(ChoreographyGen::shuffled);
    }

    private static Arbitrary<List<String>> shuffled(List<List<String>> parts) {
        return Arbitraries.shuffle(parts).map(ChoreographyGen::flatten);
    }

    private static List<String> flatten(List<List<String>> parts) {
        return parts.stream().flatMap(List::stream).toList();
    }
}
