package dev.synod.lang.ast;

import dev.synod.lang.Span;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** A reference to a role: {@code human}, {@code all}, or a (possibly qualified, possibly indexed) name. */
public sealed interface RoleRef extends Node {

    /** The built-in role of a person answering through the CLI. */
    record Human(Span span) implements RoleRef {
    }

    /** Every declared role of the enclosing team except the sender. */
    record All(Span span) implements RoleRef {
    }

    /** {@code t.r}, {@code dev[2]}, {@code dev[*]}, or a loop variable {@code d}. */
    record Named(List<Name> path, Optional<Subscript> index, Span span) implements RoleRef {
        public Named {
            path = List.copyOf(path);
            if (path.isEmpty()) {
                throw new IllegalArgumentException("a role reference needs at least one name");
            }
        }

        /** The last name of the path. */
        public Name last() {
            return path.get(path.size() - 1);
        }
    }

    /** As written: {@code team.dev[2]}. */
    default String text() {
        return switch (this) {
            case Human h -> "human";
            case All a -> "all";
            case Named n -> n.path().stream().map(Name::text).collect(Collectors.joining("."))
                    + n.index().map(i -> "[" + i.text() + "]").orElse("");
        };
    }
}
