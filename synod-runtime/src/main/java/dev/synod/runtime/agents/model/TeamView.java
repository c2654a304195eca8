package dev.synod.runtime.agents.model;

import dev.synod.core.Gate;
import dev.synod.lang.model.Step;
import dev.synod.lang.model.TeamModel;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a model agent knows of its team beyond its assignment: where each artifact's files live
 * (its reads are limited to the artifacts it received), the team's prompt file, and the gates it
 * may run on itself.
 *
 * @param artifacts the globs of every artifact, by artifact id as the plan names it ({@code impl[dev2]})
 * @param questions the text of every question, by qualified name
 * @param prompt    the team's {@code prompt} file, relative to the workspace root, if it declares one
 */
public record TeamView(Map<String, List<String>> artifacts, Map<String, String> questions, Optional<String> prompt,
                       SelfCheck selfCheck) {
    /** A team of no artifacts, no prompt and no gates, for tests. */
    public static final TeamView NONE = new TeamView(Map.of(), Map.of(), Optional.empty(), SelfCheck.NONE);

    public TeamView {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        artifacts.forEach((id, globs) -> copy.put(id, List.copyOf(globs)));
        artifacts = java.util.Collections.unmodifiableMap(copy);
        questions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(questions));
    }

    /** The globs of an artifact, or none for an id the team does not produce. */
    public List<String> globsOf(String artifact) {
        return artifacts.getOrDefault(artifact, List.of());
    }

    /**
     * The view of a checked team, whose self-checks run the gates of {@code gates} (by name) that
     * the hand-off declares.
     */
    public static TeamView of(TeamModel model, Map<String, Gate> gates) {
        Map<String, List<String>> artifacts = new LinkedHashMap<>();
        Map<String, Step.Handoff> handoffs = new LinkedHashMap<>();
        for (Step step : model.flow().steps()) {
            if (step instanceof Step.Handoff h) {
                artifacts.putIfAbsent(h.artifact().display(), h.globs());
                handoffs.putIfAbsent(h.artifact().display(), h);
            }
        }
        Map<String, Gate> available = Map.copyOf(gates);
        SelfCheck selfCheck = new SelfCheck() {
            @Override
            public List<String> gates(String step) {
                Step.Handoff h = handoffs.get(step);
                return h == null ? List.of() : h.gates().stream().map(dev.synod.lang.model.Gate::name)
                        .filter(available::containsKey).distinct().toList();
            }

            @Override
            public Gate.Verdict run(String step, String gate, Path tree) throws InterruptedException {
                Step.Handoff h = handoffs.get(step);
                dev.synod.lang.model.Gate declared = h == null ? null : h.gates().stream()
                        .filter(g -> g.name().equals(gate)).findFirst().orElse(null);
                if (declared == null || !available.containsKey(gate)) {
                    throw new IllegalArgumentException("no gate '" + gate + "' to run for " + step + "; expected one of "
                            + String.join(", ", gates(step)));
                }
                // The same one normalizer as the engine's gate effect, so a self-check reads as the real check.
                return dev.synod.runtime.gates.Diagnostics.normalize(available.get(gate).check(
                        new Gate.Input(tree, declared.argument().orElse(null), h.globs())), tree);
            }
        };
        Map<String, String> questions = new LinkedHashMap<>();
        model.questions().forEach((name, decl) -> questions.put(name, decl.text().value()));
        return new TeamView(artifacts, questions, model.prompt(), selfCheck);
    }
}
