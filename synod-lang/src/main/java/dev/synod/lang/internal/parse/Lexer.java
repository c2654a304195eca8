package dev.synod.lang.internal.parse;

import dev.synod.lang.Diagnostic;
import dev.synod.lang.SourceFile;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns source text into tokens (LANGUAGE.md §2). Lexical errors become S001 diagnostics and
 * {@link TokenKind#ERROR} tokens, so the parser can recover around them.
 */
public final class Lexer {
    /**
     * The most characters a name, an integer or a duration may have. The lexer is where names
     * enter, so this bound is what lets every message repeat a name whole: the checker's many
     * messages that name a role, an artifact or a question stay short without cutting anything.
     */
    public static final int MAX_WORD_CHARS = 64;

    private final SourceFile source;
    private final String text;
    private final List<Token> tokens = new ArrayList<>();
    private final List<Comment> comments = new ArrayList<>();
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private int pos;

    public Lexer(SourceFile source) {
        this.source = source;
        this.text = source.text();
    }

    /** The result of lexing one file. */
    public record Result(List<Token> tokens, List<Comment> comments, List<Diagnostic> diagnostics) {
    }

    public Result lex() {
        while (true) {
            skipWhitespace();
            if (pos >= text.length()) {
                break;
            }
            int start = pos;
            char c = text.charAt(pos);
            if (c == '/' && peek(1) == '/') {
                int end = text.indexOf('\n', pos);
                end = end < 0 ? text.length() : end;
                int trimmed = end;
                if (trimmed > pos && text.charAt(trimmed - 1) == '\r') {
                    trimmed--;
                }
                comments.add(new Comment(text.substring(pos, trimmed), source.span(pos, trimmed)));
                pos = end;
            } else if (isIdentStart(c) || (c >= 'A' && c <= 'Z')) {
                lexWord(start);
            } else if (c >= '0' && c <= '9') {
                lexNumber(start);
            } else if (c == '"') {
                lexString(start);
            } else {
                lexPunctuation(start, c);
            }
        }
        tokens.add(new Token(TokenKind.EOF, "", null, source.span(text.length(), text.length())));
        return new Result(List.copyOf(tokens), List.copyOf(comments), List.copyOf(diagnostics));
    }

    private void lexWord(int start) {
        while (pos < text.length() && (isIdentPart(text.charAt(pos)) || Character.isUpperCase(text.charAt(pos)))) {
            pos++;
        }
        if (tooLong(start, "a name")) {
            return;
        }
        String word = text.substring(start, pos);
        if (!word.equals(word.toLowerCase(java.util.Locale.ROOT))) {
            diagnostics.add(Diagnostic.error("S001", source.span(start, pos),
                    "expected a name of lower-case letters, digits and '_' ([a-z_][a-z0-9_]*), found '" + word + "'"));
            add(TokenKind.ERROR, start, null);
            return;
        }
        TokenKind kw = TokenKind.keyword(word);
        add(kw != null ? kw : TokenKind.IDENT, start, null);
    }

    private void lexNumber(int start) {
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            pos++;
        }
        // A run of digits, a unit or stray letters after them: one word, bounded as a name is.
        int end = pos;
        while (end < text.length() && isIdentPart(text.charAt(end))) {
            end++;
        }
        if (end - start > MAX_WORD_CHARS) {
            pos = end;
            tooLong(start, "an integer or a duration");
            return;
        }
        char next = pos < text.length() ? text.charAt(pos) : '\0';
        if ((next == 's' || next == 'm' || next == 'h') && !(pos + 1 < text.length() && isIdentPart(text.charAt(pos + 1)))) {
            pos++;
            add(TokenKind.DURATION, start, null);
        } else if (isIdentPart(next)) {
            while (pos < text.length() && isIdentPart(text.charAt(pos))) {
                pos++;
            }
            String found = text.substring(start, pos);
            diagnostics.add(Diagnostic.error("S001", source.span(start, pos),
                    "expected an integer or a duration such as 90s, 15m or 2h, found '" + found + "'"));
            add(TokenKind.ERROR, start, null);
        } else {
            add(TokenKind.INT, start, null);
        }
    }

    /**
     * Reports the word from {@code start} to {@code pos} as an error if it is longer than
     * {@link #MAX_WORD_CHARS}, quoting only its beginning; lexing goes on after it.
     */
    private boolean tooLong(int start, String what) {
        if (pos - start <= MAX_WORD_CHARS) {
            return false;
        }
        diagnostics.add(Diagnostic.error("S001", source.span(start, pos), "expected " + what + " of at most "
                + MAX_WORD_CHARS + " characters, found " + Diagnostic.quote(text.substring(start, pos))));
        add(TokenKind.ERROR, start, null);
        return true;
    }

    private void lexString(int start) {
        pos++;
        StringBuilder value = new StringBuilder();
        while (true) {
            if (pos >= text.length() || text.charAt(pos) == '\n' || text.charAt(pos) == '\r') {
                diagnostics.add(Diagnostic.error("S001", source.span(start, pos),
                        "expected '\"' to close the string, found " + (pos >= text.length() ? "end of file" : "end of line")));
                add(TokenKind.ERROR, start, null);
                return;
            }
            char c = text.charAt(pos);
            if (c == '"') {
                pos++;
                add(TokenKind.STRING, start, value.toString());
                return;
            }
            if (c == '\\') {
                char e = peek(1);
                switch (e) {
                    case '"' -> value.append('"');
                    case '\\' -> value.append('\\');
                    case 'n' -> value.append('\n');
                    default -> diagnostics.add(Diagnostic.error("S001", source.span(pos, Math.min(pos + 2, text.length())),
                            "expected an escape \\\", \\\\ or \\n, found '\\" + (e == '\0' ? "" : String.valueOf(e)) + "'"));
                }
                pos += e == '\0' ? 1 : 2;
                continue;
            }
            value.append(c);
            pos++;
        }
    }

    private void lexPunctuation(int start, char c) {
        TokenKind kind = switch (c) {
            case '{' -> TokenKind.LBRACE;
            case '}' -> TokenKind.RBRACE;
            case '[' -> TokenKind.LBRACKET;
            case ']' -> TokenKind.RBRACKET;
            case ',' -> TokenKind.COMMA;
            case ':' -> TokenKind.COLON;
            case '.' -> TokenKind.DOT;
            case '*' -> TokenKind.STAR;
            case '-' -> peek(1) == '>' ? TokenKind.ARROW : TokenKind.ERROR;
            default -> TokenKind.ERROR;
        };
        if (kind == TokenKind.ARROW) {
            pos += 2;
        } else {
            pos += Character.charCount(text.codePointAt(pos));
        }
        if (kind == TokenKind.ERROR) {
            String found = text.substring(start, pos);
            diagnostics.add(Diagnostic.error("S001", source.span(start, pos),
                    "expected a name, a number, a string or one of { } [ ] , : . -> *, found '" + found + "'"));
        }
        add(kind, start, null);
    }

    private void add(TokenKind kind, int start, String value) {
        tokens.add(new Token(kind, text.substring(start, pos), value, source.span(start, pos)));
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\uFEFF') {
                pos++;
            } else {
                break;
            }
        }
    }

    private char peek(int ahead) {
        int i = pos + ahead;
        return i < text.length() ? text.charAt(i) : '\0';
    }

    private static boolean isIdentStart(char c) {
        return (c >= 'a' && c <= 'z') || c == '_';
    }

    private static boolean isIdentPart(char c) {
        return isIdentStart(c) || (c >= '0' && c <= '9');
    }
}
