package dev.synod.bench.engine;

import dev.synod.core.Gate;

/** A gate that passes every tree without looking at it. */
final class PassGate implements Gate {
    @Override
    public Verdict check(Input input) {
        return Verdict.pass();
    }
}
