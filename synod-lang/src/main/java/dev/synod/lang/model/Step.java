package dev.synod.lang.model;

import dev.synod.lang.ast.Stmt;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** One executable step of the flow: a concrete hand-off or decide, with every default applied. */
public sealed interface Step {

    /** The team (qualified name, "" for the top level) in whose body the statement is written. */
    String team();

    /**
     * A hand-off with its roles resolved and its strings interpolated.
     *
     * @param globs           the write scope: the hand-off's globs, or for a merging hand-off without
     *                        globs the union of the merged artifacts' globs
     * @param escalation      the escalation chain: the {@code else escalate} targets, or the team lead
     *                        for a member of a nested team without {@code else}
     * @param within          the bound on one attempt in seconds, empty when there is none
     */
    record Handoff(Stmt.Handoff source, String team, RoleId producer, List<RoleId> receivers, ArtifactId artifact,
                   List<String> globs, boolean globsFromMerges, List<ArtifactId> reads, List<ArtifactId> merges,
                   List<Gate> gates, List<RoleId> reviewers, List<RoleId> escalation, boolean escalationImplicit,
                   OptionalLong within, int retry, boolean freeze) implements Step {
        public Handoff {
            receivers = List.copyOf(receivers);
            globs = List.copyOf(globs);
            reads = List.copyOf(reads);
            merges = List.copyOf(merges);
            gates = List.copyOf(gates);
            reviewers = List.copyOf(reviewers);
            escalation = List.copyOf(escalation);
        }
    }

    /** How a decide reaches its answer. */
    enum ProtocolKind {
        LEADER, VOTE, BEN_OR;

        public String keyword() {
            return this == BEN_OR ? "ben_or" : name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * A decide with its voters resolved and its defaults applied.
     *
     * @param quorum the votes an option needs: the {@code quorum} clause or a strict majority of the voters
     * @param rounds the rounds: the {@code rounds} clause, else 1 ({@code leader}, {@code vote}) or 5 ({@code ben_or})
     */
    record Decide(Stmt.Decide source, String team, List<String> questions, ProtocolKind protocol,
                  Optional<RoleId> leader, List<RoleId> voters, List<ArtifactId> reads, int quorum, int rounds,
                  Optional<RoleId> fallback, OptionalLong within) implements Step {
        public Decide {
            questions = List.copyOf(questions);
            voters = List.copyOf(voters);
            reads = List.copyOf(reads);
        }
    }
}
