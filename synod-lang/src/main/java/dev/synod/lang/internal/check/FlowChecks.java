package dev.synod.lang.internal.check;

import dev.synod.lang.Diagnostic;
import dev.synod.lang.Span;
import dev.synod.lang.ast.ArtRef;
import dev.synod.lang.ast.Stmt;
import dev.synod.lang.ast.StringLit;
import dev.synod.lang.internal.glob.Glob;
import dev.synod.lang.internal.glob.GlobOverlap;
import dev.synod.lang.model.ArtifactId;
import dev.synod.lang.model.Flow;
import dev.synod.lang.model.RoleId;
import dev.synod.lang.model.Step;
import dev.synod.lang.model.TeamInfo;
import dev.synod.lang.model.TeamModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks what depends on order and concurrency: artifacts read before they exist (S040) or by
 * roles that never received them (S041), concurrent writers of the same files (S042), writes to
 * frozen files (S043), parallel work before every question is decided (S050), and members that
 * bypass their team's lead (S062).
 */
final class FlowChecks {

    /**
     * What is settled at a point of the flow: this layer's facts over those of the layer below.
     * A branch of a {@code par} gets a layer of its own instead of a copy, and when every branch
     * is done their layers fold into the state the {@code par} started from.
     */
    private static final class State {
        private final State below;
        private final Set<ArtifactId> produced = new HashSet<>();
        private final Set<String> decided = new HashSet<>();
        private final List<Step.Handoff> frozen = new ArrayList<>();

        private State(State below) {
            this.below = below;
        }

        static State empty() {
            return new State(null);
        }

        State branch() {
            return new State(this);
        }

        boolean produced(ArtifactId id) {
            for (State s = this; s != null; s = s.below) {
                if (s.produced.contains(id)) {
                    return true;
                }
            }
            return false;
        }

        Set<String> decided() {
            Set<String> all = new HashSet<>();
            for (State s = this; s != null; s = s.below) {
                all.addAll(s.decided);
            }
            return all;
        }

        List<Step.Handoff> frozen() {
            List<Step.Handoff> all = new ArrayList<>();
            for (State s = this; s != null; s = s.below) {
                all.addAll(s.frozen);
            }
            return all;
        }

        /** Takes in a finished branch; a step lies in one branch only, so nothing repeats. */
        void absorb(State branch) {
            produced.addAll(branch.produced);
            decided.addAll(branch.decided);
            frozen.addAll(branch.frozen);
        }
    }

    /** One branch of a par: a step lies in the branches of every par around it. */
    private record Branch(Flow.Parallel par, int index) {
    }

    private final Reporter reporter;
    private final TeamModel model;
    private final Map<ArtifactId, Step.Handoff> producers = new HashMap<>();
    private final Map<Step, List<Branch>> branchesOf = new IdentityHashMap<>();
    private final Map<String, Glob> globs = new HashMap<>();
    /** Each step's compiled write scope, by identity: asked for once per pair of steps compared. */
    private final Map<Step.Handoff, List<Glob>> scopes = new IdentityHashMap<>();

    FlowChecks(Reporter reporter, TeamModel model) {
        this.reporter = reporter;
        this.model = model;
        for (Step step : model.flow().steps()) {
            if (step instanceof Step.Handoff h) {
                producers.putIfAbsent(h.artifact(), h);
            }
        }
    }

    void check() {
        locate(model.flow(), List.of());
        walk(model.flow(), State.empty());
        concurrency(model.flow());
    }

    private void locate(Flow flow, List<Branch> path) {
        switch (flow) {
            case Flow.Sequence s -> s.children().forEach(c -> locate(c, path));
            case Flow.Parallel p -> {
                for (int i = 0; i < p.branches().size(); i++) {
                    List<Branch> inner = new ArrayList<>(path);
                    inner.add(new Branch(p, i));
                    locate(p.branches().get(i), inner);
                }
            }
            case Flow.Leaf l -> branchesOf.put(l.step(), path);
        }
    }

