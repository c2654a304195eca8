package dev.synod.runtime.agents.model;

import dev.langchain4j.model.output.TokenUsage;
import dev.synod.core.Event;

/**
 * What a model's tokens cost, from {@code price-per-million-input} and
 * {@code price-per-million-output} in {@code synod.yaml}: turns a call's token usage into the
 * {@link Event.Usage} the budget counts.
 *
 * @param inputUsdPerMillion  US dollars per million input (prompt) tokens
 * @param outputUsdPerMillion US dollars per million output (completion) tokens
 */
public record Pricing(double inputUsdPerMillion, double outputUsdPerMillion) {
    /** No cost: a local model, or one whose prices are not given and no money budget is set. */
    public static final Pricing FREE = new Pricing(0, 0);

    public Pricing {
        if (!(inputUsdPerMillion >= 0) || Double.isInfinite(inputUsdPerMillion)) {
            throw new IllegalArgumentException("price per million input tokens must be a finite amount of at least 0, found "
                    + inputUsdPerMillion);
        }
        if (!(outputUsdPerMillion >= 0) || Double.isInfinite(outputUsdPerMillion)) {
            throw new IllegalArgumentException("price per million output tokens must be a finite amount of at least 0, found "
                    + outputUsdPerMillion);
        }
    }

    /** The cost in US dollars of {@code inputTokens} in and {@code outputTokens} out. */
    public double usd(long inputTokens, long outputTokens) {
        return (inputTokens * inputUsdPerMillion + outputTokens * outputUsdPerMillion) / 1_000_000.0;
    }

    /** A call's usage with its cost; counts the provider did not report are taken as 0. */
    public Event.Usage usage(TokenUsage tokens) {
        if (tokens == null) {
            return Event.Usage.NONE;
        }
        long in = tokens.inputTokenCount() == null ? 0 : tokens.inputTokenCount();
        long out = tokens.outputTokenCount() == null ? 0 : tokens.outputTokenCount();
        return new Event.Usage(in, out, usd(in, out));
    }
}
