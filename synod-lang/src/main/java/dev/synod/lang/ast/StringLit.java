package dev.synod.lang.ast;

import dev.synod.lang.Span;

/** A string literal; {@code value} has its escapes resolved. */
public record StringLit(String value, Span span) implements Node {

    /** The literal as it is written in canonical source, quotes and escapes included. */
    public String quoted() {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
