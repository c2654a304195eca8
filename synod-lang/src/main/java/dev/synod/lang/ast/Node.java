package dev.synod.lang.ast;

import dev.synod.lang.Span;

/** Anything in the tree: it knows where it came from. */
public interface Node {
    Span span();
}
