package dev.synod.lang.internal.parse;

import dev.synod.lang.Diagnostic;
import dev.synod.lang.ParseResult;
import dev.synod.lang.SourceFile;
import dev.synod.lang.Span;
import dev.synod.lang.ast.ArtDecl;
import dev.synod.lang.ast.ArtRef;
import dev.synod.lang.ast.Clause;
import dev.synod.lang.ast.Duration;
import dev.synod.lang.ast.FaultKind;
import dev.synod.lang.ast.GateRef;
import dev.synod.lang.ast.IntLit;
import dev.synod.lang.ast.Item;
import dev.synod.lang.ast.Name;
import dev.synod.lang.ast.Protocol;
import dev.synod.lang.ast.RoleRef;
import dev.synod.lang.ast.Stmt;
import dev.synod.lang.ast.StringLit;
import dev.synod.lang.ast.Subscript;
import dev.synod.lang.ast.SynodFile;
import dev.synod.lang.ast.Team;
import dev.synod.lang.internal.glob.Glob;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Recursive-descent parser for the grammar of LANGUAGE.md §3, one method per rule. After a
 * syntax error it drops the statement in error, skips to the next token that can begin an item
 * and goes on, so one run reports every S001 of a file.
 */
public final class Parser {

    /** Keywords that begin an item: the recovery points besides {@code p ->} and {@code '}'}. */
    private static final Set<TokenKind> ITEM_KEYWORDS = EnumSet.of(TokenKind.ROLE, TokenKind.QUESTION,
            TokenKind.DEFAULTS, TokenKind.PROMPT, TokenKind.DEADLINE, TokenKind.TEAM, TokenKind.DECIDE,
            TokenKind.PAR, TokenKind.FOR);

    private static final Set<TokenKind> HANDOFF_CLAUSES = EnumSet.of(TokenKind.READS, TokenKind.MERGES,
            TokenKind.GATE, TokenKind.REVIEW, TokenKind.ELSE, TokenKind.FREEZE, TokenKind.WITHIN, TokenKind.RETRY);

    private static final Set<TokenKind> DECIDE_CLAUSES = EnumSet.of(TokenKind.READS, TokenKind.QUORUM,
            TokenKind.ROUNDS, TokenKind.FALLBACK, TokenKind.TOLERATE, TokenKind.WITHIN);

    /**
     * How deep {@code par}, {@code for} and nested team bodies may nest. The parser and the
     * checker recurse once per level, so deeper input is an S001 instead of a stack overflow.
     */
    public static final int MAX_NESTING = 100;

