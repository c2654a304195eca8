package dev.synod.lang.internal.check;

import dev.synod.lang.CheckOptions;
import dev.synod.lang.ast.ArtRef;
import dev.synod.lang.ast.Clause;
import dev.synod.lang.ast.GateRef;
import dev.synod.lang.ast.Item;
import dev.synod.lang.ast.Name;
import dev.synod.lang.ast.Protocol;
import dev.synod.lang.ast.RoleRef;
import dev.synod.lang.ast.Stmt;
import dev.synod.lang.ast.Subscript;
import dev.synod.lang.ast.Team;
import dev.synod.lang.model.ArtifactId;
import dev.synod.lang.model.Flow;
import dev.synod.lang.model.Gate;
import dev.synod.lang.model.RoleId;
import dev.synod.lang.model.RoleInfo;
import dev.synod.lang.model.Step;
import dev.synod.lang.model.TeamInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns the statements of a team into a {@link Flow}: {@code for} expanded per replica, role
 * and artifact references resolved, strings interpolated, defaults applied. Reports S010, S013
 * and S044 on the way; what does not resolve is left out of the flow.
 */
final class Expander {

    /** The artifacts a file produces, by name: which hand-offs and which instances. */
    private record Produced(boolean indexed, Set<ArtifactId> instances, Stmt.Handoff first) {
    }

    private final Scopes scopes;
    private final Reporter reporter;
    private final Resolver resolver;
    private final Set<String> gates;
    private final Map<String, Produced> produced = new LinkedHashMap<>();
    /**
     * Artifacts of hand-offs that are themselves in error (a {@code for} over an unknown role, an
     * index that is no loop variable): references to them are not reported again.
     */
    private final Set<String> unresolved = new LinkedHashSet<>();
    private final LoopBudget budget;
    private int loopDepth;
    private final Map<ArtifactId, List<String>> globsOf = new HashMap<>();

    Expander(Scopes scopes, Reporter reporter, CheckOptions options) {
        this.scopes = scopes;
        this.reporter = reporter;
        this.resolver = new Resolver(scopes, reporter);
        this.gates = new TreeSet<>(Gate.BUILT_IN);
        this.gates.addAll(options.customGates());
        Resolver quiet = new Resolver(scopes, new Reporter());
        this.budget = new LoopBudget(reporter, (loop, ctx) -> loopReplicas(loop, ctx, quiet));
    }

    Flow expand(Team top) {
        declareArtifacts(top.items(), new Resolver.Ctx("", Map.of()), new Resolver(scopes, new Reporter()));
        return block(top.items(), new Resolver.Ctx("", Map.of()));
    }

    // ---- pass 1: which artifacts exist (for S010 on references and S044) ----

    private void declareArtifacts(List<? extends Item> items, Resolver.Ctx ctx, Resolver quiet) {
        for (Item item : items) {
            switch (item) {
                case Team sub -> declareArtifacts(sub.items(), new Resolver.Ctx(qualified(ctx.team(), sub), ctx.vars()), quiet);
                case Stmt.Par par -> declareArtifacts(par.body(), ctx, quiet);
                case Stmt.For loop -> {
                    if (loopDepth == 0 && !budget.admit(loop, ctx)) {
                        markUnresolved(loop.body());
                        continue;
                    }
                    List<RoleId> replicas = loopReplicas(loop, ctx, quiet);
                    if (replicas.isEmpty()) {
                        markUnresolved(loop.body());
                    }
                    loopDepth++;
                    for (RoleId replica : replicas) {
                        declareArtifacts(loop.body(), ctx.bind(loop.variable().text(), replica), quiet);
                    }
                    loopDepth--;
                }
                case Stmt.Handoff h -> declareArtifact(h, ctx);
                default -> {
                }
            }
        }
    }

    private void markUnresolved(List<Stmt> body) {
        for (Stmt s : body) {
            switch (s) {
                case Stmt.Handoff h -> unresolved.add(h.artifact().name().text());
                case Stmt.Par p -> markUnresolved(p.body());
                case Stmt.For f -> markUnresolved(f.body());
                case Stmt.Decide d -> {
                }
            }
        }
    }

