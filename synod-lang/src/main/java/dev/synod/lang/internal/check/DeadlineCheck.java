package dev.synod.lang.internal.check;

import dev.synod.lang.ast.Duration;
import dev.synod.lang.ast.Item;
import dev.synod.lang.model.Flow;
import dev.synod.lang.model.Step;

/**
 * S031: the worst case of a run can exceed its {@code deadline}. A hand-off costs
 * (retry+1) × within × (1 + escalation targets), a decide rounds × within, a {@code par} its
 * slowest branch and a sequence the sum of its parts.
 */
final class DeadlineCheck {
    private DeadlineCheck() {
    }

    static void check(Flow flow, Item.Deadline deadline, Reporter reporter) {
        long worst = worstCase(flow);
        long limit = deadline.duration().seconds();
        if (worst > limit) {
            String amount = (worst == Long.MAX_VALUE ? "more than " : "") + Duration.describe(worst);
            reporter.warning("S031", deadline.span(), "the worst case of the run, " + amount
                    + ", can exceed the deadline of " + deadline.duration().text() + " (every attempt timing out, every "
                    + "escalation taken); lower 'within' or 'retry', or raise the deadline");
        }
    }

    /**
     * The longest the flow can take, in seconds; steps without a time bound count as 0 (S030 reports
     * them). The arithmetic saturates at {@link Long#MAX_VALUE}: large literals must not wrap around
     * into a small or negative worst case that hides the warning.
     */
    static long worstCase(Flow flow) {
        return switch (flow) {
            case Flow.Sequence s -> s.children().stream().mapToLong(DeadlineCheck::worstCase).reduce(0, Saturating::add);
            case Flow.Parallel p -> p.branches().stream().mapToLong(DeadlineCheck::worstCase).max().orElse(0);
            case Flow.Leaf l -> switch (l.step()) {
                case Step.Handoff h -> Saturating.times(Saturating.times(h.retry() + 1L, h.within().orElse(0)),
                        1L + h.escalation().size());
                case Step.Decide d -> Saturating.times(d.rounds(), d.within().orElse(0));
            };
        };
    }

}
