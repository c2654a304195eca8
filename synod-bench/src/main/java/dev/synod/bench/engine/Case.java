package dev.synod.bench.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * One measurement of a round: a part ({@code raw}, {@code journal}, {@code engine}) in a shape at a
 * concurrency.
 */
record Case(String part, Shape shape, int concurrency) {

    /**
     * The measurements of one round, in the order they run: the raw commit first, then, at each
     * concurrency, the journal-only path and the engine next to each other, so that each pair sees
     * the same state of a shared, noisy machine.
     */
    static List<Case> round(HarnessOptions options) {
        List<Case> cases = new ArrayList<>();
        if (options.parts().contains("raw")) {
            cases.add(new Case("raw", Shape.SEQ, 1));
        }
        for (int concurrency : options.concurrency()) {
            List<Shape> shapes = concurrency == 1 ? List.of(Shape.SEQ) : options.shapes();
            for (Shape shape : shapes) {
                for (String part : List.of("journal", "engine")) {
                    if (options.parts().contains(part)) {
                        cases.add(new Case(part, shape, concurrency));
                    }
                }
            }
        }
        return cases;
    }

    /** Where the case keeps its files under the harness's directory. */
    String directoryName(int round) {
        return part + "-" + shape.label() + "-c" + concurrency + "-r" + round;
    }
}
