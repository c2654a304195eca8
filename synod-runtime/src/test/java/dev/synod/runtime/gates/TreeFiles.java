package dev.synod.runtime.gates;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.synod.runtime.internal.PathLookup;
import dev.synod.runtime.sandbox.Sandbox;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Trees for the gates' tests: files written from text, and jars compiled from sources. */
final class TreeFiles {
    private TreeFiles() {
    }

    /** The sandbox of {@code sandbox: bwrap}, the default, where the compile gate's Maven runs. */
    static Sandbox sandbox() {
        // Under bubblewrap no run is unisolated, so there is no warning to pass on.
        return Sandbox.create(Sandbox.Mode.BWRAP, System.getenv(), warning -> { });
    }

    /** Writes each file (path relative to {@code dir}) with its text; returns {@code dir}. */
    static Path write(Path dir, Map<String, String> files) throws IOException {
        for (var file : files.entrySet()) {
            Path path = dir.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue());
        }
        return dir;
    }

    /** Compiles {@code sources} (path to text) with javac and packs the classes into the jar {@code jar}. */
    static Path jar(Path jar, Map<String, String> sources) throws IOException {
        Path work = Files.createTempDirectory("synod-test-jar-");
        write(work.resolve("src"), sources);
        Path classes = Files.createDirectories(work.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new java.util.ArrayList<>(List.of("-d", classes.toString()));
        sources.keySet().forEach(s -> args.add(work.resolve("src").resolve(s).toString()));
        if (javac.run(null, null, null, args.toArray(String[]::new)) != 0) {
            throw new IllegalStateException("the jar's sources do not compile: " + sources.keySet());
        }
        Files.createDirectories(jar.getParent());
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out);
             Stream<Path> walk = Files.walk(classes)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                zip.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                zip.write(Files.readAllBytes(p));
                zip.closeEntry();
            }
        }
        return jar;
    }


    /**
     * The {@code bin/mvn} of the Maven distribution the project's wrapper installed under
     * {@code ~/.m2/wrapper}, which (unlike the wrapper, which reads the project's {@code .mvn/})
     * runs inside the sandbox, where {@code ~/.m2/repository} is visible read-only; else
     * {@code mvn} on the PATH. Without either, the calling test is skipped.
     */
    static Path maven() {
        Path dists = Path.of(System.getProperty("user.home"), ".m2", "wrapper", "dists");
        Optional<Path> wrapped = Optional.empty();
        if (Files.isDirectory(dists)) {
            try (var found = Files.find(dists, 4, (p, a) -> p.endsWith(Path.of("bin", "mvn")) && Files.isExecutable(p))) {
                wrapped = found.sorted().reduce((a, b) -> b);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot look for Maven under " + dists, e);
            }
        }
        Optional<Path> maven = wrapped.or(() -> PathLookup.find("mvn", Optional.ofNullable(System.getenv("PATH")).orElse("")));
        assumeTrue(maven.isPresent(), "no Maven distribution under " + dists + " and no mvn on the PATH; run ./mvnw once");
        return maven.get();
    }

    /** Where the class file or jar of {@code type} is, to put a real library on a class path. */
    static Path location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
