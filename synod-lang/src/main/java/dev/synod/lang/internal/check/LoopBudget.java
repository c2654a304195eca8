package dev.synod.lang.internal.check;

import dev.synod.lang.Span;
import dev.synod.lang.ast.Stmt;
import dev.synod.lang.model.RoleId;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Bounds how many steps the {@code for} loops of a file expand to. Nested loops multiply their
 * replicas and every step is checked against the others, so each outermost loop is charged its
 * size, computed without expanding it; a loop that does not fit is reported (S013) and never
 * expanded.
 */
final class LoopBudget {
    /** The most steps the loops of a file may expand to. */
    static final long MAX_STEPS = 10_000;

    private final Reporter reporter;
    private final BiFunction<Stmt.For, Resolver.Ctx, List<RoleId>> replicas;
    private final Set<Stmt.For> oversized = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<Stmt.For, Long> sizes = new IdentityHashMap<>();
    private long stepsLeft = MAX_STEPS;

    /** @param replicas the replicas a loop runs over, resolved without reporting */
    LoopBudget(Reporter reporter, BiFunction<Stmt.For, Resolver.Ctx, List<RoleId>> replicas) {
        this.reporter = reporter;
        this.replicas = replicas;
    }

    /** Charges an outermost loop to the budget; false, and S013 reported, when it does not fit. */
    boolean admit(Stmt.For loop, Resolver.Ctx ctx) {
        long size = size(loop, ctx);
        if (size <= stepsLeft) {
            stepsLeft -= size;
            return true;
        }
        oversized.add(loop);
        Span head = new Span(loop.span().start(), loop.over().span().end(), loop.span().line(), loop.span().column());
        reporter.error("S013", head, "this 'for' expands to " + (size == Long.MAX_VALUE ? "too many" : size + "")
                + " steps; a choreography may have at most " + MAX_STEPS + " (nested loops multiply their replicas), "
                + "so loop over fewer replicas or nest fewer loops");
        return false;
    }

    /** True for a loop that did not fit: it is not expanded. */
    boolean rejected(Stmt.For loop) {
        return oversized.contains(loop);
    }

    private long size(Stmt.For loop, Resolver.Ctx ctx) {
        Long known = sizes.get(loop);
        if (known != null) {
            return known;
        }
        List<RoleId> over = replicas.apply(loop, ctx);
        long size = over.isEmpty() ? 0 : Saturating.times(over.size(),
                Math.max(1, size(loop.body(), ctx.bind(loop.variable().text(), over.get(0)))));
        sizes.put(loop, size);
        return size;
    }

    private long size(List<Stmt> body, Resolver.Ctx ctx) {
        long total = 0;
        for (Stmt s : body) {
            total = Saturating.add(total, switch (s) {
                case Stmt.For f -> size(f, ctx);
                case Stmt.Par p -> size(p.body(), ctx);
                case Stmt.Handoff h -> 1;
                case Stmt.Decide d -> 1;
            });
        }
        return total;
    }
}
