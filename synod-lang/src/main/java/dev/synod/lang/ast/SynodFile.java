package dev.synod.lang.ast;

import dev.synod.lang.Span;

/** A whole {@code .synod} file: the language version from its header and the team it describes. */
public record SynodFile(int version, Team team, Span span) implements Node {
}
