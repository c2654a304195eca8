package dev.synod.cli.internal;

import dev.synod.core.Plan;
import dev.synod.core.State;
import dev.synod.runtime.engine.Timeline;
import java.time.Duration;
import java.time.Instant;

/**
 * The figures a run prints once at its end, taken from the same fold as {@code synod status}
 * ({@link StatusCommand#status}), so the two never disagree.
 *
 * @param accepted    steps accepted (hand-offs and decisions), of {@code steps}
 * @param attempts    attempts of every hand-off, the first ones included
 * @param retries     attempts after a step's first by the same performer
 * @param escalations times a step went to the next performer of its escalation chain
 * @param decisions   questions decided
 * @param wall        from the run's start to its end, or to now for a run that has not ended
 */
record RunSummary(int steps, int accepted, int attempts, int retries, int escalations, int decisions, long tokens,
                  double usd, Duration wall) {

    static RunSummary of(StatusCommand.RunStatus status, State state, Instant now) {
        int attempts = 0;
        int retries = 0;
        int escalations = 0;
        for (Plan.Step step : state.plan().steps()) {
            int n = state.currentAttempt(step.id());
            if (step instanceof Plan.Handoff h && n > 0) {
                attempts += n;
                int chain = (n - 1) / (h.retry() + 1);
                escalations += chain;
                retries += n - 1 - chain;
            }
        }
        int accepted = (int) status.steps().stream().filter(s -> s.status().equals("accepted")).count();
        Instant start = state.runStarted().map(s -> s.at()).orElse(now);
        Instant end = state.finished().map(f -> f.at()).orElse(now);
        return new RunSummary(status.steps().size(), accepted, attempts, retries, escalations, status.decisions().size(),
                status.tokens(), status.usd(), Duration.between(start, end));
    }

    /** {@code 4 of 4 steps accepted, 5 attempts (1 retry, 0 escalations), 2 decisions, 1200 tokens, $0.0042, 1m 12s}. */
    String figures() {
        return accepted + " of " + steps + " steps accepted, " + count(attempts, "attempt") + " (" + count(retries, "retry")
                + ", " + count(escalations, "escalation") + "), " + count(decisions, "decision") + ", " + tokens
                + " tokens, " + Timeline.money(usd) + ", wall time " + wall(wall);
    }

    private static String count(int n, String noun) {
        String plural = noun.endsWith("y") ? noun.substring(0, noun.length() - 1) + "ies" : noun + "s";
        return n + " " + (n == 1 ? noun : plural);
    }

    /** A duration to the second: {@code 7s}, {@code 1m 12s}, {@code 2h 3m 4s}. */
    static String wall(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + "s";
        }
        return s < 3600 ? s / 60 + "m " + s % 60 + "s" : s / 3600 + "h " + s / 60 % 60 + "m " + s % 60 + "s";
    }
}
