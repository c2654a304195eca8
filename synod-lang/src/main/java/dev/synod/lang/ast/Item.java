package dev.synod.lang.ast;

import dev.synod.lang.Span;
import java.util.List;
import java.util.Optional;

/** Something that can stand in a team body: a declaration, a nested team or a statement. */
public sealed interface Item extends Node permits Item.Prompt, Item.Deadline, Item.Defaults, Item.RoleDecl,
        Item.QuestionDecl, Team, Stmt {

    /** {@code prompt "PROMPT.md"} (top-level team only). */
    record Prompt(StringLit path, Span span) implements Item {
    }

    /** {@code deadline 6h} (top-level team only). */
    record Deadline(Duration duration, Span span) implements Item {
    }

    /** {@code defaults within 10m retry 2}. */
    record Defaults(Optional<Clause.Within> within, Optional<Clause.Retry> retry, Span span) implements Item {
    }

    /** {@code role dev[3] model default, critic}. */
    record RoleDecl(Name name, Optional<IntLit> replicas, List<Name> models, Span span) implements Item {
        public RoleDecl {
            models = List.copyOf(models);
        }

        /** The model alias of replica {@code i} (1-based), taken cyclically from the list. */
        public Name modelOf(int replica) {
            return models.get((replica - 1) % models.size());
        }
    }

    /** {@code question money "How…?" options "a", "b"}. */
    record QuestionDecl(Name name, StringLit text, List<StringLit> options, Span span) implements Item {
        public QuestionDecl {
            options = List.copyOf(options);
        }
    }
}
