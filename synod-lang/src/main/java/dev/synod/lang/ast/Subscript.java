package dev.synod.lang.ast;

import dev.synod.lang.Span;

/** What stands between brackets after a role or artifact name: {@code [2]}, {@code [*]} or {@code [d]}. */
public sealed interface Subscript extends Node {

    /** A replica number, as in {@code dev[2]}. */
    record Number(int value, Span span) implements Subscript {
    }

    /** Every replica, as in {@code dev[*]} or {@code impl[*]}. */
    record Star(Span span) implements Subscript {
    }

    /** A loop variable, as in {@code impl[d]}. */
    record Var(Name name, Span span) implements Subscript {
    }

    /** As written between the brackets. */
    default String text() {
        return switch (this) {
            case Number n -> Integer.toString(n.value());
            case Star s -> "*";
            case Var v -> v.name().text();
        };
    }
}
