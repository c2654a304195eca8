package dev.synod.lang.model;

import dev.synod.lang.ast.Stmt;
import java.util.ArrayList;
import java.util.List;

/**
 * The shape of a run: steps in sequence and in parallel. {@code for} loops are expanded: inside
 * a {@code par}, a {@code for} contributes one branch per replica; elsewhere its replicas run one
 * after another.
 */
public sealed interface Flow {

    /** Children run one after another. */
    record Sequence(List<Flow> children) implements Flow {
        public Sequence {
            children = List.copyOf(children);
        }
    }

    /** Branches run concurrently; the next statement starts when all have finished. */
    record Parallel(Stmt.Par source, List<Flow> branches) implements Flow {
        public Parallel {
            branches = List.copyOf(branches);
        }
    }

    /** One step. */
    record Leaf(Step step) implements Flow {
    }

    /** Every step in the flow, in the order written. */
    default List<Step> steps() {
        List<Step> out = new ArrayList<>();
        collect(this, out);
        return out;
    }

    private static void collect(Flow flow, List<Step> out) {
        switch (flow) {
            case Sequence s -> s.children().forEach(c -> collect(c, out));
            case Parallel p -> p.branches().forEach(b -> collect(b, out));
            case Leaf l -> out.add(l.step());
        }
    }
}
