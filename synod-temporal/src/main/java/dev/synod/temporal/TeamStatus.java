package dev.synod.temporal;

import java.util.List;

/**
 * A run's status as the workflow's query answers it.
 *
 * @param status  {@code running}, {@code waiting} (only people are awaited), {@code succeeded} or {@code failed}
 * @param running the ids of the commands whose activities run
 * @param waiting the ids of the commands a person answers ({@link TeamWorkflow#answer})
 * @param events  how many events the run's history holds
 */
public record TeamStatus(String run, String team, String status, List<String> running, List<String> waiting, int events) {
    public TeamStatus {
        running = List.copyOf(running);
        waiting = List.copyOf(waiting);
    }
}
