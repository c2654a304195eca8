package dev.synod.temporal;

/**
 * How a run on Temporal ended: the workflow's result.
 *
 * @param reason why it ended (every step accepted, or why it failed)
 * @param branch the release branch of a run that succeeded ({@code synod/<run>}), else null
 */
public record TeamOutcome(boolean succeeded, String reason, String branch) {
}
