package dev.synod.temporal;

import java.time.Duration;

/**
 * What a run on Temporal starts with: everything the workflow needs, so that its code reads no
 * file, clock or random source. The starter has checked the team and recorded the start commit.
 *
 * @param run         the run's id, also the workflow's id
 * @param teamText    the text of {@code team.synod}
 * @param configText  the text of {@code synod.yaml}, or null without one
 * @param planBlob    the blob hash of {@code team.synod}, as the run-started event names it
 * @param configBlob  the blob hash of {@code synod.yaml}, or null
 * @param base        the commit the agents start from
 * @param seed        the seed of the run's coins
 * @param autoApprove answer every approval a person is asked for with yes ({@code --yes})
 * @param heartbeat   how long an activity may go without a heartbeat before Temporal deems its worker lost
 */
public record TeamStart(String run, String teamText, String configText, String planBlob, String configBlob, String base,
                        long seed, boolean autoApprove, Duration heartbeat) {
    /** The heartbeat timeout unless the starter chooses another: the workers beat every few seconds. */
    public static final Duration HEARTBEAT = Duration.ofSeconds(30);

    public TeamStart {
        if (run == null || run.isBlank()) {
            throw new IllegalArgumentException("a run on Temporal needs a run id, found " + run);
        }
        if (heartbeat == null || heartbeat.isNegative() || heartbeat.isZero()) {
            throw new IllegalArgumentException("the heartbeat timeout must be positive, found " + heartbeat);
        }
    }

    /** This start with the heartbeat timeout {@code timeout}. */
    public TeamStart withHeartbeat(Duration timeout) {
        return new TeamStart(run, teamText, configText, planBlob, configBlob, base, seed, autoApprove, timeout);
    }
}
