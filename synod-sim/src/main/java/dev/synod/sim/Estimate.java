package dev.synod.sim;

/**
 * What the lab measured over {@code trials} trials (issue 13, point 2).
 *
 * @param pCorrect    the fraction of trials in which every agent ends on the intended option
 * @param stderr      the standard error of {@code pCorrect}
 * @param closedForm  the exact P(correct) where a closed form exists for the model, else null
 * @param pConsistent the fraction in which every agent ends on the same option
 * @param pQuorum     the fraction in which a decide settled the question by its quorum
 * @param meanRounds  the mean rounds of a decide (1 for {@code none} and {@code leader})
 * @param meanCalls   the mean agent calls
 * @param wastedCalls the mean calls whose work a gate rejected
 */
public record Estimate(double pCorrect, double stderr, Double closedForm, double pConsistent, double pQuorum,
                       double meanRounds, double meanCalls, double wastedCalls, long trials, long seed) {
}
