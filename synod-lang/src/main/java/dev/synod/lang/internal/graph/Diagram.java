package dev.synod.lang.internal.graph;

import dev.synod.lang.ast.ArtRef;
import dev.synod.lang.ast.Item;
import dev.synod.lang.ast.Name;
import dev.synod.lang.ast.Protocol;
import dev.synod.lang.ast.RoleRef;
import dev.synod.lang.ast.Stmt;
import dev.synod.lang.ast.Subscript;
import dev.synod.lang.ast.SynodFile;
import dev.synod.lang.ast.Team;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A choreography ready to draw: its participants in order (declared roles with replicas expanded
 * and nested teams' roles in place, then {@code human} if anyone deals with it, then names used
 * without a declaration) and its flows in order, {@code for} loops expanded per replica.
 */
record Diagram(String name, List<Participant> participants, List<Flow> flows) {

    Diagram {
        participants = List.copyOf(participants);
        flows = List.copyOf(flows);
    }

    /** Resolves and expands a file's tree. */
    static Diagram of(SynodFile file) {
        return new Builder(file.team()).build();
    }

    /**
     * How many loop bodies may be copied in all. Loops nested deeply over many replicas would
     * multiply without bound; past this budget the remaining loops are drawn as loop blocks.
     */
    static final int MAX_EXPANDED_BODIES = 1000;

    /** Walks the statements once, resolving role references against the team scopes. */
    private static final class Builder {
        private final Team top;
        private final Scope scope;
        private final Set<Participant> undeclared = new LinkedHashSet<>();
        private boolean humanUsed;
        private int expandedBodies;

        Builder(Team top) {
            this.top = top;
            this.scope = Scope.top(top);
        }

        Diagram build() {
            List<Flow> flows = items(top.items(), scope, Map.of());
            List<Participant> all = new ArrayList<>(scope.members());
            if (humanUsed) {
                all.add(Participant.HUMAN);
            }
            undeclared.stream().filter(p -> !all.contains(p)).forEach(all::add);
            return new Diagram(top.name().text(), all, flows);
        }

        private List<Flow> items(List<Item> items, Scope in, Map<String, Participant> vars) {
            List<Flow> out = new ArrayList<>();
            for (Item item : items) {
                if (item instanceof Stmt s) {
                    out.addAll(stmt(s, in, vars));
                } else if (item instanceof Team t) {
                    out.addAll(items(t.items(), in.child(t), vars));
                }
            }
            return out;
        }

        private List<Flow> stmts(List<Stmt> body, Scope in, Map<String, Participant> vars) {
            return body.stream().flatMap(s -> stmt(s, in, vars).stream()).toList();
        }

        private List<Flow> stmt(Stmt stmt, Scope in, Map<String, Participant> vars) {
            return switch (stmt) {
                case Stmt.Handoff h -> List.of(send(h, in, vars));
                case Stmt.Decide d -> List.of(decision(d, in, vars));
                case Stmt.Par p -> List.of(new Flow.Parallel(branches(p, in, vars)));
                case Stmt.For f -> {
                    Optional<List<Participant>> replicas = replicas(f, in, vars);
                    if (replicas.isEmpty()) {
                        yield List.of(unexpanded(f, in, vars));
                    }
                    yield replicas.get().stream().flatMap(r -> stmts(f.body(), in, bind(vars, f.variable(), r)).stream())
                            .toList();
                }
            };
        }

        /** A {@code par}'s branches: one per direct child, and one per replica of a {@code for} child. */
        private List<Flow.Branch> branches(Stmt.Par par, Scope in, Map<String, Participant> vars) {
            List<Flow.Branch> out = new ArrayList<>();
            for (Stmt child : par.body()) {
                Optional<List<Participant>> replicas = child instanceof Stmt.For f ? replicas(f, in, vars) : Optional.empty();
                if (child instanceof Stmt.For f && replicas.isPresent()) {
                    for (Participant r : replicas.get()) {
                        out.add(new Flow.Branch(f.variable().text() + " = " + r.name(),
                                stmts(f.body(), in, bind(vars, f.variable(), r))));
                    }
                } else {
                    out.add(new Flow.Branch(label(child), stmt(child, in, vars)));
                }
            }
            return out;
        }

        private static String label(Stmt stmt) {
            return switch (stmt) {
                case Stmt.Handoff h -> h.artifact().text();
                case Stmt.Decide d -> "decide " + d.questions().stream().map(Name::text).collect(Collectors.joining(", "));
                case Stmt.Par p -> "par";
                case Stmt.For f -> "for " + f.variable().text() + " in " + f.over().text();
            };
        }

        private Flow unexpanded(Stmt.For f, Scope in, Map<String, Participant> vars) {
            Participant variable = undeclared(f.variable().text());
            return new Flow.Loop(label(f), stmts(f.body(), in, bind(vars, f.variable(), variable)));
        }

