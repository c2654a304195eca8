package dev.synod.core;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What a run executes: the steps of a checked choreography with {@code for} expanded, defaults
 * applied, {@code {v}} interpolated and write scopes resolved, and the shape in which they run.
 * Roles are named as in the file ({@code dev[2]}, {@code core.lead}, {@code human}).
 *
 * @param deadlineSeconds the run's {@code deadline}, if any
 */
public record Plan(String team, List<Step> steps, Node root, Map<String, Question> questions,
                   OptionalLong deadlineSeconds, List<Team> teams) {
    public Plan {
        steps = new Steps(steps);
        questions = Maps.ordered(questions);
        teams = List.copyOf(teams);
    }

    /** A plan without nested teams' hierarchy (tests and callers that do not show it). */
    public Plan(String team, List<Step> steps, Node root, Map<String, Question> questions, OptionalLong deadlineSeconds) {
        this(team, steps, root, questions, deadlineSeconds, List.of());
    }

    /**
     * A nested team: its qualified name, its lead role, its members (roles declared directly in it,
     * the lead included), and the steps its members produce, in plan order.
     */
    public record Team(String name, String lead, List<String> members, List<String> steps) {
        public Team {
            members = List.copyOf(members);
            steps = List.copyOf(steps);
        }
    }

    /** The step with this id, in constant time: the engine asks for steps on every turn. */
    public Step step(String id) {
        Step s = ((Steps) steps).byId.get(id);
        if (s == null) {
            throw new IllegalArgumentException("no step '" + id + "' in the plan of team " + team);
        }
        return s;
    }

    /**
     * The write scope of hand-off {@code handoff}, compiled once for this plan: compiling builds
     * automata, and every attempt needs its hand-off's scope and those of its inputs. The cache
     * lives and dies with the plan, so it holds only as many scopes as the plan has hand-offs.
     *
     * @throws IllegalArgumentException when the plan has no such step or it is not a hand-off
     */
    public dev.synod.lang.WriteScope scope(String handoff) {
        return ((Steps) steps).scopes.computeIfAbsent(handoff, id -> {
            if (!(step(id) instanceof Handoff h)) {
                throw new IllegalArgumentException("expected a hand-off with a write scope, found step '" + id
                        + "' of another kind in the plan of team " + team);
            }
            return dev.synod.lang.WriteScope.of(h.globs());
        });
    }

    /**
     * The steps in order, indexed by id (the first of a repeated id wins, as a search in order
     * would), with the hand-offs' compiled write scopes.
     */
    private static final class Steps extends java.util.AbstractList<Step> implements java.util.RandomAccess {
        private final List<Step> list;
        private final Map<String, Step> byId = new java.util.HashMap<>();
        private final Map<String, dev.synod.lang.WriteScope> scopes = new java.util.concurrent.ConcurrentHashMap<>();

        Steps(List<Step> steps) {
            this.list = List.copyOf(steps);
            list.forEach(s -> byId.putIfAbsent(s.id(), s));
        }

        @Override
        public Step get(int index) {
            return list.get(index);
        }

        @Override
        public int size() {
            return list.size();
        }
    }

    /** How steps run: in sequence, in parallel, or one step. */
    public sealed interface Node {
        record Sequence(List<Node> children) implements Node {
            public Sequence {
                children = List.copyOf(children);
            }
        }

        record Parallel(List<Node> branches) implements Node {
            public Parallel {
                branches = List.copyOf(branches);
            }
        }

        record Run(String step) implements Node {
        }
    }

    /** A declared question with its options (empty for an open question). */
    public record Question(String name, String text, List<String> options) {
        public Question {
            options = List.copyOf(options);
        }
    }

    /** A step of the plan. Ids are unique and stable: the artifact's name for a hand-off. */
    public sealed interface Step {
        String id();

        /** The bound on one attempt or round, in seconds. */
        long withinSeconds();
    }

    /** A gate with its interpolated argument. */
    public record GateSpec(String name, String argument) {
        public GateSpec {
            Objects.requireNonNull(name, "gate name");
        }
    }

    /**
     * A hand-off: {@code performers} is the producer followed by the escalation chain; each
     * performer has {@code retry + 1} attempts.
     */
    public record Handoff(String id, String producer, List<String> receivers, List<String> globs, List<String> reads,
                          List<String> merges, List<GateSpec> gates, List<String> reviewers, List<String> escalation,
                          long withinSeconds, int retry, boolean freeze) implements Step {
        public Handoff {
            receivers = List.copyOf(receivers);
            globs = List.copyOf(globs);
            reads = List.copyOf(reads);
            merges = List.copyOf(merges);
            gates = List.copyOf(gates);
            reviewers = List.copyOf(reviewers);
            escalation = List.copyOf(escalation);
            if (retry < 0) {
                throw new IllegalArgumentException("retry must not be negative, found " + retry);
            }
        }

        /** Attempts in all: every performer's retries. */
        public int maxAttempts() {
            return (retry + 1) * (1 + escalation.size());
        }

        /** Who performs attempt {@code attempt} (1-based). */
        public String performer(int attempt) {
            int index = (attempt - 1) / (retry + 1);
            return index == 0 ? producer : escalation.get(index - 1);
        }
    }

    /** The protocol of a decide. */
    public enum Protocol {
        LEADER, VOTE, BEN_OR;

        /** As written after {@code by}: {@code leader}, {@code vote}, {@code ben_or}. */
        public String keyword() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The faults a decide's {@code tolerate} clause allows for. */
    public enum Fault {
        CRASH, BYZANTINE;

        public String keyword() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * A decide: settles {@code questions} before any later statement starts.
     *
     * @param quorum   the ballots an option needs to win a round (the checker defaults it to more than half of the voters)
     * @param rounds   the rounds before the fallback (1 for {@code vote} and {@code leader}, 5 for {@code ben_or} by default)
     * @param fallback the role that answers when no round reached the quorum, or null: the run then fails
     * @param tolerate how many voters may fail as {@code fault} says (0 without a {@code tolerate} clause)
     * @param fault    the kind of fault tolerated; null when {@code tolerate} is 0
     */
    public record Decide(String id, List<String> questions, Protocol protocol, String leader, List<String> voters,
                         List<String> reads, int quorum, int rounds, String fallback, long withinSeconds,
                         int tolerate, Fault fault)
            implements Step {
        public Decide {
            questions = List.copyOf(questions);
            voters = List.copyOf(voters);
            reads = List.copyOf(reads);
            if (tolerate < 0 || tolerate > 0 && fault == null) {
                throw new IllegalArgumentException("expected tolerate >= 0 with a fault kind, found " + tolerate + " " + fault);
            }
        }

        /** A decide that tolerates no faulty voter. */
        public Decide(String id, List<String> questions, Protocol protocol, String leader, List<String> voters,
                      List<String> reads, int quorum, int rounds, String fallback, long withinSeconds) {
            this(id, questions, protocol, leader, voters, reads, quorum, rounds, fallback, withinSeconds, 0, null);
        }
    }
}
