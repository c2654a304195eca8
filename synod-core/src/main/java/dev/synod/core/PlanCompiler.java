package dev.synod.core;

import dev.synod.lang.CheckResult;
import dev.synod.lang.Diagnostic;
import dev.synod.lang.model.ArtifactId;
import dev.synod.lang.model.Flow;
import dev.synod.lang.model.RoleId;
import dev.synod.lang.model.Step;
import dev.synod.lang.model.TeamInfo;
import dev.synod.lang.model.TeamModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Compiles a checked choreography into a {@link Plan}. */
public final class PlanCompiler {
    private PlanCompiler() {
    }

    /** The first error of a check that has errors, as one line naming its place, for a caller that cannot show them all. */
    public static String firstError(CheckResult checked) {
        Diagnostic first = checked.diagnostics().stream().filter(Diagnostic::isError).findFirst().orElseThrow();
        return checked.parse().source().name() + ":" + first.span().line() + ":" + first.span().column() + ": error["
                + first.code() + "]: " + first.message() + " (run 'synod check' for every problem)";
    }

    /**
     * The plan of a file that checked without errors.
     *
     * @throws SynodException.InvalidInput when the check found errors; the message carries the first of them
     */
    public static Plan compile(CheckResult checked) {
        if (checked.hasErrors() || checked.model().isEmpty()) {
            throw new SynodException.InvalidInput(firstError(checked));
        }
        TeamModel model = checked.model().get();
        List<Plan.Step> steps = new ArrayList<>();
        Plan.Node root = node(model.flow(), steps);
        Map<String, Plan.Question> questions = new LinkedHashMap<>();
        model.questions().forEach((name, decl) -> questions.put(name, new Plan.Question(name, decl.text().value(),
                decl.options().stream().map(o -> o.value()).toList())));
        return new Plan(model.name(), steps, root, questions, model.deadline(), teams(model, steps));
    }

    /** The nested teams of the model, in the order their names sort, each with its lead, members and steps. */
    private static List<Plan.Team> teams(TeamModel model, List<Plan.Step> steps) {
        List<Plan.Team> out = new ArrayList<>();
        model.teams().values().stream().filter(t -> !t.isTop()).sorted(java.util.Comparator.comparing(TeamInfo::name))
                .forEach(t -> {
                    List<String> members = t.roles().values().stream().sorted().toList();
                    List<String> produced = steps.stream().filter(s -> s instanceof Plan.Handoff h
                            && members.contains(base(h.producer()))).map(Plan.Step::id).toList();
                    out.add(new Plan.Team(t.name(), t.lead().orElse(""), members, produced));
                });
        return out;
    }

    private static String base(String role) {
        int bracket = role.indexOf('[');
        return bracket < 0 ? role : role.substring(0, bracket);
    }

    private static Plan.Node node(Flow flow, List<Plan.Step> steps) {
        return switch (flow) {
            case Flow.Sequence s -> new Plan.Node.Sequence(s.children().stream().map(c -> node(c, steps)).toList());
            case Flow.Parallel p -> new Plan.Node.Parallel(p.branches().stream().map(b -> node(b, steps)).toList());
            case Flow.Leaf l -> {
                Plan.Step step = step(l.step());
                steps.add(step);
                yield new Plan.Node.Run(step.id());
            }
        };
    }

    private static Plan.Step step(Step step) {
        return switch (step) {
            case Step.Handoff h -> new Plan.Handoff(h.artifact().display(), h.producer().display(), names(h.receivers()),
                    h.globs(), artifacts(h.reads()), artifacts(h.merges()),
                    h.gates().stream().map(g -> new Plan.GateSpec(g.name(), g.argument().orElse(null))).toList(),
                    names(h.reviewers()), names(h.escalation()), h.within().orElse(0), h.retry(), h.freeze());
            case Step.Decide d -> new Plan.Decide("decide:" + String.join(",", d.questions()), d.questions(),
                    Plan.Protocol.valueOf(d.protocol().name()), d.leader().map(RoleId::display).orElse(null),
                    names(d.voters()), artifacts(d.reads()), d.quorum(), d.rounds(),
                    d.fallback().map(RoleId::display).orElse(null), d.within().orElse(0),
                    d.source().tolerate().map(t -> t.count().value()).orElse(0),
                    d.source().tolerate().map(t -> Plan.Fault.valueOf(t.kind().name())).orElse(null));
        };
    }

    private static List<String> names(List<RoleId> roles) {
        return roles.stream().map(RoleId::display).toList();
    }

    private static List<String> artifacts(List<ArtifactId> ids) {
        return ids.stream().map(ArtifactId::display).toList();
    }
}
