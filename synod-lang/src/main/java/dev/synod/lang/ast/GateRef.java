package dev.synod.lang.ast;

import dev.synod.lang.Span;
import java.util.Optional;

/** A gate with its optional argument: {@code compile}, {@code test "src/test/**"}, {@code sh "make"}. */
public record GateRef(Name name, Optional<StringLit> argument, Span span) implements Node {
    public String text() {
        return name.text() + argument.map(a -> " " + a.quoted()).orElse("");
    }
}