    private void declareArtifact(Stmt.Handoff h, Resolver.Ctx ctx) {
        String name = h.artifact().name().text();
        Optional<RoleId> replica = h.artifact().index().map(i -> ctx.vars().get(i.text()));
        if (h.artifact().index().isPresent() && replica.isEmpty()) {
            unresolved.add(name);
            return;
        }
        ArtifactId id = new ArtifactId(name, replica);
        Produced earlier = produced.get(name);
        if (earlier == null) {
            Set<ArtifactId> instances = new LinkedHashSet<>();
            instances.add(id);
            produced.put(name, new Produced(replica.isPresent(), instances, h));
            return;
        }
        if (earlier.first() != h || !earlier.instances().add(id)) {
            reporter.errorOnce("S044", h.artifact().span(), name, "artifact '" + name + "' is produced by two hand-offs: "
                    + (earlier.first() != h ? "here and at line " + earlier.first().artifact().span().line()
                    : id.display() + " twice by this one")
                    + "; an artifact has one producer, so give this one another name");
        }
    }

    // ---- pass 2: the flow ----

    private Flow.Sequence block(List<? extends Item> items, Resolver.Ctx ctx) {
        List<Flow> children = new ArrayList<>();
        for (Item item : items) {
            switch (item) {
                case Team sub -> {
                    // A nested team whose name was taken (S011) has no scope: its body is not expanded.
                    String name = qualified(ctx.team(), sub);
                    if (scopes.teams.containsKey(name) && scopes.teams.get(name).decl() == sub) {
                        children.add(block(sub.items(), new Resolver.Ctx(name, ctx.vars())));
                    }
                }
                case Stmt s -> children.add(stmt(s, ctx));
                default -> {
                }
            }
        }
        return new Flow.Sequence(children);
    }

    private Flow stmt(Stmt s, Resolver.Ctx ctx) {
        return switch (s) {
            case Stmt.Handoff h -> handoff(h, ctx).<Flow>map(Flow.Leaf::new).orElse(new Flow.Sequence(List.of()));
            case Stmt.Decide d -> decide(d, ctx).<Flow>map(Flow.Leaf::new).orElse(new Flow.Sequence(List.of()));
            case Stmt.Par par -> {
                List<Flow> branches = new ArrayList<>();
                for (Stmt child : par.body()) {
                    if (child instanceof Stmt.For loop) {
                        for (RoleId replica : loopReplicas(loop, ctx, resolver)) {
                            branches.add(block(loop.body(), ctx.bind(loop.variable().text(), replica)));
                        }
                    } else {
                        branches.add(stmt(child, ctx));
                    }
                }
                yield new Flow.Parallel(par, branches);
            }
            case Stmt.For loop -> {
                List<Flow> runs = new ArrayList<>();
                for (RoleId replica : loopReplicas(loop, ctx, resolver)) {
                    runs.add(block(loop.body(), ctx.bind(loop.variable().text(), replica)));
                }
                yield new Flow.Sequence(runs);
            }
        };
    }

    private List<RoleId> loopReplicas(Stmt.For loop, Resolver.Ctx ctx, Resolver using) {
        if (budget.rejected(loop)) {
            return List.of();
        }
        if (!(loop.over() instanceof RoleRef.Named named) || ctx.vars().containsKey(named.path().get(0).text())
                && named.path().size() == 1) {
            if (using == resolver) {
                reporter.error("S013", loop.over().span(), "'for' loops over the replicas of a role, such as dev[*]; found '"
                        + loop.over().text() + "'");
            }
            return List.of();
        }
        Optional<RoleInfo> role = using.lookup(named, ctx.team());
        if (role.isPresent() && role.get().replicas() == 0) {
            if (using == resolver) {
                reporter.error("S013", loop.over().span(), "'for' needs a role with replicas, but '" + role.get().name()
                        + "' has none (declare it as 'role " + role.get().decl().name().text() + "[N]')");
            }
            return List.of();
        }
        return using.roles(loop.over(), ctx);
    }