    /** True when the steps lie in different branches of one par. */
    private boolean concurrent(Step a, Step b) {
        for (Branch x : branchesOf.getOrDefault(a, List.of())) {
            for (Branch y : branchesOf.getOrDefault(b, List.of())) {
                if (x.par() == y.par() && x.index() != y.index()) {
                    return true;
                }
            }
        }
        return false;
    }

    private State walk(Flow flow, State state) {
        switch (flow) {
            case Flow.Sequence s -> {
                State current = state;
                for (Flow child : s.children()) {
                    current = walk(child, current);
                }
                return current;
            }
            case Flow.Parallel p -> {
                if (p.branches().size() >= 2) {
                    Set<String> open = new TreeSet<>(model.questions().keySet());
                    open.removeAll(state.decided());
                    if (!open.isEmpty()) {
                        reporter.error("S050", p.source().span(), "parallel work starts while question"
                                + (open.size() == 1 ? " " : "s ") + String.join(", ", open) + (open.size() == 1 ? " is" : " are")
                                + " not decided; settle " + (open.size() == 1 ? "it" : "them")
                                + " with 'decide' before this par, so the branches build on one interpretation");
                    }
                }
                List<State> branches = new ArrayList<>();
                for (Flow branch : p.branches()) {
                    branches.add(walk(branch, state.branch()));
                }
                branches.forEach(state::absorb);
                return state;
            }
            case Flow.Leaf l -> {
                switch (l.step()) {
                    case Step.Handoff h -> handoff(h, state);
                    case Step.Decide d -> decide(d, state);
                }
                return state;
            }
        }
    }

    private void handoff(Step.Handoff h, State state) {
        inputs(h, h.reads(), h.source().reads(), List.of(h.producer()), "read", state);
        inputs(h, h.merges(), h.source().merges(), List.of(h.producer()), "merged", state);
        for (Step.Handoff frozen : state.frozen()) {
            if (frozen != h && !h.merges().contains(frozen.artifact())) {
                firstOverlap(h, frozen).ifPresent(o -> reporter.errorOnce("S043", o.span(), frozen.artifact().name(), "hand-off of '" + h.artifact().display()
                        + "' writes frozen files of '" + frozen.artifact().display() + "' (frozen at line "
                        + frozen.source().span().line() + "): " + o.describe() + "; only a hand-off that merges '"
                        + frozen.artifact().display() + "' may change them"));
            }
        }
        state.produced.add(h.artifact());
        if (h.freeze()) {
            state.frozen.add(h);
        }
        bypassesLead(h);
    }

    private void decide(Step.Decide d, State state) {
        List<RoleId> participants = new ArrayList<>(d.voters());
        d.leader().ifPresent(participants::add);
        d.fallback().ifPresent(participants::add);
        inputs(d, d.reads(), d.source().reads(), participants, "read", state);
        state.decided.addAll(d.questions());
    }

    private void inputs(Step step, List<ArtifactId> ids, List<ArtRef> refs, List<RoleId> readers, String verb,
                        State state) {
        for (ArtifactId id : ids) {
            Span where = spanOf(refs, id);
            Step.Handoff producer = producers.get(id);
            if (producer == null) {
                // The artifact is declared, but its hand-off did not resolve and has been reported.
                continue;
            }
            if (!state.produced(id)) {
                int line = producer.source().span().line();
                String when = concurrent(producer, step) ? "on some path it is not produced yet: its hand-off at line "
                        + line + " runs in a concurrent branch of the same par"
                        : producer.source().span().start() < where.start() ? "it is produced later in the loop: its hand-off at line "
                        + line + " runs for " + producer.producer().display() + " after this one"
                        : "it is produced later, at line " + line;
                reporter.errorOnce("S040", where, "", "'" + id.display() + "' is " + verb + " before it is produced: " + when);
                continue;
            }
            for (RoleId reader : readers) {
                if (!reader.equals(producer.producer()) && !producer.receivers().contains(reader)) {
                    reporter.errorOnce("S041", where, reader.name(), reader.display() + " " + verb.replace("read", "reads").replace("merged", "merges")
                            + " '" + id.display() + "' but never received it: it goes from " + producer.producer().display()
                            + " to " + String.join(", ", producer.receivers().stream().map(RoleId::display).toList())
                            + " (line " + producer.source().span().line() + ")");
                }
            }
        }
    }

