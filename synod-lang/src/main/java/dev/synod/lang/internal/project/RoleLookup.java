package dev.synod.lang.internal.project;

import dev.synod.lang.model.RoleId;
import dev.synod.lang.model.RoleInfo;
import dev.synod.lang.model.TeamModel;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Finds the participant a name on the command line means: {@code human}, a role without replicas
 * ({@code lead}, {@code core.lead}) or one replica ({@code dev[2]}, {@code core.dev[1]}).
 *
 * <p>A replicated role named without an index ({@code dev}, {@code dev[*]}) is refused: each
 * replica has its own contract (its own artifact and write scope), and a projection is the
 * contract of one agent. The message lists the replicas to choose from.
 */
final class RoleLookup {
    private static final String IDENT = "[a-z_][a-z0-9_]*";
    private static final Pattern NAME = Pattern.compile("(" + IDENT + "(?:\\." + IDENT + ")*)(?:\\[([0-9]+|\\*)])?");

    private RoleLookup() {
    }

    /** The participant {@code name} means, or an {@link IllegalArgumentException} that says what there is. */
    static RoleId resolve(TeamModel model, String name) {
        String text = name.strip();
        if (text.equals(RoleId.HUMAN.name())) {
            return RoleId.HUMAN;
        }
        Matcher m = NAME.matcher(text);
        if (m.matches() && m.group(1).equals(RoleId.HUMAN.name())) {
            throw noIndex(RoleId.HUMAN.name(), text);
        }
        RoleInfo role = m.matches() ? model.roles().get(m.group(1)) : null;
        if (role == null) {
            throw new IllegalArgumentException("no role '" + text + "' in team " + model.name() + hint(model, m, text)
                    + "; its roles are " + participants(model));
        }
        String index = m.group(2);
        if (role.replicas() == 0) {
            if (index != null) {
                throw noIndex(role.name(), text);
            }
            return new RoleId(role.name(), 0);
        }
        String replicas = role.ids().stream().map(RoleId::display).collect(Collectors.joining(", "));
        if (index == null || index.equals("*")) {
            throw new IllegalArgumentException("role '" + role.name() + "' has " + role.replicas()
                    + " replicas, each with its own contract; project one of them: " + replicas);
        }
        int replica = index.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(index);
        if (replica < 1 || replica > role.replicas()) {
            throw new IllegalArgumentException("no replica '" + text + "': role '" + role.name() + "' has replicas "
                    + replicas);
        }
        return new RoleId(role.name(), replica);
    }

    private static IllegalArgumentException noIndex(String role, String text) {
        return new IllegalArgumentException("role '" + role + "' has no replicas, so it takes no index; write '" + role
                + "' instead of '" + text + "'");
    }

    /** Every participant of the model, {@code human} last, as a message lists them. */
    static String participants(TeamModel model) {
        List<String> names = new ArrayList<>();
        model.participants().forEach(p -> names.add(p.display()));
        names.add(RoleId.HUMAN.display());
        return String.join(", ", names);
    }

    /** Suggests the qualified names of nested roles that a simple name may mean. */
    private static String hint(TeamModel model, Matcher m, String text) {
        if (!m.matches()) {
            return "";
        }
        String simple = m.group(1);
        List<String> candidates = model.roles().keySet().stream().filter(q -> q.endsWith("." + simple)).sorted()
                .map(q -> q + text.substring(simple.length())).toList();
        return candidates.isEmpty() ? "" : " (did you mean " + String.join(" or ", candidates) + "?)";
    }
}
