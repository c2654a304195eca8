package dev.synod.lang.ast;

import dev.synod.lang.Span;
import java.util.Optional;

/** A reference to an artifact: {@code api}, {@code impl[d]} or {@code impl[*]}. */
public record ArtRef(Name name, Optional<Subscript> index, Span span) implements Node {
    public String text() {
        return name.text() + index.map(i -> "[" + i.text() + "]").orElse("");
    }
}