    /** Thrown to unwind to the nearest item loop after an S001 has been recorded. */
    private static final class SyntaxError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SyntaxError() {
            super(null, null, false, false);
        }
    }

    private final SourceFile source;
    private final List<Token> tokens;
    private final List<Comment> comments;
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private int pos;
    private int depth;
    /** Where an S001 has been reported: the first {@code indexed} diagnostics, by start offset. */
    private final Set<Integer> syntaxErrorStarts = new HashSet<>();
    private int indexed;

    private Parser(SourceFile source, Lexer.Result lexed) {
        this.source = source;
        this.tokens = lexed.tokens();
        this.comments = lexed.comments();
        this.diagnostics.addAll(lexed.diagnostics());
    }

    /** Lexes and parses one file. Never throws for bad input: every problem is a diagnostic. */
    public static ParseResult parse(SourceFile source) {
        Parser parser = new Parser(source, new Lexer(source).lex());
        SynodFile file = parser.file();
        return new ParseResult(source, file, parser.comments, parser.tokens, parser.diagnostics);
    }

    // file = "synod" INT team EOF ;
    private SynodFile file() {
        int version = header();
        Team team;
        try {
            team = topTeam();
        } catch (SyntaxError e) {
            team = new Team(new Name("", Span.NONE), Optional.empty(), List.of(), Span.NONE);
            pos = tokens.size() - 1;
        }
        if (!check(TokenKind.EOF)) {
            error(peek(), "expected end of file after the team's closing '}', found " + peek().describe()
                    + " (a file holds one team)");
        }
        return new SynodFile(version, team, source.span(0, source.text().length()));
    }

    private int header() {
        Token first = peek();
        if (first.kind() != TokenKind.SYNOD) {
            diagnostics.add(Diagnostic.error("S002", first.span(),
                    "expected the header 'synod 1' at the start of the file, found " + first.describe()));
            skipToTeam();
            return 1;
        }
        advance();
        Token version = peek();
        if (version.kind() != TokenKind.INT) {
            diagnostics.add(Diagnostic.error("S002", version.span(),
                    "expected the language version after 'synod' (this Synod reads version 1), found " + version.describe()));
            skipToTeam();
            return 1;
        }
        advance();
        if (!version.text().equals("1")) {
            diagnostics.add(Diagnostic.error("S002", version.span(),
                    "unsupported language version " + version.text() + ": this Synod reads version 1"));
        }
        return 1;
    }

    /**
     * A wrong header is S002 alone (LANGUAGE.md §3): whatever stands in its place, up to the
     * team, is skipped, and parsing goes on as if {@code synod 1} were there.
     */
    private void skipToTeam() {
        while (!check(TokenKind.TEAM) && !check(TokenKind.EOF)) {
            advance();
        }
    }

    // team = "team" IDENT "{" { top_item } "}" ;
    private Team topTeam() {
        Token start = expect(TokenKind.TEAM, "expected 'team NAME {' after the header");
        Name name = name("team name");
        if (check(TokenKind.LED)) {
            error(peek(), "expected '{' after the team name, found 'led' (only a nested team has a lead)");
        }
        expect(TokenKind.LBRACE, "expected '{' after the team name");
        List<Item> items = items(Context.TOP);
        Token end = expect(TokenKind.RBRACE, "expected '}' after the team body");
        return new Team(name, Optional.empty(), items, start.span().to(end.span()));
    }

    /** Where an item list stands, which decides what it may hold. */
    private enum Context { TOP, SUBTEAM, BLOCK }

    private List<Item> items(Context context) {
        List<Item> items = new ArrayList<>();
        Map<TokenKind, Token> seenOnce = new HashMap<>();
        while (!check(TokenKind.RBRACE) && !check(TokenKind.EOF)) {
            int start = pos;
            try {
                Item item = item(context, seenOnce);
                if (item != null) {
                    items.add(item);
                }
            } catch (SyntaxError e) {
                synchronize(start);
            }
        }
        return items;
    }

    // top_item = "prompt" STRING | "deadline" DURATION | item ;
    // item = defaults | role | question | subteam | stmt ;
    private Item item(Context context, Map<TokenKind, Token> seenOnce) {
        Token t = peek();
        Item item = switch (t.kind()) {
            case PROMPT -> prompt();
            case DEADLINE -> deadline();
            case DEFAULTS -> defaults();
            case ROLE -> role();
            case QUESTION -> question();
            case TEAM -> subteam();
            default -> stmt();
        };
        if ((t.kind() == TokenKind.PROMPT || t.kind() == TokenKind.DEADLINE) && context != Context.TOP) {
            diagnostics.add(Diagnostic.error("S001", t.span(), "expected '" + t.text()
                    + "' only in the top-level team, found it " + (context == Context.BLOCK ? "inside a block" : "in a nested team")));
            return null;
        }
        if (context == Context.BLOCK && !(item instanceof Stmt)) {
            diagnostics.add(Diagnostic.error("S001", t.span(), "expected a statement (a hand-off, decide, par or for) inside "
                    + "a block, found a " + describeItem(t.kind()) + "; declarations belong to a team body"));
            return null;
        }
        if (t.kind() == TokenKind.PROMPT || t.kind() == TokenKind.DEADLINE || t.kind() == TokenKind.DEFAULTS) {
            Token earlier = seenOnce.putIfAbsent(t.kind(), t);
            if (earlier != null) {
                diagnostics.add(Diagnostic.error("S001", t.span(), "expected at most one '" + t.text()
                        + "' per team, found a second (the first is at line " + earlier.span().line() + ")"));
                return null;
            }
        }
        return item;
    }

    private static String describeItem(TokenKind kind) {
        return switch (kind) {
            case DEFAULTS -> "'defaults' declaration";
            case ROLE -> "role declaration";
            case QUESTION -> "question declaration";
            case TEAM -> "nested team";
            default -> "'" + kind.keyword() + "' declaration";
        };
    }

    private Item prompt() {
        Token start = advance();
        StringLit path = string("expected the prompt file's path as a string after 'prompt'");
        return new Item.Prompt(path, start.span().to(path.span()));
    }

    private Item deadline() {
        Token start = advance();
        Duration d = duration("expected a duration such as 6h after 'deadline'");
        return new Item.Deadline(d, start.span().to(d.span()));
    }

    // "defaults" timing { timing } ;
    private Item defaults() {
        Token start = advance();
        Clause.Within within = null;
        Clause.Retry retry = null;
        Span span = start.span();
        if (!check(TokenKind.WITHIN) && !check(TokenKind.RETRY)) {
            throw error(peek(), "expected 'within DURATION' or 'retry N' after 'defaults', found " + peek().describe());
        }
        while (check(TokenKind.WITHIN) || check(TokenKind.RETRY)) {
            Clause c = timing();
            span = span.to(c.span());
            if (c instanceof Clause.Within w) {
                if (within != null) {
                    duplicateClause("defaults", c, within);
                } else {
                    within = w;
                }
            } else if (c instanceof Clause.Retry r) {
                if (retry != null) {
                    duplicateClause("defaults", c, retry);
                } else {
                    retry = r;
                }
            }
        }
        return new Item.Defaults(Optional.ofNullable(within), Optional.ofNullable(retry), span);
    }

    // timing = "within" DURATION | "retry" INT ;
    private Clause timing() {
        Token kw = advance();
        if (kw.kind() == TokenKind.WITHIN) {
            Duration d = duration("expected a duration such as 15m after 'within'");
            return new Clause.Within(d, kw.span().to(d.span()));
        }
        IntLit n = integer("expected the number of retries after 'retry'");
        return new Clause.Retry(n, kw.span().to(n.span()));
    }

    // "role" IDENT [ "[" INT "]" ] "model" IDENT { "," IDENT } ;
    private Item role() {
        Token start = advance();
        Name name = name("role name");
        Optional<IntLit> replicas = Optional.empty();
        if (match(TokenKind.LBRACKET)) {
            replicas = Optional.of(integer("expected the number of replicas between '[' and ']'"));
            expect(TokenKind.RBRACKET, "expected ']' after the number of replicas");
        }
        expect(TokenKind.MODEL, "expected 'model ALIAS' after the role name");
        List<Name> models = new ArrayList<>();
        models.add(name("model alias"));
        while (match(TokenKind.COMMA)) {
            models.add(name("model alias"));
        }
        return new Item.RoleDecl(name, replicas, models, start.span().to(models.get(models.size() - 1).span()));
    }

    // "question" IDENT STRING [ "options" STRING { "," STRING } ] ;
    private Item question() {
        Token start = advance();
        Name name = name("question name");
        StringLit text = string("expected the question's text as a string after its name");
        List<StringLit> options = new ArrayList<>();
        Span end = text.span();
        if (match(TokenKind.OPTIONS)) {
            options.add(string("expected an option as a string after 'options'"));
            while (match(TokenKind.COMMA)) {
                options.add(string("expected an option as a string after ','"));
            }
            end = options.get(options.size() - 1).span();
        }
        return new Item.QuestionDecl(name, text, options, start.span().to(end));
    }

    // subteam = "team" IDENT [ "led" "by" IDENT ] "{" { item } "}" ;
    private Item subteam() {
        Token start = advance();
        enter(start);
        try {
            Name name = name("team name");
            Optional<Name> lead = Optional.empty();
            if (match(TokenKind.LED)) {
                expect(TokenKind.BY, "expected 'by' after 'led'");
                lead = Optional.of(name("lead role"));
            }
            expect(TokenKind.LBRACE, "expected '{' to open the nested team's body");
            List<Item> items = items(Context.SUBTEAM);
            Token end = expect(TokenKind.RBRACE, "expected '}' after the nested team's body");
            return new Team(name, lead, items, start.span().to(end.span()));
        } finally {
            depth--;
        }
    }

    // stmt = handoff | decide | par | for ;
    private Stmt stmt() {
        return switch (peek().kind()) {
            case DECIDE -> decide();
            case PAR -> par();
            case FOR -> forLoop();
            case IDENT, HUMAN, ALL -> handoff();
            default -> throw error(peek(), "expected a declaration or a statement (role, question, defaults, team, "
                    + "decide, par, for, or a hand-off 'p -> r : artifact'), found " + peek().describe()
                    + clauseHint(peek().kind()));
        };
    }

    private static String clauseHint(TokenKind kind) {
        if (HANDOFF_CLAUSES.contains(kind) || DECIDE_CLAUSES.contains(kind)) {
            return "; a clause must follow its hand-off or decide directly";
        }
        return "";
    }

    // handoff = role_ref "->" role_ref { "," role_ref } ":" art_decl [ STRING { "," STRING } ] { clause } ;
    private Stmt handoff() {
        RoleRef producer = roleRef("the producing role");
        expect(TokenKind.ARROW, "expected '->' after the producing role");
        List<RoleRef> receivers = new ArrayList<>();
        receivers.add(roleRef("a receiving role"));
        while (match(TokenKind.COMMA)) {
            receivers.add(roleRef("a receiving role"));
        }
        expect(TokenKind.COLON, "expected ':' and the artifact's name after the receivers");
        ArtDecl artifact = artDecl();
        List<StringLit> globs = new ArrayList<>();
        Span end = artifact.span();
        if (check(TokenKind.STRING)) {
            globs.add(glob(string("expected a path glob")));
            while (match(TokenKind.COMMA)) {
                globs.add(glob(string("expected a path glob as a string after ','")));
            }
            end = globs.get(globs.size() - 1).span();
        }
        List<Clause> clauses = clauses(false);
        if (!clauses.isEmpty()) {
            end = clauses.stream().map(Clause::span).reduce(end, Span::to);
        }
        return new Stmt.Handoff(producer, receivers, artifact, globs, clauses, producer.span().to(end));
    }

    // art_decl = IDENT [ "[" IDENT "]" ] ;
    private ArtDecl artDecl() {
        Name name = name("artifact name");
        Optional<Name> index = Optional.empty();
        Span end = name.span();
        if (match(TokenKind.LBRACKET)) {
            index = Optional.of(name("loop variable"));
            end = expect(TokenKind.RBRACKET, "expected ']' after the artifact's loop variable").span();
        }
        return new ArtDecl(name, index, name.span().to(end));
    }

    private List<Clause> clauses(boolean decide) {
        Set<TokenKind> allowed = decide ? DECIDE_CLAUSES : HANDOFF_CLAUSES;
        Set<TokenKind> other = decide ? HANDOFF_CLAUSES : DECIDE_CLAUSES;
        List<Clause> clauses = new ArrayList<>();
        while (true) {
            TokenKind kind = peek().kind();
            if (!allowed.contains(kind)) {
                if (other.contains(kind)) {
                    throw error(peek(), "expected a clause of " + (decide ? "a decide" : "a hand-off") + ", found '"
                            + peek().text() + "', which is a clause of " + (decide ? "a hand-off" : "a decide"));
                }
                return clauses;
            }
            Clause clause = decide ? decideClause() : handoffClause();
            Optional<Clause> earlier = clauses.stream().filter(c -> c.getClass() == clause.getClass()
                    || (c.keyword().equals("else") && clause.keyword().equals("else"))).findFirst();
            if (earlier.isPresent()) {
                duplicateClause(decide ? "decide" : "hand-off", clause, earlier.get());
            } else {
                clauses.add(clause);
            }
        }
    }

    private void duplicateClause(String where, Clause second, Clause first) {
        diagnostics.add(Diagnostic.error("S001", second.span(), "expected at most one '" + second.keyword()
                + "' clause per " + where + ", found a second (the first is at line " + first.span().line()
                + "; list several items in one clause, separated by ',')"));
    }

    // "reads" art_ref { "," art_ref } ;   (a clause of hand-offs and decides alike)
    private Clause reads() {
        Token kw = advance();
        List<ArtRef> refs = artRefs("an artifact after 'reads'");
        return new Clause.Reads(refs, kw.span().to(last(refs).span()));
    }

    // clause = reads | merges | gate | review | else | freeze | timing ;
    private Clause handoffClause() {
        Token kw = peek();
        return switch (kw.kind()) {
            case READS -> reads();
            case MERGES -> {
                advance();
                List<ArtRef> refs = artRefs("an artifact after 'merges'");
                yield new Clause.Merges(refs, kw.span().to(last(refs).span()));
            }
            case GATE -> {
                advance();
                List<GateRef> gates = new ArrayList<>();
                gates.add(gate());
                while (match(TokenKind.COMMA)) {
                    gates.add(gate());
                }
                yield new Clause.Gates(gates, kw.span().to(last(gates).span()));
            }
            case REVIEW -> {
                advance();
                List<RoleRef> roles = roleRefs("a reviewing role");
                yield new Clause.Review(roles, kw.span().to(last(roles).span()));
            }
            case ELSE -> {
                advance();
                if (check(TokenKind.FAIL)) {
                    yield new Clause.ElseFail(kw.span().to(advance().span()));
                }
                expect(TokenKind.ESCALATE, "expected 'fail' or 'escalate ROLE' after 'else'");
                List<RoleRef> roles = roleRefs("a role to escalate to");
                yield new Clause.ElseEscalate(roles, kw.span().to(last(roles).span()));
            }
            case FREEZE -> new Clause.Freeze(advance().span());
            default -> timing();
        };
    }

    // gate = IDENT [ STRING ] ;
    private GateRef gate() {
        Name name = name("gate name");
        Optional<StringLit> arg = Optional.empty();
        if (check(TokenKind.STRING)) {
            StringLit value = string("expected the gate's argument");
            arg = Optional.of(name.text().equals("test") || name.text().equals("exists") ? glob(value) : value);
        }
        return new GateRef(name, arg, arg.map(a -> name.span().to(a.span())).orElse(name.span()));
    }

    /**
     * A string that must be a path glob: a malformed one is S001 at the string, and the string is
     * kept so the statement still parses. {@code {v}} placeholders are globs' single-alternative
     * braces, so they validate as written.
     */
    private StringLit glob(StringLit literal) {
        try {
            Glob.compile(literal.value());
        } catch (IllegalArgumentException e) {
            // The glob's own message quotes the pattern, capped; quoting it here as well would repeat it.
            diagnostics.add(Diagnostic.error("S001", literal.span(), "expected a path glob: " + e.getMessage()));
        }
        return literal;
    }

    // decide = "decide" IDENT { "," IDENT } [ "among" role_ref { "," role_ref } ]
    //          "by" ( "leader" role_ref | "vote" | "ben_or" ) { dclause } ;
    private Stmt decide() {
        Token start = advance();
        List<Name> questions = new ArrayList<>();
        questions.add(name("question name"));
        while (match(TokenKind.COMMA)) {
            questions.add(name("question name"));
        }
        Optional<Stmt.Among> among = Optional.empty();
        if (check(TokenKind.AMONG)) {
            Token kw = advance();
            List<RoleRef> voters = roleRefs("a voting role after 'among'");
            among = Optional.of(new Stmt.Among(voters, kw.span().to(last(voters).span())));
        }
        expect(TokenKind.BY, "expected 'by leader ROLE', 'by vote' or 'by ben_or' after the questions"
                + (among.isEmpty() ? " (or 'among VOTERS')" : ""));
        Token how = peek();
        Protocol protocol = switch (how.kind()) {
            case LEADER -> {
                advance();
                RoleRef role = roleRef("the leading role");
                yield new Protocol.Leader(role, how.span().to(role.span()));
            }
            case VOTE -> new Protocol.Vote(advance().span());
            case BEN_OR -> new Protocol.BenOr(advance().span());
            default -> throw error(how, "expected 'leader ROLE', 'vote' or 'ben_or' after 'by', found " + how.describe());
        };
        List<Clause> clauses = clauses(true);
        Span end = clauses.stream().map(Clause::span).reduce(protocol.span(), Span::to);
        return new Stmt.Decide(questions, among, protocol, clauses, start.span().to(end));
    }

    // dclause = "reads" art_ref {…} | "quorum" INT | "rounds" INT | "fallback" role_ref
    //         | "tolerate" INT ( "crash" | "byzantine" ) | "within" DURATION ;
    private Clause decideClause() {
        Token kw = peek();
        return switch (kw.kind()) {
            case READS -> reads();
            case QUORUM -> {
                advance();
                IntLit n = integer("expected the quorum size after 'quorum'");
                yield new Clause.Quorum(n, kw.span().to(n.span()));
            }
            case ROUNDS -> {
                advance();
                IntLit n = integer("expected the number of rounds after 'rounds'");
                yield new Clause.Rounds(n, kw.span().to(n.span()));
            }
            case FALLBACK -> {
                advance();
                RoleRef role = roleRef("the fallback role");
                yield new Clause.Fallback(role, kw.span().to(role.span()));
            }
            case TOLERATE -> {
                advance();
                IntLit n = integer("expected the number of faulty voters after 'tolerate'");
                Token kind = peek();
                FaultKind fault = switch (kind.kind()) {
                    case CRASH -> FaultKind.CRASH;
                    case BYZANTINE -> FaultKind.BYZANTINE;
                    default -> throw error(kind, "expected 'crash' or 'byzantine' after 'tolerate " + n.value()
                            + "', found " + kind.describe());
                };
                advance();
                yield new Clause.Tolerate(n, fault, kw.span().to(kind.span()));
            }
            default -> timing();
        };
    }

    // par = "par" "{" { stmt } "}" ;
    private Stmt par() {
        Token start = advance();
        enter(start);
        try {
            expect(TokenKind.LBRACE, "expected '{' after 'par'");
            List<Stmt> body = block();
            Token end = expect(TokenKind.RBRACE, "expected '}' to close 'par'");
            return new Stmt.Par(body, start.span().to(end.span()));
        } finally {
            depth--;
        }
    }

    // for = "for" IDENT "in" role_ref "{" { stmt } "}" ;
    private Stmt forLoop() {
        Token start = advance();
        enter(start);
        try {
            Name var = name("loop variable");
            expect(TokenKind.IN, "expected 'in' after the loop variable");
            RoleRef over = roleRef("the replicated role to loop over, such as dev[*]");
            expect(TokenKind.LBRACE, "expected '{' to open the loop's body");
            List<Stmt> body = block();
            Token end = expect(TokenKind.RBRACE, "expected '}' to close 'for'");
            return new Stmt.For(var, over, body, start.span().to(end.span()));
        } finally {
            depth--;
        }
    }

    /**
     * Opens one level of nesting for the block that {@code opener} starts. Past
     * {@link #MAX_NESTING} levels the whole block, up to its matching '}', is skipped and
     * reported once, so the recursion of parser and checker stays bounded.
     */
    private void enter(Token opener) {
        if (depth >= MAX_NESTING) {
            diagnostics.add(Diagnostic.error("S001", opener.span(), "expected at most " + MAX_NESTING
                    + " levels of nested par, for and team, found nesting deeper than " + MAX_NESTING
                    + "; flatten the choreography"));
            skipBlock();
            throw new SyntaxError();
        }
        depth++;
    }

    /** Skips to the '{' that opens the block being read and past its matching '}' (or to the end). */
    private void skipBlock() {
        while (!check(TokenKind.LBRACE) && !check(TokenKind.RBRACE) && !check(TokenKind.EOF)) {
            advance();
        }
        if (!check(TokenKind.LBRACE)) {
            return;
        }
        int open = 0;
        while (!check(TokenKind.EOF)) {
            Token t = advance();
            if (t.kind() == TokenKind.LBRACE) {
                open++;
            } else if (t.kind() == TokenKind.RBRACE && --open == 0) {
                return;
            }
        }
    }

    private List<Stmt> block() {
        return items(Context.BLOCK).stream().map(Stmt.class::cast).toList();
    }

    // role_ref = "human" | "all" | IDENT { "." IDENT } [ "[" ( INT | "*" ) "]" ] ;
    private RoleRef roleRef(String what) {
        Token t = peek();
        if (t.kind() == TokenKind.HUMAN) {
            return new RoleRef.Human(advance().span());
        }
        if (t.kind() == TokenKind.ALL) {
            return new RoleRef.All(advance().span());
        }
        if (t.kind() != TokenKind.IDENT) {
            throw error(t, "expected " + what + ", found " + t.describe() + reservedHint(t));
        }
        List<Name> path = new ArrayList<>();
        path.add(name(what));
        while (match(TokenKind.DOT)) {
            path.add(name("a role name after '.'"));
        }
        if (path.size() > MAX_NESTING + 1) {
            // No role lies deeper than the nesting limit, and a path this long would be repeated
            // whole by every message that names the reference.
            throw error(t, "expected a role path of at most " + (MAX_NESTING + 1) + " names (teams nest at most "
                    + MAX_NESTING + " deep), found " + path.size() + " names");
        }
        Optional<Subscript> index = Optional.empty();
        Span end = path.get(path.size() - 1).span();
        if (check(TokenKind.LBRACKET)) {
            Token open = advance();
            Token inner = peek();
            if (inner.kind() == TokenKind.STAR) {
                advance();
                index = Optional.of(new Subscript.Star(inner.span()));
            } else if (inner.kind() == TokenKind.INT) {
                IntLit n = integer("expected a replica number");
                index = Optional.of(new Subscript.Number(n.value(), n.span()));
            } else {
                throw error(inner, "expected a replica number or '*' after '[', found " + inner.describe());
            }
            end = expect(TokenKind.RBRACKET, "expected ']' after the replica index").span();
            end = open.span().to(end);
        }
        return new RoleRef.Named(path, index, path.get(0).span().to(end));
    }

    private List<RoleRef> roleRefs(String what) {
        List<RoleRef> roles = new ArrayList<>();
        roles.add(roleRef(what));
        while (match(TokenKind.COMMA)) {
            roles.add(roleRef(what));
        }
        return roles;
    }

    // art_ref = IDENT [ "[" ( IDENT | "*" ) "]" ] ;
    private ArtRef artRef(String what) {
        Name name = name(what);
        Optional<Subscript> index = Optional.empty();
        Span end = name.span();
        if (check(TokenKind.LBRACKET)) {
            advance();
            Token inner = peek();
            if (inner.kind() == TokenKind.STAR) {
                advance();
                index = Optional.of(new Subscript.Star(inner.span()));
            } else if (inner.kind() == TokenKind.IDENT) {
                Name var = name("loop variable");
                index = Optional.of(new Subscript.Var(var, var.span()));
            } else {
                throw error(inner, "expected a loop variable or '*' after '[' in an artifact reference, found "
                        + inner.describe());
            }
            end = expect(TokenKind.RBRACKET, "expected ']' after the artifact's index").span();
        }
        return new ArtRef(name, index, name.span().to(end));
    }

    private List<ArtRef> artRefs(String what) {
        List<ArtRef> refs = new ArrayList<>();
        refs.add(artRef(what));
        while (match(TokenKind.COMMA)) {
            refs.add(artRef(what));
        }
        return refs;
    }

    // ---- terminals ----

    private Name name(String what) {
        Token t = peek();
        if (t.kind() == TokenKind.IDENT) {
            advance();
            return new Name(t.text(), t.span());
        }
        if (t.kind().isKeyword() && !ITEM_KEYWORDS.contains(t.kind())) {
            // A reserved word used as a name: report it and read on as if it were the name,
            // so one slip does not hide the rest of the statement.
            advance();
            diagnostics.add(Diagnostic.error("S001", t.span(), "expected a " + what + ", found keyword '" + t.text()
                    + "', which is reserved; choose another name"));
            return new Name(t.text(), t.span());
        }
        throw error(t, "expected a " + what + ", found " + t.describe() + reservedHint(t));
    }

    private static String reservedHint(Token t) {
        return t.kind().isKeyword() ? " (a reserved word)" : "";
    }

    private StringLit string(String message) {
        Token t = peek();
        if (t.kind() != TokenKind.STRING) {
            throw error(t, message + ", found " + t.describe());
        }
        advance();
        return new StringLit(t.value(), t.span());
    }

    private IntLit integer(String message) {
        Token t = peek();
        if (t.kind() != TokenKind.INT) {
            throw error(t, message + ", found " + t.describe());
        }
        advance();
        try {
            return new IntLit(Integer.parseInt(t.text()), t.span());
        } catch (NumberFormatException e) {
            diagnostics.add(Diagnostic.error("S001", t.span(),
                    "expected an integer of at most " + Integer.MAX_VALUE + ", found '" + t.text() + "'"));
            return new IntLit(Integer.MAX_VALUE, t.span());
        }
    }

    private Duration duration(String message) {
        Token t = peek();
        if (t.kind() != TokenKind.DURATION) {
            String hint = t.kind() == TokenKind.INT ? " (add a unit: s, m or h)" : "";
            throw error(t, message + ", found " + t.describe() + hint);
        }
        advance();
        String digits = t.text().substring(0, t.text().length() - 1);
        char unit = t.text().charAt(t.text().length() - 1);
        long amount;
        try {
            amount = Long.parseLong(digits);
            if (amount > 1_000_000_000L) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            diagnostics.add(Diagnostic.error("S001", t.span(),
                    "expected a duration of at most 1000000000" + unit + ", found '" + t.text() + "'"));
            amount = 1_000_000_000L;
        }
        return new Duration(amount, unit, t.span());
    }

    // ---- token plumbing ----

    private Token peek() {
        return tokens.get(pos);
    }

    private Token peekAt(int i) {
        return tokens.get(Math.min(i, tokens.size() - 1));
    }

    private boolean check(TokenKind kind) {
        return peek().kind() == kind;
    }

    private boolean match(TokenKind kind) {
        if (check(kind)) {
            advance();
            return true;
        }
        return false;
    }

    private Token advance() {
        Token t = tokens.get(pos);
        if (t.kind() != TokenKind.EOF) {
            pos++;
        }
        return t;
    }

    private Token expect(TokenKind kind, String message) {
        if (check(kind)) {
            return advance();
        }
        throw error(peek(), message + ", found " + peek().describe());
    }

    private SyntaxError error(Token at, String message) {
        // An ERROR token already has its lexical diagnostic; one report per place is enough.
        if (!syntaxErrorAt(at.span().start())) {
            diagnostics.add(Diagnostic.error("S001", at.span(), message));
        }
        return new SyntaxError();
    }

    /** Whether an S001 starts at {@code offset}; indexes new diagnostics as it goes, so a file of many errors stays linear. */
    private boolean syntaxErrorAt(int offset) {
        for (; indexed < diagnostics.size(); indexed++) {
            Diagnostic d = diagnostics.get(indexed);
            if (d.code().equals("S001")) {
                syntaxErrorStarts.add(d.span().start());
            }
        }
        return syntaxErrorStarts.contains(offset);
    }

    /**
     * Skips to the next token that can begin an item: an item keyword, a role reference followed
     * by {@code ->}, or {@code '}'}. Always makes progress past the start of the failed item.
     */
    private void synchronize(int itemStart) {
        if (pos == itemStart) {
            advance();
        }
        while (!check(TokenKind.EOF)) {
            if (check(TokenKind.RBRACE) || ITEM_KEYWORDS.contains(peek().kind()) || startsHandoff(pos)) {
                return;
            }
            advance();
        }
    }

    /** True when a role reference followed by {@code ->} starts at token {@code i}. */
    private boolean startsHandoff(int i) {
        TokenKind k = peekAt(i).kind();
        if (k == TokenKind.HUMAN || k == TokenKind.ALL) {
            return peekAt(i + 1).kind() == TokenKind.ARROW;
        }
        if (k != TokenKind.IDENT) {
            return false;
        }
        i++;
        while (peekAt(i).kind() == TokenKind.DOT && peekAt(i + 1).kind() == TokenKind.IDENT) {
            i += 2;
        }
        if (peekAt(i).kind() == TokenKind.LBRACKET) {
            TokenKind inner = peekAt(i + 1).kind();
            if ((inner == TokenKind.INT || inner == TokenKind.STAR) && peekAt(i + 2).kind() == TokenKind.RBRACKET) {
                i += 3;
            } else {
                return false;
            }
        }
        return peekAt(i).kind() == TokenKind.ARROW;
    }

    private static <T> T last(List<T> list) {
        return list.get(list.size() - 1);
    }
}
