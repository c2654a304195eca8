package dev.synod.lang.ast;

import dev.synod.lang.Span;
import java.util.Optional;

/** The artifact a hand-off produces: {@code api}, or {@code impl[d]} for one artifact per replica. */
public record ArtDecl(Name name, Optional<Name> index, Span span) implements Node {
    public String text() {
        return name.text() + index.map(i -> "[" + i.text() + "]").orElse("");
    }
}
