package dev.synod.core;

import dev.synod.lang.WriteScope;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an effect starts from, as a pure function of the plan and the state (ARCHITECTURE.md §1),
 * so that the embedded engine and a Temporal workflow cannot differ on it: the tree to lay out
 * (the run's base, a merge of artifacts, layers of received artifacts, decisions and the previous
 * attempt's files), the parents of the commit it makes, the decisions it is told, and the frozen
 * artifacts it must not change. The engine turns it into workspace calls.
 *
 * @param base      the commit the run started from
 * @param layers    laid over the base (or over the merge of {@code merges}) in order, bottom first:
 *                  decisions, received artifacts, and last the previous attempt's files
 * @param parents   the commits the effect's commit descends from
 * @param decisions the questions settled so far, question to answer
 * @param merges    for a merging hand-off, the accepted artifacts it merges, name to commit, in order
 * @param frozen    the accepted frozen artifacts the attempt must not change, name to globs
 * @param previous  for a retry or an escalation, the latest earlier attempt that left a commit
 */
public record StartingPoint(String base, List<Workspace.Layer> layers, List<String> parents,
                            Map<String, String> decisions, Map<String, String> merges,
                            Map<String, List<String>> frozen, Optional<Previous> previous) {
    public StartingPoint {
        layers = List.copyOf(layers);
        parents = List.copyOf(parents);
        decisions = Maps.ordered(decisions);
        merges = Maps.ordered(merges);
        frozen = Maps.ordered(frozen);
    }

    /**
     * The attempt a retry or an escalation continues from: its commit, restricted to the
     * hand-off's write scope, is the top layer of the new attempt's tree (issue 10, point 3), so
     * the files it wrote are there to fix instead of gone.
     *
     * @param attempt the earlier attempt's number
     * @param role    who made it (another role than the new attempt's after an escalation)
     * @param commit  what it committed (gates or a review then rejected it, or its scope was broken)
     */
    public record Previous(int attempt, String role, String commit) {
    }

    /**
     * What every effect of one turn starts from: the accepted artifacts and the recorded
     * decisions. An engine computes it once per turn, not once per effect, since it walks the
     * whole plan.
     */
    public record Settled(Map<String, String> accepted, List<Workspace.Layer> decisionLayers,
                          List<String> decisionCommits, Map<String, String> decisions, Map<String, List<String>> frozen) {
        /** Nothing settled: for effects that need nothing of it (a gate checks its command's commit). */
        public static final Settled NONE = new Settled(Map.of(), List.of(), List.of(), Map.of(), Map.of());

        /** What {@code state} has settled. */
        public static Settled of(State state) {
            Plan plan = state.plan();
            List<Workspace.Layer> decisionLayers = new ArrayList<>();
            List<String> decisionCommits = new ArrayList<>();
            Map<String, String> decisions = new LinkedHashMap<>();
            for (Plan.Step step : plan.steps()) {
                if (step instanceof Plan.Decide d
                        && state.result(Ids.record(d.id())).orElse(null) instanceof Event.DecisionRecorded r) {
                    decisionLayers.add(new Workspace.Layer(r.commit(), WriteScope.of(List.of(r.path().split(",")))));
                    decisionCommits.add(r.commit());
                    if (state.command(Ids.record(d.id())).orElse(null) instanceof Command.RecordDecision c) {
                        decisions.putAll(c.answers());
                    }
                }
            }
            Map<String, String> accepted = Interpreter.accepted(state);
            Map<String, List<String>> frozen = new LinkedHashMap<>();
            for (String artifact : accepted.keySet()) {
                if (plan.step(artifact) instanceof Plan.Handoff done && done.freeze()) {
                    frozen.put(artifact, done.globs());
                }
            }
            return new Settled(accepted, decisionLayers, decisionCommits, decisions, frozen);
        }
    }

    /** What {@code command} starts from in {@code state}. */
    public static StartingPoint of(State state, Command command) {
        return of(state, Settled.of(state), command);
    }

    /**
     * What {@code command} starts from in {@code state}, given what the turn has settled.
     *
     * @throws IllegalStateException when the run has not started
     */
    public static StartingPoint of(State state, Settled settled, Command command) {
        Plan plan = state.plan();
        String base = state.runStarted().orElseThrow(() -> new IllegalStateException(
                "expected a started run to derive what " + command.id() + " starts from, found no run-started event")).base();
        Map<String, String> accepted = settled.accepted();
        List<Workspace.Layer> layers = new ArrayList<>(settled.decisionLayers());
        List<String> parents = new ArrayList<>(List.of(base));
        Map<String, String> merges = new LinkedHashMap<>();
        Map<String, List<String>> frozen = new LinkedHashMap<>();
        Optional<Previous> previous = Optional.empty();
        List<String> inputs = switch (command) {
            case Command.RunAgent a -> {
                Plan.Handoff h = (Plan.Handoff) plan.step(a.step());
                for (String artifact : h.merges()) {
                    String commit = accepted.get(artifact);
                    if (commit != null) {
                        merges.put(artifact, commit);
                        parents.add(commit);
                    }
                }
                settled.frozen().forEach((artifact, globs) -> {
                    if (!h.merges().contains(artifact) && !artifact.equals(h.id())) {
                        frozen.put(artifact, globs);
                    }
                });
                previous = previous(state, h, a.attempt());
                yield h.reads();
            }
            case Command.AskVoter v -> ((Plan.Decide) plan.step(v.step())).reads();
            case Command.AskLeader l -> ((Plan.Decide) plan.step(l.step())).reads();
            case Command.Finish f -> new ArrayList<>(accepted.keySet());
            default -> List.of();
        };
        for (String artifact : inputs) {
            String commit = accepted.get(artifact);
            if (commit != null) {
                layers.add(new Workspace.Layer(commit, plan.scope(artifact)));
                parents.add(commit);
            }
        }
        if (command instanceof Command.RunAgent a && previous.isPresent()) {
            // Last, so that within the write scope the attempt finds exactly what the previous one left.
            layers.add(new Workspace.Layer(previous.get().commit(),
                    plan.scope(a.step())));
        }
        if (command instanceof Command.Finish) {
            parents.addAll(settled.decisionCommits());
        }
        return new StartingPoint(base, layers, parents, settled.decisions(), merges, frozen, previous);
    }

    /**
     * The latest attempt before {@code attempt} that left a commit: one that gates or a review
     * rejected, or one refused for its scope. Attempts that crashed or timed out left none and are
     * passed over; without any, the attempt starts from its inputs alone.
     */
    static Optional<Previous> previous(State state, Plan.Handoff h, int attempt) {
        for (int k = attempt - 1; k >= 1; k--) {
            if (!(state.result(Ids.agent(h.id(), k)).orElse(null) instanceof Event.AgentFinished f)) {
                continue;
            }
            String commit = switch (f.outcome()) {
                case Event.Outcome.Produced p -> p.commit();
                case Event.Outcome.Rejected r -> r.commit();
                case Event.Outcome.Crashed c -> null;
                case Event.Outcome.TimedOut t -> null;
                case Event.Outcome.Misconfigured m -> null;
            };
            if (commit != null) {
                return Optional.of(new Previous(k, h.performer(k), commit));
            }
        }
        return Optional.empty();
    }
}
