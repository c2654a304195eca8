package dev.synod.runtime.gates.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the incremental compiler keeps of one compilation unit (a module's main or test sources)
 * after it compiled without errors: each source's hash, the class files it produced, the classes
 * its class files refer to and the identifiers its text holds; each class's {@link ClassApi}; and
 * the directory of the class files, which the state holds.
 *
 * @param fingerprint what else decided the classes: the release, the upstream units, the class path's jars
 * @param sources     by path relative to the tree
 * @param classes     by binary name, for the classes javac's model describes (not local or anonymous ones)
 * @param dir         the class files
 */
public record UnitState(String fingerprint, Map<String, Source> sources, Map<String, ClassApi> classes, ClassDir dir) {
    public UnitState {
        sources = Map.copyOf(sources);
        classes = Map.copyOf(classes);
    }

    /**
     * @param hash       SHA-256 of the file
     * @param classFiles binary names of the class files it produced, local and anonymous classes included
     * @param references binary names its class files refer to
     * @param tokens     every identifier-like word of its text, comments and strings included, so
     *                   that any source naming a class is found by the class's simple name
     */
    public record Source(String hash, Set<String> classFiles, Set<String> references, Set<String> tokens) {
        public Source {
            classFiles = Set.copyOf(classFiles);
            references = Set.copyOf(references);
            tokens = Set.copyOf(tokens);
        }
    }

    /**
     * The sources that may compile differently when the classes {@code changed} change their
     * API: those that refer to one of them, or to a subtype of one (which inherits its members),
     * in their class files, or that name one in their text (an import, a constant javac copied, a
     * type that left no trace, a new class that shadows another of the same simple name).
     */
    public static Set<String> dependents(Map<String, Source> sources, Map<String, ClassApi> classes, Set<String> changed) {
        Set<String> closure = new HashSet<>(changed);
        Deque<String> work = new ArrayDeque<>(changed);
        Map<String, Set<String>> subtypes = new HashMap<>();
        classes.forEach((name, api) -> api.supertypes().forEach(s -> subtypes.computeIfAbsent(s, k -> new HashSet<>()).add(name)));
        while (!work.isEmpty()) {
            for (String sub : subtypes.getOrDefault(work.pop(), Set.of())) {
                if (closure.add(sub)) {
                    work.push(sub);
                }
            }
        }
        Set<String> simple = new HashSet<>();
        for (String name : closure) {
            String last = name.substring(name.lastIndexOf('.') + 1);
            simple.add(last);
            for (String part : last.split("\\$")) {
                if (!part.isEmpty()) {
                    simple.add(part);
                }
            }
        }
        Set<String> out = new HashSet<>();
        sources.forEach((path, source) -> {
            if (intersects(source.references(), closure) || intersects(source.tokens(), simple)) {
                out.add(path);
            }
        });
        return out;
    }

    private static boolean intersects(Set<String> a, Set<String> b) {
        Set<String> small = a.size() < b.size() ? a : b;
        Set<String> large = small == a ? b : a;
        for (String s : small) {
            if (large.contains(s)) {
                return true;
            }
        }
        return false;
    }

    /** The identifier-like words of a source's text. */
    public static Set<String> tokens(String text) {
        Set<String> out = new HashSet<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            if (Character.isJavaIdentifierStart(text.charAt(i))) {
                int start = i++;
                while (i < n && Character.isJavaIdentifierPart(text.charAt(i))) {
                    i++;
                }
                out.add(text.substring(start, i));
            } else {
                i++;
            }
        }
        return out;
    }
}
