package dev.synod.lang.ast;

import dev.synod.lang.Span;
import java.util.List;
import java.util.Optional;

/**
 * A team body: the top-level team of a file, or a nested team ({@code team t led by r { … }}),
 * which is a namespace whose lead answers for its members.
 */
public record Team(Name name, Optional<Name> lead, List<Item> items, Span span) implements Item {
    public Team {
        items = List.copyOf(items);
    }

    /** The items of one kind, in order. */
    public <T extends Item> List<T> itemsOf(Class<T> kind) {
        return items.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    /** The statements, in order. */
    public List<Stmt> statements() {
        return itemsOf(Stmt.class);
    }
}
