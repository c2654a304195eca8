package dev.synod.lang.internal.parse;

import dev.synod.lang.Span;

/** A {@code //} comment, kept apart from the tokens so the formatter can put it back. */
public record Comment(String text, Span span) {
}