    private static Span spanOf(List<ArtRef> refs, ArtifactId id) {
        for (ArtRef ref : refs) {
            if (ref.name().text().equals(id.name())) {
                return ref.span();
            }
        }
        return refs.isEmpty() ? Span.NONE : refs.get(0).span();
    }

    private void bypassesLead(Step.Handoff h) {
        Optional<TeamInfo> team = model.role(h.producer()).map(r -> model.teams().get(r.team()));
        if (team.isEmpty() || team.get().isTop() || team.get().lead().isEmpty()
                || team.get().lead().get().equals(h.producer().name())) {
            return;
        }
        for (RoleId receiver : h.receivers()) {
            if (!model.isMemberOf(receiver, team.get().name())) {
                reporter.warningOnce("S062", h.source().receivers().get(0).span(), "bypass", h.producer().display() + " hands '"
                        + h.artifact().display() + "' to " + receiver.display() + ", outside " + team.get().display()
                        + ", without going through its lead " + team.get().lead().get()
                        + "; hand it to the lead, who answers for the team");
                return;
            }
        }
    }

    // ---- S042: concurrent writers ----

    private void concurrency(Flow flow) {
        switch (flow) {
            case Flow.Sequence s -> s.children().forEach(this::concurrency);
            case Flow.Leaf l -> {
            }
            case Flow.Parallel p -> {
                List<List<Step.Handoff>> writers = p.branches().stream().map(FlowChecks::handoffs).toList();
                for (int i = 0; i < writers.size(); i++) {
                    for (int j = i + 1; j < writers.size(); j++) {
                        for (Step.Handoff a : writers.get(i)) {
                            for (Step.Handoff b : writers.get(j)) {
                                firstOverlap(b, a).ifPresent(o -> reporter.errorOnce("S042", o.span(), a.source().span().toString(),
                                        a.producer().display() + " and " + b.producer().display() + " may write the same files: "
                                                + o.describe() + "; give concurrent hand-offs disjoint globs"));
                            }
                        }
                    }
                }
                p.branches().forEach(this::concurrency);
            }
        }
    }

    private static List<Step.Handoff> handoffs(Flow flow) {
        return flow.steps().stream().filter(Step.Handoff.class::isInstance).map(Step.Handoff.class::cast).toList();
    }

    /** Two globs that can match one path, with an example path; located at the glob of {@code h}. */
    private record Overlap(String mine, String theirs, String example, Span span) {
        String describe() {
            return Diagnostic.quote(mine) + " overlaps " + Diagnostic.quote(theirs) + " (both match " + example + ")";
        }
    }

    private Optional<Overlap> firstOverlap(Step.Handoff h, Step.Handoff other) {
        List<Glob> mine = scope(h);
        List<Glob> theirs = scope(other);
        for (int i = 0; i < mine.size(); i++) {
            for (int j = 0; j < theirs.size(); j++) {
                Glob a = mine.get(i);
                Glob b = theirs.get(j);
                if (a == null || b == null) {
                    continue;
                }
                Optional<String> example = GlobOverlap.witness(a, b);
                if (example.isPresent()) {
                    return Optional.of(new Overlap(h.globs().get(i), other.globs().get(j), example.get(), globSpan(h, i)));
                }
            }
        }
        return Optional.empty();
    }

    /** The compiled globs of a step, in order; null for a malformed one (the parser reported it). */
    private List<Glob> scope(Step.Handoff h) {
        return scopes.computeIfAbsent(h, step -> step.globs().stream().map(this::glob).toList());
    }

    private static Span globSpan(Step.Handoff h, int index) {
        List<StringLit> literal = h.source().globs();
        if (!h.globsFromMerges() && index < literal.size()) {
            return literal.get(index).span();
        }
        Stmt.Handoff s = h.source();
        return s.producer().span().to(s.artifact().span());
    }

    private Glob glob(String pattern) {
        return globs.computeIfAbsent(pattern, p -> {
            try {
                return Glob.compile(p);
            } catch (IllegalArgumentException e) {
                return null;
            }
        });
    }
}
