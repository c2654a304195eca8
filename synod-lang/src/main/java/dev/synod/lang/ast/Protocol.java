package dev.synod.lang.ast;

import dev.synod.lang.Span;

/** How a {@code decide} reaches its answer. */
public sealed interface Protocol extends Node {

    /** {@code by leader r}: one role answers alone. */
    record Leader(RoleRef role, Span span) implements Protocol {
    }

    /** {@code by vote}: majority (or {@code quorum}) of the voters. */
    record Vote(Span span) implements Protocol {
    }

    /** {@code by ben_or}: Ben-Or's randomized consensus. */
    record BenOr(Span span) implements Protocol {
    }

    /** The keyword after {@code by}. */
    default String keyword() {
        return switch (this) {
            case Leader l -> "leader";
            case Vote v -> "vote";
            case BenOr b -> "ben_or";
        };
    }
}
