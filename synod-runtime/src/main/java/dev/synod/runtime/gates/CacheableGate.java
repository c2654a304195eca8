package dev.synod.runtime.gates;

import dev.synod.core.Gate;

/**
 * A gate whose verdicts the engine may keep and reuse (ARCHITECTURE.md §6): its verdict is a
 * function of the tree, the gate's argument and write scope, and {@link #configuration()} alone.
 * The engine looks a verdict up in the {@link VerdictCache} before it checks out the tree, and
 * runs the gate only on a miss.
 */
public interface CacheableGate extends Gate {

    /**
     * Everything besides the tree, the argument and the globs that this gate's verdict depends
     * on, as stable text: its settings, the version of the tool it runs, and a description of
     * any file outside the tree that it reads (such as a jar named by an absolute path). Two
     * equal configurations with equal inputs must give equal verdicts.
     */
    String configuration();
}
