package dev.synod.temporal;

import dev.synod.core.Command;
import dev.synod.core.State;

/**
 * The task queues of a team: one per role ({@code synod.<team>.<role>}), whose workers have that
 * role's agent; one for gates ({@code synod.<team>.gates}), whose workers also do the run's
 * bookkeeping (tallies, decision records, the release), which needs the repository but no model;
 * and one for the workflow itself ({@code synod.<team>}).
 */
public final class TaskQueues {
    private TaskQueues() {
    }

    /** The queue of the team's workflow tasks. */
    public static String workflow(String team) {
        return "synod." + team;
    }

    /** The queue of {@code role}'s agent: its attempts, reviews, answers and ballots. */
    public static String role(String team, String role) {
        return "synod." + team + "." + role;
    }

    /** The queue of gates and bookkeeping. */
    public static String gates(String team) {
        return "synod." + team + ".gates";
    }

    /** The queue that serves {@code command}: its role's if it calls a model, else the gates'. */
    public static String of(String team, Command command) {
        String role = State.roleOf(command);
        return role.isEmpty() ? gates(team) : role(team, role);
    }
}
