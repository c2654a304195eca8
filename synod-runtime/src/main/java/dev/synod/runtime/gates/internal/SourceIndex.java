package dev.synod.runtime.gates.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Java sources of a tree by file name, to find the file of a stack frame such as
 * {@code com.acme.ShopTest.adds(ShopTest.java:12)}: the file {@code ShopTest.java} whose path
 * ends in the class's package, {@code com/acme/ShopTest.java}. The tree is walked once, on the
 * first question, so output without stack traces costs no walk.
 */
public final class SourceIndex {
    private final Path root;
    private Map<String, List<String>> byName;

    public SourceIndex(Path root) {
        this.root = root;
    }

    /**
     * The path, relative to the tree, of the source of class {@code className} (binary name, as in
     * a stack frame) declared in a file named {@code fileName}; empty when the tree has none.
     */
    public Optional<String> find(String className, String fileName) {
        List<String> candidates = index().getOrDefault(fileName, List.of());
        int dot = className.lastIndexOf('.');
        String suffix = (dot < 0 ? "" : className.substring(0, dot).replace('.', '/') + "/") + fileName;
        return candidates.stream().filter(p -> p.equals(suffix) || p.endsWith("/" + suffix)).findFirst();
    }

    private Map<String, List<String>> index() {
        if (byName == null) {
            byName = new HashMap<>();
            for (Path file : JavaFiles.under(root)) {
                byName.computeIfAbsent(file.getFileName().toString(), n -> new ArrayList<>())
                        .add(root.relativize(file).toString().replace('\\', '/'));
            }
        }
        return byName;
    }
}
