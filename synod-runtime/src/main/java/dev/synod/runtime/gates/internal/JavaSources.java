package dev.synod.runtime.gates.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The sources the compile gate compiles. A tree laid out as Maven lays out a module
 * ({@code src/main/java}) compiles {@code src/main/java/**}, then, when asked, its tests
 * {@code src/test/java/**} against the main classes; any other tree compiles every
 * {@code *.java} file it holds, in one compilation.
 *
 * @param main compiled first
 * @param test compiled after {@code main}, with its classes on the class path; may be empty
 */
public record JavaSources(List<Path> main, List<Path> test) {
    public JavaSources {
        main = List.copyOf(main);
        test = List.copyOf(test);
    }

    public static JavaSources of(Path tree, boolean tests) {
        Path main = tree.resolve("src/main/java");
        if (Files.isDirectory(main)) {
            return new JavaSources(JavaFiles.under(main), tests ? JavaFiles.under(tree.resolve("src/test/java")) : List.of());
        }
        return new JavaSources(JavaFiles.under(tree), List.of());
    }

    public boolean isEmpty() {
        return main.isEmpty() && test.isEmpty();
    }
}
