package dev.synod.lang.internal.graph;

import java.util.List;

/**
 * Someone who takes part in the drawing: a declared role or one replica of it, {@code human},
 * or a name the choreography uses without declaring it.
 *
 * @param name as written in the language: {@code lead}, {@code dev[2]}, {@code ops.boss}
 * @param team the nested teams that hold the role, outermost first (empty for the top team)
 */
record Participant(String name, List<String> team, Kind kind) {

    /** What kind of participant this is. */
    enum Kind { ROLE, HUMAN, UNDECLARED }

    static final Participant HUMAN = new Participant("human", List.of(), Kind.HUMAN);

    Participant {
        team = List.copyOf(team);
    }

    /** The name without brackets, as {@code {d}} becomes in a glob: {@code dev[2]} gives {@code dev2}. */
    String flatName() {
        return name.replace("[", "").replace("]", "");
    }
}
