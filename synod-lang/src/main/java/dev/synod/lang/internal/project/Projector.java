package dev.synod.lang.internal.project;

import dev.synod.lang.Projection;
import dev.synod.lang.Projection.Entry;
import dev.synod.lang.ast.Item;
import dev.synod.lang.ast.StringLit;
import dev.synod.lang.model.Flow;
import dev.synod.lang.model.RoleId;
import dev.synod.lang.model.Step;
import dev.synod.lang.model.TeamModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Derives the local contract of one participant from the checked flow (LANGUAGE.md §7): the
 * steps that involve it, in order, with a {@code par} kept only where the participant appears
 * in two or more of its branches.
 */
public final class Projector {
    private final TeamModel model;
    private final RoleId role;

    private Projector(TeamModel model, RoleId role) {
        this.model = model;
        this.role = role;
    }

    /**
     * The contract of the participant {@code name} in {@code model}.
     *
     * @throws IllegalArgumentException when the model has no such participant, or {@code name} is a
     *                                  replicated role without an index; the message lists the choices
     */
    public static Projection project(TeamModel model, String name) {
        RoleId role = RoleLookup.resolve(model, name);
        return new Projection(role.display(), model.name(), new Projector(model, role).entries(model.flow()));
    }

    private List<Entry> entries(Flow flow) {
        return switch (flow) {
            case Flow.Sequence s -> {
                List<Entry> out = new ArrayList<>();
                s.children().forEach(c -> out.addAll(entries(c)));
                yield out;
            }
            case Flow.Parallel p -> {
                List<List<Entry>> branches = p.branches().stream().map(this::entries).filter(b -> !b.isEmpty()).toList();
                if (branches.size() >= 2) {
                    yield List.of(new Projection.Concurrently(branches, p.source().span().line()));
                }
                yield branches.isEmpty() ? List.of() : branches.get(0);
            }
            case Flow.Leaf l -> switch (l.step()) {
                case Step.Handoff h -> handoff(h);
                case Step.Decide d -> decide(d);
            };
        };
    }

    private List<Entry> handoff(Step.Handoff h) {
        int line = h.source().span().line();
        Projection.Task task = new Projection.Task(h.artifact(), h.receivers(), h.globs(), h.globsFromMerges(), h.reads(),
                h.merges(), h.gates(), h.reviewers(), h.within(), h.retry(), h.freeze());
        List<Entry> out = new ArrayList<>();
        if (h.producer().equals(role)) {
            out.add(new Projection.Produce(task, h.escalation(), h.escalationImplicit(), line));
        }
        if (h.reviewers().contains(role)) {
            out.add(new Projection.Review(h.artifact(), h.producer(), h.globs(), h.gates(), line));
        }
        int position = h.escalation().indexOf(role);
        if (position >= 0) {
            List<RoleId> chain = h.escalation();
            out.add(new Projection.TakeOver(task, h.producer(), chain.subList(0, position),
                    chain.subList(position + 1, chain.size()), h.escalationImplicit(), line));
        }
        if (h.receivers().contains(role)) {
            out.add(new Projection.Receive(h.artifact(), h.producer(), h.globs(), h.freeze(), line));
        }
        return out;
    }

    private List<Entry> decide(Step.Decide d) {
        int line = d.source().span().line();
        List<Projection.Question> questions = d.questions().stream().map(this::question).toList();
        List<Entry> out = new ArrayList<>();
        if (d.voters().contains(role)) {
            out.add(new Projection.Vote(questions, d.protocol(), d.voters(), d.reads(), d.quorum(), d.rounds(),
                    d.fallback(), d.within(), line));
        }
        if (d.leader().filter(role::equals).isPresent()) {
            out.add(new Projection.Lead(questions, d.reads(), d.within(), line));
        }
        if (d.fallback().filter(role::equals).isPresent()) {
            out.add(new Projection.Fallback(questions, d.protocol(), d.voters(), d.reads(), d.rounds(), d.within(), line));
        }
        return out;
    }

    private Projection.Question question(String name) {
        Item.QuestionDecl decl = model.questions().get(name);
        if (decl == null) {
            return new Projection.Question(name, "", List.of());
        }
        return new Projection.Question(name, decl.text().value(), decl.options().stream().map(StringLit::value).toList());
    }
}
