package dev.synod.lang.model;

import dev.synod.lang.ast.Item;
import java.util.ArrayList;
import java.util.List;

/**
 * A declared role.
 *
 * @param name     the qualified name ({@code core.dev})
 * @param team     the qualified name of the declaring team ("" for the top level)
 * @param replicas the number of replicas, or 0 for a role declared without {@code [n]}
 */
public record RoleInfo(String name, String team, Item.RoleDecl decl, int replicas) {

    /** The concrete participants: each replica, or the role itself. */
    public List<RoleId> ids() {
        if (replicas == 0) {
            return List.of(new RoleId(name, 0));
        }
        List<RoleId> ids = new ArrayList<>();
        for (int i = 1; i <= replicas; i++) {
            ids.add(new RoleId(name, i));
        }
        return ids;
    }

    /** The model alias of a participant: replicas take the declared aliases in turn. */
    public String modelOf(RoleId id) {
        int index = id.replica() == 0 ? 0 : (id.replica() - 1) % decl.models().size();
        return decl.models().get(index).text();
    }
}
