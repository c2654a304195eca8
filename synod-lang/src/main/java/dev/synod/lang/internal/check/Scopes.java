package dev.synod.lang.internal.check;

import dev.synod.lang.CheckOptions;
import dev.synod.lang.ast.IntLit;
import dev.synod.lang.ast.Item;
import dev.synod.lang.ast.Name;
import dev.synod.lang.ast.Team;
import dev.synod.lang.model.RoleInfo;
import dev.synod.lang.model.TeamInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * Declares the teams, roles and questions of a file and checks the declarations themselves:
 * S011 (declared twice), S012 (model alias), S013 (replica count) and S014 (nested team lead).
 */
final class Scopes {
    /**
     * The most replicas a role may have. Every replica is a participant the checker and the
     * runtime enumerate, so an absurd count must be an error rather than an exhausted heap.
     */
    static final int MAX_REPLICAS = 1000;

    final Map<String, TeamInfo> teams = new LinkedHashMap<>();
    final Map<String, RoleInfo> roles = new LinkedHashMap<>();
    final Map<String, Item.QuestionDecl> questions = new LinkedHashMap<>();
    private final Reporter reporter;
    private final CheckOptions options;

    Scopes(Reporter reporter, CheckOptions options) {
        this.reporter = reporter;
        this.options = options;
    }

    void declare(Team top) {
        declare(top, "", Optional.empty(), OptionalLong.empty(), OptionalInt.empty());
    }

    private void declare(Team team, String name, Optional<String> parent, OptionalLong inheritedWithin,
                         OptionalInt inheritedRetry) {
        Map<String, String> teamRoles = new LinkedHashMap<>();
        Map<String, String> subteams = new LinkedHashMap<>();
        Map<String, String> teamQuestions = new LinkedHashMap<>();
        Map<String, Name> namesSeen = new LinkedHashMap<>();
        List<Team> nested = new ArrayList<>();
        OptionalLong within = inheritedWithin;
        OptionalInt retry = inheritedRetry;
        for (Item item : team.items()) {
            switch (item) {
                case Item.RoleDecl decl -> {
                    if (firstDeclaration(namesSeen, decl.name(), team, "role")) {
                        String qualified = qualify(name, decl.name().text());
                        teamRoles.put(decl.name().text(), qualified);
                        roles.put(qualified, new RoleInfo(qualified, name, decl, replicas(decl)));
                    }
                    checkModels(decl);
                }
                case Item.QuestionDecl q -> {
                    String qualified = qualify(name, q.name().text());
                    if (teamQuestions.containsKey(q.name().text())) {
                        Item.QuestionDecl first = questions.get(qualified);
                        reporter.error("S011", q.name().span(), "question '" + q.name().text() + "' is declared twice in "
                                + describe(team, name) + " (first at line " + first.name().span().line() + ")");
                    } else {
                        teamQuestions.put(q.name().text(), qualified);
                        questions.put(qualified, q);
                    }
                }
                case Item.Defaults d -> {
                    if (d.within().isPresent()) {
                        within = OptionalLong.of(d.within().get().duration().seconds());
                    }
                    if (d.retry().isPresent()) {
                        retry = OptionalInt.of(d.retry().get().count().value());
                    }
                }
                case Team sub -> {
                    if (firstDeclaration(namesSeen, sub.name(), team, "nested team")) {
                        subteams.put(sub.name().text(), qualify(name, sub.name().text()));
                        nested.add(sub);
                    }
                }
                default -> {
                }
            }
        }
        Optional<String> lead = Optional.empty();
        if (parent.isPresent()) {
            lead = checkLead(team, name, teamRoles);
        }
        teams.put(name, new TeamInfo(name, team, parent, lead, teamRoles, subteams, teamQuestions, within, retry));
        for (Team sub : nested) {
            declare(sub, qualify(name, sub.name().text()), Optional.of(name), within, retry);
        }
    }

    private boolean firstDeclaration(Map<String, Name> seen, Name name, Team team, String what) {
        Name first = seen.putIfAbsent(name.text(), name);
        if (first != null) {
            reporter.error("S011", name.span(), "'" + name.text() + "' is declared twice in " + describe(team, null)
                    + ": as a " + what + " here and first at line " + first.span().line()
                    + " (roles and nested teams share one namespace)");
            return false;
        }
        return true;
    }

    private Optional<String> checkLead(Team team, String name, Map<String, String> teamRoles) {
        if (team.lead().isEmpty()) {
            reporter.error("S014", team.name().span(), "nested team '" + name + "' has no lead: expected 'team "
                    + team.name().text() + " led by ROLE {', with ROLE one of its own roles");
            return Optional.empty();
        }
        Name lead = team.lead().get();
        if (!teamRoles.containsKey(lead.text())) {
            String own = teamRoles.isEmpty() ? "it declares no roles" : "its roles are " + String.join(", ", teamRoles.keySet());
            reporter.error("S014", lead.span(), "the lead of nested team '" + name + "' must be one of its own roles, found '"
                    + lead.text() + "'; " + own);
            return Optional.empty();
        }
        return Optional.of(teamRoles.get(lead.text()));
    }

    private int replicas(Item.RoleDecl decl) {
        if (decl.replicas().isEmpty()) {
            return 0;
        }
        IntLit n = decl.replicas().get();
        if (n.value() < 1) {
            reporter.error("S013", n.span(), "role '" + decl.name().text() + "' needs at least 1 replica, found "
                    + n.value() + " (declare it without [n] for a single role)");
            return 0;
        }
        if (n.value() > MAX_REPLICAS) {
            reporter.error("S013", n.span(), "role '" + decl.name().text() + "' may have at most " + MAX_REPLICAS
                    + " replicas, found " + n.value());
            return MAX_REPLICAS;
        }
        return n.value();
    }

    private void checkModels(Item.RoleDecl decl) {
        if (options.modelAliases().isEmpty()) {
            return;
        }
        var known = options.modelAliases().get();
        for (Name model : decl.models()) {
            if (!known.contains(model.text())) {
                reporter.error("S012", model.span(), "model alias '" + model.text() + "' of role '" + decl.name().text()
                        + "' is not defined in synod.yaml; defined aliases: "
                        + (known.isEmpty() ? "none" : String.join(", ", new TreeSet<>(known))));
            }
        }
    }

    static String qualify(String team, String name) {
        return team.isEmpty() ? name : team + "." + name;
    }

    private static String describe(Team team, String qualified) {
        return qualified == null || qualified.isEmpty() ? "team " + team.name().text() : "team " + qualified;
    }
}
