package dev.synod.lang.ast;

import dev.synod.lang.Span;

/** An identifier as written. */
public record Name(String text, Span span) implements Node {
    @Override
    public String toString() {
        return text;
    }
}
