package dev.synod.lang.internal.graph;

import dev.synod.lang.ast.Item;
import dev.synod.lang.ast.Name;
import dev.synod.lang.ast.Team;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The roles and nested teams of one team body, for name lookup (LANGUAGE.md §4): a simple name
 * is looked up in the innermost team first, then outward; {@code t.r} names role {@code r} of
 * the nested team {@code t} seen from here. The first declaration of a name wins.
 */
final class Scope {
    /** Above this many replicas a role is drawn as one participant {@code r[*]}, so drawings stay readable. */
    static final int MAX_DRAWN_REPLICAS = 100;

    private final Scope parent;
    private final Team team;
    private final List<String> path;
    private final Map<String, Item.RoleDecl> roles = new LinkedHashMap<>();
    private final Map<String, Scope> teams = new LinkedHashMap<>();

    private Scope(Scope parent, Team team, List<String> path) {
        this.parent = parent;
        this.team = team;
        this.path = List.copyOf(path);
        for (Item item : team.items()) {
            if (item instanceof Item.RoleDecl r) {
                roles.putIfAbsent(r.name().text(), r);
            } else if (item instanceof Team t) {
                List<String> inner = new ArrayList<>(path);
                inner.add(t.name().text());
                teams.putIfAbsent(t.name().text(), new Scope(this, t, inner));
            }
        }
    }

    /** The scope of a file's top-level team. */
    static Scope top(Team team) {
        return new Scope(null, team, List.of());
    }

    /** The scope of a nested team declared directly in this one. */
    Scope child(Team nested) {
        Scope scope = teams.get(nested.name().text());
        return scope != null && scope.team == nested ? scope : new Scope(this, nested, append(nested.name().text()));
    }

    List<String> path() {
        return path;
    }

    /** The declaration of a role, with the scope that holds it. */
    record Found(Scope scope, Item.RoleDecl decl) {
    }

    /** A role by its path ({@code r} or {@code t.r}), looked up from here. */
    Optional<Found> role(List<Name> names) {
        if (names.size() == 1) {
            for (Scope s = this; s != null; s = s.parent) {
                Item.RoleDecl decl = s.roles.get(names.get(0).text());
                if (decl != null) {
                    return Optional.of(new Found(s, decl));
                }
            }
            return Optional.empty();
        }
        for (Scope s = this; s != null; s = s.parent) {
            Scope inner = s.teams.get(names.get(0).text());
            if (inner != null) {
                return inner.local(names.subList(1, names.size()));
            }
        }
        return Optional.empty();
    }

    private Optional<Found> local(List<Name> names) {
        if (names.size() == 1) {
            return Optional.ofNullable(roles.get(names.get(0).text())).map(d -> new Found(this, d));
        }
        Scope inner = teams.get(names.get(0).text());
        return inner == null ? Optional.empty() : inner.local(names.subList(1, names.size()));
    }

    /** A role's name qualified from the top team: {@code ops.boss}. */
    String qualified(Item.RoleDecl decl) {
        return String.join(".", append(decl.name().text()));
    }

    /** The participants of one role: its replicas, or the role alone. */
    List<Participant> participants(Item.RoleDecl decl) {
        String base = qualified(decl);
        if (decl.replicas().isEmpty()) {
            return List.of(new Participant(base, path, Participant.Kind.ROLE));
        }
        if (decl.replicas().get().value() > MAX_DRAWN_REPLICAS) {
            return List.of(new Participant(base + "[*]", path, Participant.Kind.ROLE));
        }
        List<Participant> replicas = new ArrayList<>();
        for (int i = 1; i <= decl.replicas().get().value(); i++) {
            replicas.add(new Participant(base + "[" + i + "]", path, Participant.Kind.ROLE));
        }
        return replicas;
    }

    /** Every role of this team and of its nested teams, replicas expanded, in order of declaration. */
    List<Participant> members() {
        List<Participant> out = new ArrayList<>();
        for (Item item : team.items()) {
            if (item instanceof Item.RoleDecl r && roles.get(r.name().text()) == r) {
                out.addAll(participants(r));
            } else if (item instanceof Team t) {
                out.addAll(child(t).members());
            }
        }
        return out;
    }

    private List<String> append(String name) {
        List<String> out = new ArrayList<>(path);
        out.add(name);
        return out;
    }
}