    private Optional<Step> handoff(Stmt.Handoff h, Resolver.Ctx ctx) {
        Optional<RoleId> producer = single(h.producer(), ctx, "a hand-off has one producer");
        List<RoleId> receivers = h.receivers().stream().flatMap(r -> othersThan(producer, r, ctx).stream()).distinct()
                .toList();
        Optional<RoleId> replica = Optional.empty();
        if (h.artifact().index().isPresent()) {
            Name var = h.artifact().index().get();
            replica = Optional.ofNullable(ctx.vars().get(var.text()));
            if (replica.isEmpty()) {
                reporter.error("S010", var.span(), "unknown loop variable '" + var.text() + "' in artifact '"
                        + h.artifact().text() + "'; an artifact is indexed by the variable of an enclosing 'for'");
            }
        }
        List<String> globs = h.globs().stream().map(g -> resolver.interpolate(g.value(), g.span(), ctx)).toList();
        List<ArtifactId> reads = artifacts(h.reads(), ctx);
        List<ArtifactId> merges = artifacts(h.merges(), ctx);
        boolean derived = globs.isEmpty() && !merges.isEmpty();
        if (derived) {
            Set<String> union = new LinkedHashSet<>();
            merges.forEach(m -> union.addAll(globsOf.getOrDefault(m, List.of())));
            globs = List.copyOf(union);
        }
        List<Gate> gateList = new ArrayList<>();
        for (GateRef g : h.gates()) {
            if (!gates.contains(g.name().text())) {
                reporter.error("S010", g.name().span(), "unknown gate '" + g.name().text() + "'; built-in gates are "
                        + String.join(", ", new TreeSet<>(Gate.BUILT_IN)) + ", others are defined under 'gates:' in synod.yaml");
            }
            gateList.add(new Gate(g.name().text(), g.argument().map(a -> resolver.interpolate(a.value(), a.span(), ctx))));
        }
        List<RoleId> reviewers = h.reviewers().stream().flatMap(r -> othersThan(producer, r, ctx).stream()).distinct()
                .toList();
        List<RoleId> escalation = new ArrayList<>();
        boolean implicit = false;
        Optional<Clause.ElseEscalate> escalate = h.clause(Clause.ElseEscalate.class);
        if (escalate.isPresent()) {
            escalate.get().targets().forEach(t -> escalation.addAll(othersThan(producer, t, ctx)));
        } else if (h.clause(Clause.ElseFail.class).isEmpty() && producer.isPresent()) {
            Optional<RoleId> lead = implicitLead(producer.get());
            lead.ifPresent(escalation::add);
            implicit = lead.isPresent();
        }
        TeamInfo team = scopes.teams.get(ctx.team());
        OptionalLong within = h.within().map(d -> OptionalLong.of(d.seconds())).orElse(team.defaultWithin());
        int retry = h.retry().orElse(team.defaultRetry().orElse(0));
        if (producer.isEmpty() || (h.artifact().index().isPresent() && replica.isEmpty())) {
            return Optional.empty();
        }
        ArtifactId artifact = new ArtifactId(h.artifact().name().text(), replica);
        globsOf.put(artifact, globs);
        return Optional.of(new Step.Handoff(h, ctx.team(), producer.get(), receivers, artifact, globs, derived, reads,
                merges, gateList, reviewers, escalation, implicit, within, retry, h.frozen()));
    }

    /** The lead of the producer's nested team, unless the producer is that lead. */
    private Optional<RoleId> implicitLead(RoleId producer) {
        RoleInfo role = scopes.roles.get(producer.name());
        if (role == null) {
            return Optional.empty();
        }
        TeamInfo team = scopes.teams.get(role.team());
        if (team == null || team.lead().isEmpty() || team.lead().get().equals(producer.name())) {
            return Optional.empty();
        }
        return Optional.of(new RoleId(team.lead().get(), 0));
    }

    private Optional<Step> decide(Stmt.Decide d, Resolver.Ctx ctx) {
        List<String> questions = new ArrayList<>();
        for (Name q : d.questions()) {
            Optional<String> qualified = question(q.text(), ctx.team());
            if (qualified.isEmpty()) {
                reporter.error("S010", q.span(), "unknown question '" + q.text() + "'; declare it with 'question "
                        + q.text() + " \"…\" options \"…\", \"…\"'");
            } else {
                questions.add(qualified.get());
            }
        }
        Step.ProtocolKind kind = switch (d.protocol()) {
            case Protocol.Leader l -> Step.ProtocolKind.LEADER;
            case Protocol.Vote v -> Step.ProtocolKind.VOTE;
            case Protocol.BenOr b -> Step.ProtocolKind.BEN_OR;
        };
        Optional<RoleId> leader = d.protocol() instanceof Protocol.Leader l
                ? single(l.role(), ctx, "a decide has one leader") : Optional.empty();
        List<RoleId> voters = d.among().map(a -> a.roles().stream().flatMap(r -> resolver.roles(r, ctx).stream())
                .distinct().toList()).orElse(List.of());
        List<ArtifactId> reads = artifacts(d.reads(), ctx);
        int quorum = d.quorum().orElse(voters.size() / 2 + 1);
        int rounds = d.rounds().orElse(kind == Step.ProtocolKind.BEN_OR ? 5 : 1);
        if (kind == Step.ProtocolKind.LEADER) {
            rounds = 1;
        }
        Optional<RoleId> fallback = d.fallback().flatMap(f -> single(f, ctx, "a decide has one fallback role"));
        TeamInfo team = scopes.teams.get(ctx.team());
        OptionalLong within = d.within().map(w -> OptionalLong.of(w.seconds())).orElse(team.defaultWithin());
        return Optional.of(new Step.Decide(d, ctx.team(), questions, kind, leader, voters, reads, quorum, rounds,
                fallback, within));
    }

