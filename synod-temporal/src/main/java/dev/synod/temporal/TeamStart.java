package dev.synod.temporal;

import dev.synod.core.Event;
import java.time.Duration;
import java.util.List;

/**
 * What a run on Temporal starts with: everything the workflow needs, so that its code reads no
 * file, clock or random source. The starter has checked the team and recorded the start commit.
 *
 * @param run          the run's id, also the workflow's id
 * @param teamText     the text of {@code team.synod}
 * @param configText   the text of {@code synod.yaml}, or null without one
 * @param planBlob     the blob hash of {@code team.synod}, as the run-started event names it
 * @param configBlob   the blob hash of {@code synod.yaml}, or null
 * @param base         the commit the agents start from
 * @param seed         the seed of the run's coins
 * @param autoApprove  answer every approval a person is asked for with yes ({@code --yes})
 * @param heartbeat    how long an activity may go without a heartbeat before Temporal deems its worker lost
 * @param historyLimit how many events a workflow run's history may reach before the workflow continues as a
 *                     new run (Temporal suggests it earlier when the history nears its own limits); null for
 *                     {@link #HISTORY_LIMIT}
 * @param carried      the run's events so far, when an earlier workflow run continued as this one; else empty
 */
public record TeamStart(String run, String teamText, String configText, String planBlob, String configBlob, String base,
                        long seed, boolean autoApprove, Duration heartbeat, Integer historyLimit, List<Event> carried) {
    /** The heartbeat timeout unless the starter chooses another: the workers beat every few seconds. */
    public static final Duration HEARTBEAT = Duration.ofSeconds(30);

    /**
     * The history length at which a run continues as new unless the starter chooses another: well below
     * Temporal's 51,200 events, so that the carried events stay a small payload.
     */
    public static final int HISTORY_LIMIT = 10_000;

    public TeamStart {
        if (run == null || run.isBlank()) {
            throw new IllegalArgumentException("a run on Temporal needs a run id, found " + run);
        }
        if (heartbeat == null || heartbeat.isNegative() || heartbeat.isZero()) {
            throw new IllegalArgumentException("the heartbeat timeout must be positive, found " + heartbeat);
        }
        // Absent from starts written before it existed (their histories must still replay): the default.
        historyLimit = historyLimit == null ? HISTORY_LIMIT : historyLimit;
        if (historyLimit <= 0) {
            throw new IllegalArgumentException("the history limit must be positive, found " + historyLimit);
        }
        carried = carried == null ? List.of() : List.copyOf(carried);
    }

    /** A new run's start: nothing carried, the default heartbeat timeout and history limit. */
    public TeamStart(String run, String teamText, String configText, String planBlob, String configBlob, String base,
                     long seed, boolean autoApprove) {
        this(run, teamText, configText, planBlob, configBlob, base, seed, autoApprove, HEARTBEAT, HISTORY_LIMIT, List.of());
    }

    /** This start with the heartbeat timeout {@code timeout}. */
    public TeamStart withHeartbeat(Duration timeout) {
        return new TeamStart(run, teamText, configText, planBlob, configBlob, base, seed, autoApprove, timeout, historyLimit,
                carried);
    }

    /** This start with the history limit {@code events}. */
    public TeamStart withHistoryLimit(int events) {
        return new TeamStart(run, teamText, configText, planBlob, configBlob, base, seed, autoApprove, heartbeat, events,
                carried);
    }

    /** The start of the workflow run that continues this one with the run's events so far. */
    public TeamStart continued(List<Event> events) {
        return new TeamStart(run, teamText, configText, planBlob, configBlob, base, seed, autoApprove, heartbeat, historyLimit,
                events);
    }
}
