package dev.synod.runtime.gates.internal;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * How a unit's classes changed between two compilations, as the units compiled against them need
 * to know: the classes whose API changed or that are new, or {@code unsure} when they must
 * compile from scratch (no earlier state, a class removed, a constant changed).
 */
public record ApiDelta(Set<String> changed, boolean unsure, String reason) {
    public static final ApiDelta NONE = new ApiDelta(Set.of(), false, "");

    public ApiDelta {
        changed = Set.copyOf(changed);
    }

    public static ApiDelta unsure(String reason) {
        return new ApiDelta(Set.of(), true, reason);
    }

    /** The change from {@code before} to {@code after}, classes known to either. */
    public static ApiDelta between(Map<String, ClassApi> before, Map<String, ClassApi> after) {
        for (String name : before.keySet()) {
            if (!after.containsKey(name)) {
                return unsure("class " + name + " was removed");
            }
        }
        Set<String> changed = new HashSet<>();
        for (Map.Entry<String, ClassApi> e : after.entrySet()) {
            ClassApi old = before.get(e.getKey());
            if (old == null) {
                changed.add(e.getKey());
            } else if (!old.constants().equals(e.getValue().constants())) {
                return unsure("a constant of " + e.getKey() + " changed, and javac copies constants into the classes that use them");
            } else if (!old.equals(e.getValue())) {
                changed.add(e.getKey());
            }
        }
        return new ApiDelta(changed, false, "");
    }

    /** Both deltas at once, as a unit compiled against several others sees them. */
    public ApiDelta and(ApiDelta other) {
        if (unsure) {
            return this;
        }
        if (other.unsure) {
            return other;
        }
        Set<String> both = new HashSet<>(changed);
        both.addAll(other.changed);
        return new ApiDelta(both, false, "");
    }
}