    private Optional<String> question(String name, String team) {
        Optional<String> scope = Optional.of(team);
        while (scope.isPresent()) {
            TeamInfo info = scopes.teams.get(scope.get());
            if (info.questions().containsKey(name)) {
                return Optional.of(info.questions().get(name));
            }
            scope = info.parent();
        }
        return Optional.empty();
    }

    /**
     * The roles a reference names in a hand-off of {@code producer}: {@code all} means every
     * role of the team except the sender (LANGUAGE.md §4), as receiver, reviewer or escalation target.
     */
    private List<RoleId> othersThan(Optional<RoleId> producer, RoleRef ref, Resolver.Ctx ctx) {
        List<RoleId> ids = resolver.roles(ref, ctx);
        if (ref instanceof RoleRef.All && producer.isPresent()) {
            return ids.stream().filter(id -> !id.equals(producer.get())).toList();
        }
        return ids;
    }

    private Optional<RoleId> single(RoleRef ref, Resolver.Ctx ctx, String rule) {
        if (ref instanceof RoleRef.All) {
            reporter.error("S013", ref.span(), rule + ", but 'all' names every role of the team; name one role");
            return Optional.empty();
        }
        List<RoleId> ids = resolver.roles(ref, ctx);
        if (ids.size() > 1) {
            reporter.error("S013", ref.span(), rule + ", but '" + ref.text() + "' names " + ids.size()
                    + " roles; name one replica, or loop with 'for v in " + ref.text().replace("[*]", "") + "[*] { … }'");
            return Optional.empty();
        }
        return ids.stream().findFirst();
    }

    private List<ArtifactId> artifacts(List<ArtRef> refs, Resolver.Ctx ctx) {
        List<ArtifactId> out = new ArrayList<>();
        for (ArtRef ref : refs) {
            for (ArtifactId id : artifact(ref, ctx)) {
                if (!out.contains(id)) {
                    out.add(id);
                }
            }
        }
        return out;
    }

    private List<ArtifactId> artifact(ArtRef ref, Resolver.Ctx ctx) {
        String name = ref.name().text();
        Produced p = produced.get(name);
        if (p == null && unresolved.contains(name)) {
            return List.of();
        }
        if (p == null) {
            reporter.error("S010", ref.name().span(), "unknown artifact '" + name + "'; no hand-off produces it"
                    + (produced.isEmpty() ? "" : " (artifacts: " + String.join(", ", produced.keySet()) + ")"));
            return List.of();
        }
        if (ref.index().isEmpty()) {
            return List.copyOf(p.instances());
        }
        Subscript index = ref.index().get();
        if (!p.indexed()) {
            reporter.error("S013", index.span(), "artifact '" + name + "' is not produced per replica, so it takes no index; write '"
                    + name + "'");
            return List.of();
        }
        return switch (index) {
            case Subscript.Star s -> List.copyOf(p.instances());
            case Subscript.Var v -> {
                RoleId bound = ctx.vars().get(v.name().text());
                if (bound == null) {
                    reporter.error("S010", v.span(), "unknown loop variable '" + v.name().text() + "' in '" + ref.text() + "'");
                    yield List.of();
                }
                ArtifactId id = new ArtifactId(name, Optional.of(bound));
                if (!p.instances().contains(id)) {
                    reporter.errorOnce("S010", ref.span(), ref.text(), "no artifact " + id.display() + ": '" + name + "' is produced for "
                            + p.instances().stream().map(i -> i.replica().map(RoleId::display).orElse("")).toList());
                    yield List.of();
                }
                yield List.of(id);
            }
            case Subscript.Number n -> List.of();
        };
    }

    private static String qualified(String team, Team sub) {
        return Scopes.qualify(team, sub.name().text());
    }
}
