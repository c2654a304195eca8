package dev.synod.lang;

import dev.synod.lang.internal.project.ProjectionJson;
import dev.synod.lang.internal.project.ProjectionText;
import dev.synod.lang.model.ArtifactId;
import dev.synod.lang.model.Gate;
import dev.synod.lang.model.RoleId;
import dev.synod.lang.model.Step.ProtocolKind;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The local contract of one role (LANGUAGE.md §7): what it produces, receives, reviews, takes
 * over and decides, in the order of the choreography. Printed by {@code synod project} and used by
 * the runtime to build each agent's instructions, so the contract an agent reads is the one the
 * checker verified.
 *
 * <p>Entries follow the flow: a sequence keeps its order; a {@code par} in which the role appears
 * in two or more branches becomes a {@link Concurrently} entry, one whose role appears in a single
 * branch is flattened into the sequence, and branches without the role vanish. One statement may
 * give several entries (a reviewer that is also an escalation target); they come in the order
 * {@link Produce}, {@link Review}, {@link TakeOver}, {@link Receive} for a hand-off and
 * {@link Vote}, {@link Lead}, {@link Fallback} for a decide.
 *
 * @param role    the replica or role projected on, as written in a file ({@code dev[2]}, {@code core.lead})
 * @param team    the name of the top-level team
 * @param entries what the role does, in order; empty when it takes part in no step
 */
public record Projection(String role, String team, List<Entry> entries) {
    public Projection {
        entries = List.copyOf(entries);
    }

    /** The contract as numbered text, for people and for an agent's instructions. */
    public String toText() {
        return ProjectionText.render(this);
    }

    /** The contract as a JSON document: the same data, with a {@code "kind"} field per entry. */
    public String toJson() {
        return ProjectionJson.render(this);
    }

    /** One thing the role does, from one statement of the choreography (or one {@code par}). */
    public sealed interface Entry permits Produce, TakeOver, Receive, Review, Vote, Lead, Fallback, Concurrently {
        /** The 1-based source line of the statement (of the {@code par} for {@link Concurrently}). */
        int line();
    }

    /**
     * What a hand-off asks of whoever performs it: its producer, or an escalation target that
     * takes it over with the same inputs, checks and budget of attempts.
     *
     * @param writeScope      the globs the performer may write
     * @param scopeFromMerges true when the hand-off has no globs of its own and its write scope is
     *                        the union of the merged artifacts' globs
     * @param within          the bound on one attempt in seconds, empty when there is none
     * @param retry           how many more attempts after a failed one
     * @param freeze          true when no later hand-off may write the artifact's files once accepted
     */
    public record Task(ArtifactId artifact, List<RoleId> receivers, List<String> writeScope, boolean scopeFromMerges,
                       List<ArtifactId> reads, List<ArtifactId> merges, List<Gate> gates, List<RoleId> reviewers,
                       OptionalLong within, int retry, boolean freeze) {
        public Task {
            receivers = List.copyOf(receivers);
            writeScope = List.copyOf(writeScope);
            reads = List.copyOf(reads);
            merges = List.copyOf(merges);
            gates = List.copyOf(gates);
            reviewers = List.copyOf(reviewers);
        }
    }

    /**
     * The role produces an artifact.
     *
     * @param escalation         who takes the step over, in turn, when every attempt failed; empty
     *                           when the run then fails
     * @param escalationImplicit true when the target is the lead of the producer's nested team,
     *                           by default rather than by an {@code else escalate} clause
     */
    public record Produce(Task task, List<RoleId> escalation, boolean escalationImplicit, int line) implements Entry {
        public Produce {
            escalation = List.copyOf(escalation);
        }
    }

    /**
     * The role is an escalation target: it takes the step over when the producer, and every
     * target before it in the chain, has failed.
     *
     * @param producer the role that produces the artifact first
     * @param earlier  the escalation targets that try before this role, in order
     * @param later    the escalation targets that try after this role, in order; when empty, the
     *                 run fails if this role fails too
     * @param implicit true when this role is the lead of the producer's nested team, the target by default
     */
    public record TakeOver(Task task, RoleId producer, List<RoleId> earlier, List<RoleId> later, boolean implicit,
                           int line) implements Entry {
        public TakeOver {
            earlier = List.copyOf(earlier);
            later = List.copyOf(later);
        }
    }

    /**
     * The role receives an accepted artifact and may read it from then on.
     *
     * @param files  the artifact's globs
     * @param frozen true when no later hand-off may write those files (except one that merges it)
     */
    public record Receive(ArtifactId artifact, RoleId producer, List<String> files, boolean frozen, int line)
            implements Entry {
        public Receive {
            files = List.copyOf(files);
        }
    }

    /**
     * The role reviews each attempt at an artifact once every gate has passed, and accepts or
     * rejects it ({@code human}: a person's approval).
     *
     * @param files the artifact's globs
     * @param gates the gates that run before the review
     */
    public record Review(ArtifactId artifact, RoleId producer, List<String> files, List<Gate> gates, int line)
            implements Entry {
        public Review {
            files = List.copyOf(files);
            gates = List.copyOf(gates);
        }
    }

    /**
     * A question a decide settles.
     *
     * @param name    the qualified name ({@code money}, {@code core.style})
     * @param text    the question as declared
     * @param options the options, empty when the question declares none
     */
    public record Question(String name, String text, List<String> options) {
        public Question {
            options = List.copyOf(options);
        }
    }

    /**
     * The role votes in a {@code vote} or {@code ben_or} decide.
     *
     * @param quorum   the votes an option needs to win
     * @param rounds   the most rounds before the fallback answers (or the run fails)
     * @param fallback who decides when no option reaches the quorum
     * @param within   the bound on one round in seconds, empty when there is none
     */
    public record Vote(List<Question> questions, ProtocolKind protocol, List<RoleId> voters, List<ArtifactId> reads,
                       int quorum, int rounds, Optional<RoleId> fallback, OptionalLong within, int line)
            implements Entry {
        public Vote {
            questions = List.copyOf(questions);
            voters = List.copyOf(voters);
            reads = List.copyOf(reads);
        }
    }

    /**
     * The role is the leader of a {@code leader} decide: it answers alone.
     *
     * @param within the bound on the answer in seconds, empty when there is none
     */
    public record Lead(List<Question> questions, List<ArtifactId> reads, OptionalLong within, int line)
            implements Entry {
        public Lead {
            questions = List.copyOf(questions);
            reads = List.copyOf(reads);
        }
    }

    /**
     * The role is the fallback of a vote: it decides when no option reaches the quorum.
     *
     * @param rounds the rounds the voters get first
     * @param within the bound on one round in seconds, empty when there is none
     */
    public record Fallback(List<Question> questions, ProtocolKind protocol, List<RoleId> voters,
                           List<ArtifactId> reads, int rounds, OptionalLong within, int line) implements Entry {
        public Fallback {
            questions = List.copyOf(questions);
            voters = List.copyOf(voters);
            reads = List.copyOf(reads);
        }
    }

    /**
     * Branches of a {@code par} in which the role appears more than once: each branch keeps its
     * order, the branches run at the same time, and the next entry starts when all are done.
     *
     * @param branches two or more non-empty branches
     */
    public record Concurrently(List<List<Entry>> branches, int line) implements Entry {
        public Concurrently {
            branches = branches.stream().map(List::copyOf).toList();
        }
    }
}
