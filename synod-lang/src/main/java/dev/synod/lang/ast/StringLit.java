package dev.synod.lang.ast;

import dev.synod.lang.Span;

/** A string literal; {@code value} has its escapes resolved. */
public record StringLit(String value, Span span) implements Node {

    /** The literal as it is written in canonical source, quotes and escapes included. */
    public String quoted() {
        return quoted(value);
    }

    /**
     * {@code text} as a string literal: in double quotes, with {@code "}, {@code \} and line
     * breaks escaped. The formatter writes literals this way, and diagnostics quote user text
     * this way too, so a message shows a string as the file would spell it. A carriage return
     * is written {@code \r}: no literal can hold one, but text quoted in a message might.
     */
    public static String quoted(CharSequence text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
