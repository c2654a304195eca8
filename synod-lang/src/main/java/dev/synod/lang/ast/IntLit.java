package dev.synod.lang.ast;

import dev.synod.lang.Span;

/** An integer literal. Values too large for an int are clamped to {@link Integer#MAX_VALUE} by the parser. */
public record IntLit(int value, Span span) implements Node {
}
