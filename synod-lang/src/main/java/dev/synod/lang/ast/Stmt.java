package dev.synod.lang.ast;

import dev.synod.lang.Span;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** An executable statement: a hand-off, a decide, a {@code par} block or a {@code for} loop. */
public sealed interface Stmt extends Item {

    /** The clauses of a hand-off or a decide, in source order, looked up by kind. */
    interface WithClauses {
        List<Clause> clauses();

        default <C extends Clause> Optional<C> clause(Class<C> kind) {
            return clauses().stream().filter(kind::isInstance).map(kind::cast).findFirst();
        }

        default List<ArtRef> reads() {
            return clause(Clause.Reads.class).map(Clause.Reads::artifacts).orElse(List.of());
        }

        default Optional<Duration> within() {
            return clause(Clause.Within.class).map(Clause.Within::duration);
        }
    }

    /** {@code p -> r1, r2 : a "glob", … clauses}. */
    record Handoff(RoleRef producer, List<RoleRef> receivers, ArtDecl artifact, List<StringLit> globs,
                   List<Clause> clauses, Span span) implements Stmt, WithClauses {
        public Handoff {
            receivers = List.copyOf(receivers);
            globs = List.copyOf(globs);
            clauses = List.copyOf(clauses);
        }

        public List<ArtRef> merges() {
            return clause(Clause.Merges.class).map(Clause.Merges::artifacts).orElse(List.of());
        }

        public List<GateRef> gates() {
            return clause(Clause.Gates.class).map(Clause.Gates::gates).orElse(List.of());
        }

        public List<RoleRef> reviewers() {
            return clause(Clause.Review.class).map(Clause.Review::reviewers).orElse(List.of());
        }

        public OptionalInt retry() {
            return clause(Clause.Retry.class).map(r -> OptionalInt.of(r.count().value())).orElse(OptionalInt.empty());
        }

        public boolean frozen() {
            return clause(Clause.Freeze.class).isPresent();
        }
    }

    /** {@code decide q1, q2 among voters by protocol clauses}. */
    record Decide(List<Name> questions, Optional<Among> among, Protocol protocol, List<Clause> clauses, Span span)
            implements Stmt, WithClauses {
        public Decide {
            questions = List.copyOf(questions);
            clauses = List.copyOf(clauses);
        }

        public OptionalInt quorum() {
            return clause(Clause.Quorum.class).map(q -> OptionalInt.of(q.count().value())).orElse(OptionalInt.empty());
        }

        public OptionalInt rounds() {
            return clause(Clause.Rounds.class).map(r -> OptionalInt.of(r.count().value())).orElse(OptionalInt.empty());
        }

        public Optional<RoleRef> fallback() {
            return clause(Clause.Fallback.class).map(Clause.Fallback::role);
        }

        public Optional<Clause.Tolerate> tolerate() {
            return clause(Clause.Tolerate.class);
        }
    }

    /** {@code among r1, r2[*]}: the voters of a decide. */
    record Among(List<RoleRef> roles, Span span) implements Node {
        public Among {
            roles = List.copyOf(roles);
        }
    }

    /** {@code par { … }}: direct children run concurrently. */
    record Par(List<Stmt> body, Span span) implements Stmt {
        public Par {
            body = List.copyOf(body);
        }
    }

    /** {@code for v in r[*] { … }}. */
    record For(Name variable, RoleRef over, List<Stmt> body, Span span) implements Stmt {
        public For {
            body = List.copyOf(body);
        }
    }
}
