package dev.synod.runtime.gates.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The Java sources of a tree in Maven's layout ({@code src/main/java}, {@code src/test/java})
 * and their compilation in this process with {@code javax.tools}. Annotation processing is off
 * ({@code -proc:none}), so compiling runs none of the tree's code.
 */
public final class TestSources {
    public static final String MAIN = "src/main/java";
    public static final String TEST = "src/test/java";

    private TestSources() {
    }

    /** The {@code .java} files under {@code root} (relative to the tree, '/'-separated), links not followed. */
    public static List<String> under(Path tree, String root) {
        Path dir = tree.resolve(root);
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && p.toString().endsWith(".java"))
                    .map(p -> tree.relativize(p).toString().replace('\\', '/')).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the Java sources under " + dir, e);
        }
    }

    /** The class a source file under {@code root} declares: {@code src/test/java/a/FooTest.java} is {@code a.FooTest}. */
    public static String className(String root, String source) {
        String name = source.substring(root.length() + 1, source.length() - ".java".length());
        return name.replace('/', '.');
    }

    /**
     * Compiles {@code sources} (relative to {@code tree}) into {@code output} against
     * {@code classpath}; the errors as {@code path:line:col: message}, none when it compiled.
     */
    public static List<String> compile(Path tree, List<String> sources, List<Path> classpath, Path output) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("this Java runtime has no compiler (javax.tools); run Synod on a JDK, not a JRE");
        }
        DiagnosticCollector<JavaFileObject> collector = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(collector, Locale.ROOT, StandardCharsets.UTF_8)) {
            Files.createDirectories(output);
            List<String> options = List.of("-proc:none", "-encoding", "UTF-8", "-nowarn", "-g", "-implicit:none",
                    "-d", output.toString(), "-classpath", String.join(":", classpath.stream().map(Path::toString).toList()));
            Iterable<? extends JavaFileObject> units = files.getJavaFileObjectsFromPaths(
                    sources.stream().map(tree::resolve).toList());
            boolean ok = compiler.getTask(null, files, collector, options, null, units).call();
            List<String> errors = new ArrayList<>();
            for (Diagnostic<? extends JavaFileObject> d : collector.getDiagnostics()) {
                if (d.getKind() == Diagnostic.Kind.ERROR) {
                    errors.add(describe(tree, d));
                }
            }
            if (!ok && errors.isEmpty()) {
                errors.add(sources.get(0) + ":1:1: the compiler failed without saying why");
            }
            return errors;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compile the Java sources of " + tree, e);
        }
    }

    private static String describe(Path tree, Diagnostic<? extends JavaFileObject> d) {
        String message = d.getMessage(Locale.ROOT).lines().findFirst().orElse("").replace(tree + "/", "");
        if (d.getSource() == null) {
            return message;
        }
        Path file = Path.of(d.getSource().toUri());
        String path = file.startsWith(tree) ? tree.relativize(file).toString() : file.toString();
        return Located.at(path, d.getLineNumber(), d.getColumnNumber(), message);
    }
}
