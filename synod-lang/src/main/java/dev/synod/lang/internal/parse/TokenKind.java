package dev.synod.lang.internal.parse;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** The kinds of token in the Synod language (LANGUAGE.md §2). */
public enum TokenKind {
    IDENT("a name"),
    INT("an integer"),
    DURATION("a duration"),
    STRING("a string"),
    LBRACE("'{'"),
    RBRACE("'}'"),
    LBRACKET("'['"),
    RBRACKET("']'"),
    COMMA("','"),
    COLON("':'"),
    DOT("'.'"),
    ARROW("'->'"),
    STAR("'*'"),
    EOF("end of file"),
    ERROR("an invalid character"),

    SYNOD, TEAM, LED, PROMPT, DEFAULTS, DEADLINE, ROLE, MODEL, QUESTION, OPTIONS, DECIDE, AMONG, BY,
    LEADER, VOTE, BEN_OR, READS, MERGES, GATE, REVIEW, WITHIN, RETRY, ELSE, ESCALATE, FAIL, FREEZE,
    PAR, FOR, IN, ROUNDS, QUORUM, FALLBACK, TOLERATE, CRASH, BYZANTINE, HUMAN, ALL;

    private static final Map<String, TokenKind> KEYWORDS = new HashMap<>();

    static {
        for (TokenKind kind : values()) {
            if (kind.ordinal() >= SYNOD.ordinal()) {
                KEYWORDS.put(kind.keyword(), kind);
            }
        }
    }

    private final String description;

    TokenKind() {
        this.description = null;
    }

    TokenKind(String description) {
        this.description = description;
    }

    /** True for reserved words. */
    public boolean isKeyword() {
        return ordinal() >= SYNOD.ordinal();
    }

    /** The reserved word as written in source, for keywords. */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** How the kind is named in "expected X, found Y" messages. */
    public String describe() {
        return description != null ? description : "'" + keyword() + "'";
    }

    /** The keyword spelled {@code word}, or null. */
    public static TokenKind keyword(String word) {
        return KEYWORDS.get(word);
    }
}
