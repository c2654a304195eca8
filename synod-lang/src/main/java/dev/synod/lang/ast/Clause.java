package dev.synod.lang.ast;

import dev.synod.lang.Span;
import java.util.List;

/**
 * A clause of a hand-off or a decide. Each kind appears at most once per statement; the
 * parser keeps them in source order and the formatter prints them in canonical order.
 */
public sealed interface Clause extends Node {

    /** {@code reads a, b[*]}: the artifacts given to the agent as inputs (hand-off and decide). */
    record Reads(List<ArtRef> artifacts, Span span) implements Clause {
        public Reads {
            artifacts = List.copyOf(artifacts);
        }
    }

    /** {@code merges a, b[*]}: the hand-off starts from the merge of these artifacts. */
    record Merges(List<ArtRef> artifacts, Span span) implements Clause {
        public Merges {
            artifacts = List.copyOf(artifacts);
        }
    }

    /** {@code gate compile, test "glob"}: deterministic checks, in order. */
    record Gates(List<GateRef> gates, Span span) implements Clause {
        public Gates {
            gates = List.copyOf(gates);
        }
    }

    /** {@code review r, human}: agentic checks after the gates. */
    record Review(List<RoleRef> reviewers, Span span) implements Clause {
        public Review {
            reviewers = List.copyOf(reviewers);
        }
    }

    /** {@code else fail}. */
    record ElseFail(Span span) implements Clause {
    }

    /** {@code else escalate x, y}. */
    record ElseEscalate(List<RoleRef> targets, Span span) implements Clause {
        public ElseEscalate {
            targets = List.copyOf(targets);
        }
    }

    /** {@code freeze}: once accepted, later hand-offs may not write the artifact's files. */
    record Freeze(Span span) implements Clause {
    }

    /** {@code within 15m}: the bound on one attempt (hand-off) or one round (decide). */
    record Within(Duration duration, Span span) implements Clause {
    }

    /** {@code retry 3}: further attempts after a failed one. */
    record Retry(IntLit count, Span span) implements Clause {
    }

    /** {@code quorum 3} (decide). */
    record Quorum(IntLit count, Span span) implements Clause {
    }

    /** {@code rounds 4} (decide). */
    record Rounds(IntLit count, Span span) implements Clause {
    }

    /** {@code fallback architect} (decide). */
    record Fallback(RoleRef role, Span span) implements Clause {
    }

    /** {@code tolerate 1 crash} (decide). */
    record Tolerate(IntLit count, FaultKind kind, Span span) implements Clause {
    }

    /** The keyword that starts the clause, as written in source. */
    default String keyword() {
        return switch (this) {
            case Reads r -> "reads";
            case Merges m -> "merges";
            case Gates g -> "gate";
            case Review r -> "review";
            case ElseFail e -> "else";
            case ElseEscalate e -> "else";
            case Freeze f -> "freeze";
            case Within w -> "within";
            case Retry r -> "retry";
            case Quorum q -> "quorum";
            case Rounds r -> "rounds";
            case Fallback f -> "fallback";
            case Tolerate t -> "tolerate";
        };
    }

    /**
     * Position in the canonical order (LANGUAGE.md §8): {@code reads, merges, gate, review,
     * within, retry, else, freeze} for a hand-off and {@code reads, quorum, rounds, fallback,
     * tolerate, within} for a decide.
     */
    default int canonicalRank(boolean inDecide) {
        if (inDecide) {
            return switch (this) {
                case Reads r -> 0;
                case Quorum q -> 1;
                case Rounds r -> 2;
                case Fallback f -> 3;
                case Tolerate t -> 4;
                case Within w -> 5;
                default -> 6;
            };
        }
        return switch (this) {
            case Reads r -> 0;
            case Merges m -> 1;
            case Gates g -> 2;
            case Review r -> 3;
            case Within w -> 4;
            case Retry r -> 5;
            case ElseFail e -> 6;
            case ElseEscalate e -> 6;
            case Freeze f -> 7;
            default -> 8;
        };
    }
}
