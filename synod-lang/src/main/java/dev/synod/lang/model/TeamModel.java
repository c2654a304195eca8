package dev.synod.lang.model;

import dev.synod.lang.ast.Item;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The resolved choreography: its teams, roles and questions by qualified name, and the flow of
 * steps. Built by the checker for every file without syntax errors; names that did not resolve
 * are left out of the flow (the checker has reported them).
 */
public record TeamModel(String name, Map<String, TeamInfo> teams, Map<String, RoleInfo> roles,
                        Map<String, Item.QuestionDecl> questions, Flow flow, OptionalLong deadline,
                        Optional<String> prompt) {
    public TeamModel {
        teams = Map.copyOf(teams);
        roles = Map.copyOf(roles);
        questions = Map.copyOf(questions);
    }

    /** The declared role of a participant, or empty for {@code human}. */
    public Optional<RoleInfo> role(RoleId id) {
        return Optional.ofNullable(roles.get(id.name()));
    }

    /** The model alias of a participant, or empty for {@code human}. */
    public Optional<String> modelOf(RoleId id) {
        return role(id).map(r -> r.modelOf(id));
    }

    /** Every participant, in declaration order of the source (teams' roles where the team stands). */
    public List<RoleId> participants() {
        List<RoleId> out = new ArrayList<>();
        collect("", out);
        return out;
    }


    private void collect(String team, List<RoleId> out) {
        TeamInfo info = teams.get(team);
        if (info == null) {
            return;
        }
        for (Item item : info.decl().items()) {
            if (item instanceof Item.RoleDecl decl) {
                // A name declared twice (S011) resolves to its first declaration only.
                String qualified = info.roles().get(decl.name().text());
                RoleInfo role = qualified == null ? null : roles.get(qualified);
                if (role != null && role.decl() == decl) {
                    out.addAll(role.ids());
                }
            } else if (item instanceof dev.synod.lang.ast.Team sub) {
                String qualified = info.subteams().get(sub.name().text());
                if (qualified != null && teams.containsKey(qualified) && teams.get(qualified).decl() == sub) {
                    collect(qualified, out);
                }
            }
        }
    }

    /** True when {@code role} is declared in {@code team} or in a team nested in it. */
    public boolean isMemberOf(RoleId role, String team) {
        if (role.isHuman()) {
            return false;
        }
        RoleInfo info = roles.get(role.name());
        if (info == null) {
            return false;
        }
        String t = info.team();
        return team.isEmpty() || t.equals(team) || t.startsWith(team + ".");
    }
}
