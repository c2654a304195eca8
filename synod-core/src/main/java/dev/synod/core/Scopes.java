package dev.synod.core;

import dev.synod.lang.WriteScope;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compiled write scopes by their globs. Compiling a scope builds automata, and every attempt
 * needs its hand-off's scope and those of its inputs; the globs come from the plan, so there are
 * only as many as the plan has hand-offs.
 */
public final class Scopes {
    private static final Map<List<String>, WriteScope> COMPILED = new ConcurrentHashMap<>();

    private Scopes() {
    }

    /** The scope of these globs, compiled once per distinct list. */
    public static WriteScope of(List<String> globs) {
        return COMPILED.computeIfAbsent(List.copyOf(globs), WriteScope::of);
    }
}
