package dev.synod.lang.model;

import dev.synod.lang.ast.Team;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A team's namespace: the top-level team (name "") or a nested one (its qualified name).
 *
 * @param lead          the qualified name of the lead role, for a nested team that names a valid one
 * @param roles         simple name to qualified name, for roles declared directly in this team
 * @param subteams      simple name to qualified name, for teams nested directly in this team
 * @param questions     simple name to qualified name, for questions declared directly in this team
 * @param defaultWithin the effective {@code defaults within} in seconds (inherited field by field)
 * @param defaultRetry  the effective {@code defaults retry} (inherited field by field)
 */
public record TeamInfo(String name, Team decl, Optional<String> parent, Optional<String> lead,
                       Map<String, String> roles, Map<String, String> subteams, Map<String, String> questions,
                       OptionalLong defaultWithin, OptionalInt defaultRetry) {
    public TeamInfo {
        roles = Map.copyOf(roles);
        subteams = Map.copyOf(subteams);
        questions = Map.copyOf(questions);
    }

    public boolean isTop() {
        return parent.isEmpty();
    }

    /** How the team is named in messages. */
    public String display() {
        return isTop() ? "team " + decl.name().text() : "team " + name;
    }
}