        /**
         * The replicas a {@code for} runs over, when its role is declared with replicas and the
         * budget of copied bodies allows; each call that answers spends the budget.
         */
        private Optional<List<Participant>> replicas(Stmt.For f, Scope in, Map<String, Participant> vars) {
            if (!(f.over() instanceof RoleRef.Named n) || vars.containsKey(n.last().text()) && n.path().size() == 1) {
                return Optional.empty();
            }
            Optional<List<Participant>> replicas = in.role(n.path()).filter(found -> found.decl().replicas().isPresent())
                    .map(found -> select(found, n.index()));
            if (replicas.isEmpty() || expandedBodies + replicas.get().size() > MAX_EXPANDED_BODIES) {
                return Optional.empty();
            }
            expandedBodies += replicas.get().size();
            return replicas;
        }

        private Flow send(Stmt.Handoff h, Scope in, Map<String, Participant> vars) {
            List<Participant> producers = h.producer() instanceof RoleRef.All ? in.members() : resolve(h.producer(), in, vars);
            List<Flow.Arrow> arrows = new ArrayList<>();
            for (Participant from : producers) {
                Set<Participant> to = new LinkedHashSet<>();
                for (RoleRef receiver : h.receivers()) {
                    if (receiver instanceof RoleRef.All) {
                        in.members().stream().filter(p -> !p.equals(from)).forEach(to::add);
                    } else {
                        to.addAll(resolve(receiver, in, vars));
                    }
                }
                to.forEach(t -> arrows.add(new Flow.Arrow(from, t)));
            }
            Artifact artifact = new Artifact(h.artifact().name().text(),
                    h.artifact().index().map(i -> variable(i.text(), vars)).orElse(null));
            List<String> gates = h.gates().stream().map(g -> g.name().text()).toList();
            return new Flow.Send(producers, arrows, artifact, gates, artifacts(h.reads(), vars), artifacts(h.merges(), vars));
        }

        private Flow decision(Stmt.Decide d, Scope in, Map<String, Participant> vars) {
            List<Participant> voters = new ArrayList<>();
            d.among().ifPresent(a -> a.roles().forEach(r -> voters.addAll(r instanceof RoleRef.All ? in.members()
                    : resolve(r, in, vars))));
            String how = d.protocol().keyword();
            if (d.protocol() instanceof Protocol.Leader l) {
                voters.addAll(resolve(l.role(), in, vars));
                how = "leader " + l.role().text();
            }
            String text = "decide " + d.questions().stream().map(Name::text).collect(Collectors.joining(", ")) + " by " + how;
            return new Flow.Decision(voters.stream().distinct().toList(), text, artifacts(d.reads(), vars));
        }

        private static List<Artifact> artifacts(List<ArtRef> refs, Map<String, Participant> vars) {
            return refs.stream().map(r -> new Artifact(r.name().text(), r.index().map(i -> switch (i) {
                case Subscript.Var v -> variable(v.name().text(), vars);
                default -> i.text();
            }).orElse(null))).toList();
        }

        /** A loop variable as it appears in an artifact's index: the replica's flat name when bound. */
        private static String variable(String name, Map<String, Participant> vars) {
            Participant bound = vars.get(name);
            return bound == null ? name : bound.flatName();
        }

        /** The participants a role reference stands for (not {@code all}, which depends on the sender). */
        private List<Participant> resolve(RoleRef ref, Scope in, Map<String, Participant> vars) {
            return switch (ref) {
                case RoleRef.Human h -> {
                    humanUsed = true;
                    yield List.of(Participant.HUMAN);
                }
                case RoleRef.All a -> in.members();
                case RoleRef.Named n -> {
                    if (n.path().size() == 1 && n.index().isEmpty() && vars.containsKey(n.last().text())) {
                        yield List.of(vars.get(n.last().text()));
                    }
                    yield in.role(n.path()).map(found -> select(found, n.index()))
                            .orElseGet(() -> List.of(undeclared(ref.text())));
                }
            };
        }

        /** The replicas of a found role that an index selects; the role itself when it has none. */
        private List<Participant> select(Scope.Found found, Optional<Subscript> index) {
            List<Participant> all = found.scope().participants(found.decl());
            int declared = found.decl().replicas().map(n -> n.value()).orElse(0);
            if (index.isPresent() && index.get() instanceof Subscript.Number k && declared > 0
                    && declared <= Scope.MAX_DRAWN_REPLICAS) {
                return k.value() >= 1 && k.value() <= declared ? List.of(all.get(k.value() - 1))
                        : List.of(undeclared(found.scope().qualified(found.decl()) + "[" + k.value() + "]"));
            }
            return all;
        }

        private Participant undeclared(String name) {
            Participant p = new Participant(name, List.of(), Participant.Kind.UNDECLARED);
            undeclared.add(p);
            return p;
        }

        private static Map<String, Participant> bind(Map<String, Participant> vars, Name variable, Participant value) {
            Map<String, Participant> out = new HashMap<>(vars);
            out.put(variable.text(), value);
            return out;
        }
    }
}
