package dev.synod.lang.internal.check;

import dev.synod.lang.Diagnostic;
import dev.synod.lang.Span;
import dev.synod.lang.ast.RoleRef;
import dev.synod.lang.ast.Subscript;
import dev.synod.lang.internal.parse.Lexer;
import dev.synod.lang.model.RoleId;
import dev.synod.lang.model.RoleInfo;
import dev.synod.lang.model.TeamInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves role references and {@code {v}} interpolation in the scope where a statement is
 * written, reporting S010 (unknown) and S013 (replica index) problems.
 */
final class Resolver {
    /**
     * A loop variable in a string: a name in braces. It is bounded as the lexer bounds a name, so
     * braces around a longer word are plain text rather than a variable no loop can bind, which
     * a message would then repeat whole.
     */
    private static final Pattern PLACEHOLDER = Pattern.compile(
            "\\{([a-z_][a-z0-9_]{0," + (Lexer.MAX_WORD_CHARS - 1) + "})\\}");

    /** Where a statement stands: its team and the loop variables bound around it. */
    record Ctx(String team, Map<String, RoleId> vars) {
        Ctx bind(String var, RoleId role) {
            var copy = new java.util.LinkedHashMap<>(vars);
            copy.put(var, role);
            return new Ctx(team, copy);
        }
    }

    private final Scopes scopes;
    private final Reporter reporter;

    Resolver(Scopes scopes, Reporter reporter) {
        this.scopes = scopes;
        this.reporter = reporter;
    }

    /**
     * The participants a reference names: one role or replica, every replica for {@code r[*]}
     * or a bare replicated {@code r}, every role of the enclosing team for {@code all}. Empty
     * when the reference does not resolve (and a diagnostic was reported).
     */
    List<RoleId> roles(RoleRef ref, Ctx ctx) {
        return switch (ref) {
            case RoleRef.Human h -> List.of(RoleId.HUMAN);
            case RoleRef.All a -> scopesModelParticipants(ctx.team());
            case RoleRef.Named n -> named(n, ctx);
        };
    }

    private List<RoleId> scopesModelParticipants(String team) {
        List<RoleId> out = new ArrayList<>();
        for (RoleInfo role : scopes.roles.values()) {
            if (team.isEmpty() || role.team().equals(team) || role.team().startsWith(team + ".")) {
                out.addAll(role.ids());
            }
        }
        return out;
    }

    private List<RoleId> named(RoleRef.Named ref, Ctx ctx) {
        String first = ref.path().get(0).text();
        if (ref.path().size() == 1 && ctx.vars().containsKey(first)) {
            if (ref.index().isPresent()) {
                reporter.errorOnce("S013", ref.index().get().span(), first, "'" + first + "' is a loop variable naming one replica ("
                        + ctx.vars().get(first).display() + "); it takes no index");
                return List.of();
            }
            return List.of(ctx.vars().get(first));
        }
        Optional<RoleInfo> found = lookup(ref, ctx.team());
        if (found.isEmpty()) {
            reporter.error("S010", ref.span(), "unknown role '" + ref.text() + "'" + knownRoles(ctx));
            return List.of();
        }
        RoleInfo role = found.get();
        if (ref.index().isEmpty()) {
            return role.ids();
        }
        Subscript index = ref.index().get();
        if (role.replicas() == 0) {
            reporter.error("S013", index.span(), "role '" + role.name() + "' has no replicas, so it takes no index; write '"
                    + ref.path().stream().map(dev.synod.lang.ast.Name::text).reduce((a, b) -> a + "." + b).orElse("")
                    + "' (declare it as 'role " + role.decl().name().text() + "[N]' to replicate it)");
            return List.of();
        }
        return switch (index) {
            case Subscript.Star s -> role.ids();
            case Subscript.Number num -> {
                if (num.value() < 1 || num.value() > role.replicas()) {
                    reporter.error("S013", num.span(), "replica index " + num.value() + " is out of range: role '"
                            + role.name() + "' has " + role.replicas() + " replica" + (role.replicas() == 1 ? "" : "s")
                            + " (" + role.name() + "[1] to " + role.name() + "[" + role.replicas() + "])");
                    yield List.of();
                }
                yield List.of(new RoleId(role.name(), num.value()));
            }
            case Subscript.Var v -> List.of();
        };
    }

    /** The declared role a reference names, looked up in its team first and then outward. */
    Optional<RoleInfo> lookup(RoleRef.Named ref, String team) {
        String head = ref.path().get(0).text();
        Optional<String> scope = Optional.of(team);
        while (scope.isPresent()) {
            TeamInfo info = scopes.teams.get(scope.get());
            if (info == null) {
                return Optional.empty();
            }
            if (ref.path().size() == 1 && info.roles().containsKey(head)) {
                return Optional.ofNullable(scopes.roles.get(info.roles().get(head)));
            }
            if (ref.path().size() > 1 && info.subteams().containsKey(head)) {
                return descend(info.subteams().get(head), ref.path().subList(1, ref.path().size()));
            }
            scope = info.parent();
        }
        return Optional.empty();
    }

    private Optional<RoleInfo> descend(String team, List<dev.synod.lang.ast.Name> rest) {
        TeamInfo info = scopes.teams.get(team);
        if (info == null) {
            return Optional.empty();
        }
        String head = rest.get(0).text();
        if (rest.size() == 1) {
            return Optional.ofNullable(info.roles().get(head)).map(scopes.roles::get);
        }
        return Optional.ofNullable(info.subteams().get(head)).flatMap(t -> descend(t, rest.subList(1, rest.size())));
    }

    private String knownRoles(Ctx ctx) {
        List<String> names = new ArrayList<>(ctx.vars().keySet());
        Optional<String> scope = Optional.of(ctx.team());
        while (scope.isPresent()) {
            TeamInfo info = scopes.teams.get(scope.get());
            if (info == null) {
                break;
            }
            // Sorted: the scope's maps have no stable order, and messages must not vary between runs.
            for (String r : new java.util.TreeSet<>(info.roles().keySet())) {
                if (!names.contains(r)) {
                    names.add(r);
                }
            }
            for (String t : new java.util.TreeSet<>(info.subteams().keySet())) {
                names.add(t + ".…");
            }
            scope = info.parent();
        }
        return names.isEmpty() ? " (no roles are declared)" : "; roles in scope: " + String.join(", ", names)
                + ", human, all";
    }

    /** {@code s} with each {@code {v}} replaced by the bare name of the replica bound to {@code v}. */
    String interpolate(String s, Span span, Ctx ctx) {
        Matcher m = PLACEHOLDER.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            RoleId bound = ctx.vars().get(m.group(1));
            if (bound == null) {
                reporter.error("S010", span, "unknown loop variable '" + m.group(1) + "' in " + Diagnostic.quote(s)
                        + (ctx.vars().isEmpty() ? "; '{v}' works only inside 'for v in r[*] { … }'"
                        : "; bound here: " + String.join(", ", ctx.vars().keySet())));
                m.appendReplacement(out, Matcher.quoteReplacement(m.group()));
            } else {
                m.appendReplacement(out, Matcher.quoteReplacement(bound.bare()));
            }
        }
        m.appendTail(out);
        return out.toString();
    }
}
