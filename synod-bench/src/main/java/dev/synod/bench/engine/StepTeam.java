package dev.synod.bench.engine;

import dev.synod.core.Plan;
import dev.synod.core.PlanCompiler;
import dev.synod.lang.CheckOptions;
import dev.synod.lang.SourceFile;
import dev.synod.lang.Synod;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The teams the step benchmarks run. With one branch, role {@code a} hands {@code steps} artifacts
 * to role {@code r} one after another; with more, a {@code par} runs one such sequence per replica
 * of {@code a[n]}. Every artifact has its own directory, passes the one gate {@value #GATE}, and
 * reads nothing, so that every step costs the same however far the run has come.
 */
final class StepTeam {
    /** The name of the gate every hand-off runs, defined only by the benchmark. */
    static final String GATE = "g";

    private StepTeam() {
    }

    /** The choreography: {@code branches} concurrent sequences of {@code steps} hand-offs each. */
    static String source(int branches, int steps) {
        if (branches < 1 || steps < 1) {
            throw new IllegalArgumentException("branches and steps must be at least 1, found " + branches + " and "
                    + steps);
        }
        StringBuilder text = new StringBuilder("synod 1\nteam steps {\n  defaults within 10m\n");
        if (branches == 1) {
            text.append("  role a model m\n  role r model m\n");
            sequence(text, "a", "", "  ", steps);
        } else {
            text.append("  role a[").append(branches).append("] model m\n  role r model m\n");
            text.append("  par {\n    for w in a[*] {\n");
            sequence(text, "w", "/{w}", "      ", steps);
            text.append("    }\n  }\n");
        }
        return text.append("}\n").toString();
    }

    private static void sequence(StringBuilder text, String producer, String dir, String indent, int steps) {
        String replica = dir.isEmpty() ? "" : "[" + producer + "]";
        for (int s = 1; s <= steps; s++) {
            text.append(indent).append(producer).append(" -> r : s").append(s).append(replica).append(" \"s").append(s)
                    .append(dir).append("/**\"\n").append(indent).append("  gate ").append(GATE).append('\n');
        }
    }

    /** The compiled plan of {@link #source}. */
    static Plan plan(int branches, int steps) {
        return PlanCompiler.compile(Synod.check(new SourceFile("steps.synod", source(branches, steps)),
                new CheckOptions(Optional.empty(), Set.of(GATE), Optional.empty())));
    }

    /** The roles that produce the artifacts: {@code a}, or {@code a[1]} to {@code a[branches]}. */
    static List<String> producers(int branches) {
        if (branches == 1) {
            return List.of("a");
        }
        List<String> roles = new ArrayList<>();
        for (int i = 1; i <= branches; i++) {
            roles.add("a[" + i + "]");
        }
        return roles;
    }
}
