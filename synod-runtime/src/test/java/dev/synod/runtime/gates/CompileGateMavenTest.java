package dev.synod.runtime.gates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.core.Event;
import dev.synod.core.Gate;
import dev.synod.runtime.gates.internal.Hashing;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class path of a tree with a {@code pom.xml}, from a real Maven (the distribution the
 * project's wrapper installed, else {@code mvn} on the PATH), offline and inside the sandbox; and
 * what a Maven that runs an agent-written pom can reach there, through fake Mavens that try: not
 * the host's loopback, not {@code ~/.m2} beyond its repository.
 */
class CompileGateMavenTest {
    private static final String SOURCES_MAIN = "package shop;\n\npublic class Shop {\n    public long total() {\n"
            + "        return 3;\n    }\n}\n";
    private static final String SOURCES_TEST = "package shop;\n\nimport static org.junit.jupiter.api.Assertions.assertEquals;\n\n"
            + "import org.junit.jupiter.api.Test;\n\nclass ShopTest {\n    @Test\n    void totals() {\n"
            + "        assertEquals(3, new Shop().total());\n    }\n}\n";

    @TempDir
    Path dir;

    private Path cache;

    @BeforeEach
    void maven() {
        cache = dir.resolve(CompileGate.CLASSPATH_CACHE);
    }

    /** The settings with the real Maven, for the tests that need one (skipped where there is none). */
    private CompileGate.Settings realMaven() {
        return settings(List.of(TreeFiles.maven().toString()));
    }

    private static CompileGate.Settings settings(List<String> maven) {
        return CompileGate.Settings.defaults().withMaven(maven);
    }

    /** An executable {@code bin/mvn} under {@code dir} with the {@code bash} {@code body}, standing in for Maven. */
    private Path fakeMaven(String dir, String body) throws IOException {
        Path fake = Files.createDirectories(this.dir.resolve(dir).resolve("bin")).resolve("mvn");
        Files.writeString(fake, "#!/bin/bash\n" + body);
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        return fake;
    }

    private static String pom(String dependencies) {
        return """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>shop</groupId>
                  <artifactId>shop</artifactId>
                  <version>1</version>
                  <dependencies>
                %s
                  </dependencies>
                </project>
                """.formatted(dependencies);
    }

    private static final String JUNIT = """
                <dependency>
                  <groupId>org.junit.jupiter</groupId>
                  <artifactId>junit-jupiter-api</artifactId>
                  <version>5.14.1</version>
                  <scope>test</scope>
                </dependency>
            """;

    private Path tree(String name, String pom) throws IOException {
        return TreeFiles.write(dir.resolve(name), Map.of("pom.xml", pom, "src/main/java/shop/Shop.java", SOURCES_MAIN,
                "src/test/java/shop/ShopTest.java", SOURCES_TEST));
    }

    private Gate.Verdict check(Path tree) throws InterruptedException {
        return check(realMaven(), tree);
    }

    private Gate.Verdict check(CompileGate.Settings with, Path tree) throws InterruptedException {
        return new CompileGate(with, cache, TreeFiles.sandbox()).check(new Gate.Input(tree, null, List.of("**")));
    }

    private long kept() throws IOException {
        try (var files = Files.list(cache)) {
            return files.filter(f -> f.toString().endsWith(".classpath")).count();
        }
    }

    @Test
    void the_class_path_comes_from_the_pom_and_is_computed_once_per_pom_hash() throws Exception {
        Path first = tree("first", pom(JUNIT));

        assertThat(check(first)).isEqualTo(Gate.Verdict.pass());
        try (var files = Files.walk(first)) {
            assertThat(files.filter(Files::isRegularFile).map(p -> first.relativize(p).toString()).sorted().toList())
                    .as("the tree after Maven and javac ran on it")
                    .containsExactly("pom.xml", "src/main/java/shop/Shop.java", "src/test/java/shop/ShopTest.java");
        }
        assertThat(cache.resolve(Hashing.sha256(first.resolve("pom.xml")) + ".classpath"))
                .content().contains("junit-jupiter-api-5.14.1.jar");

        // Another tree with the same pom, checked by a gate whose Maven cannot start: the kept class path serves it.
        CompileGate.Settings noMaven = settings(List.of(dir.resolve("no-such-mvn").toString()));
        assertThat(check(noMaven, tree("second", pom(JUNIT)))).isEqualTo(Gate.Verdict.pass());
        assertThat(kept()).isEqualTo(1);

        // A changed pom is asked about again.
        assertThat(check(noMaven, tree("third", pom(JUNIT + "<!-- changed -->"))).kind()).isEqualTo(Event.Verdict.ERROR);
        assertThat(check(tree("third", pom(JUNIT + "<!-- changed -->")))).isEqualTo(Gate.Verdict.pass());
        assertThat(kept()).isEqualTo(2);
    }

    @Test
    void without_the_dependency_in_the_pom_the_tests_do_not_compile() throws Exception {
        Gate.Verdict verdict = check(tree("tree", pom("")));

        assertThat(verdict.kind()).isEqualTo(Event.Verdict.FAIL);
        assertThat(verdict.diagnostics()).anySatisfy(d -> assertThat(d)
                .startsWith("src/test/java/shop/ShopTest.java:3:36: error: package org.junit.jupiter.api does not exist"));
    }

    @Test
    void a_pom_maven_cannot_resolve_is_an_error_saying_why_and_is_not_kept() throws Exception {
        Path tree = tree("tree", pom("""
                    <dependency>
                      <groupId>dev.synod.nowhere</groupId>
                      <artifactId>no-such-library</artifactId>
                      <version>1.0</version>
                    </dependency>
                """));

        Gate.Verdict verdict = check(tree);

        assertThat(verdict.kind()).isEqualTo(Event.Verdict.ERROR);
        assertThat(verdict.diagnostics().get(0)).startsWith("pom.xml: Maven could not compute the class path offline");
        assertThat(verdict.diagnostics().get(0)).contains(" -o ").contains("build-classpath");
        assertThat(String.join("\n", verdict.diagnostics())).contains("no-such-library");
        assertThat(cache).satisfiesAnyOf(c -> assertThat(c).doesNotExist(), c -> assertThat(kept()).isZero());
    }

    @Test
    void maven_sees_the_local_repository_it_is_given_and_nothing_else_of_dot_m2() throws Exception {
        // ~/.m2 also holds settings.xml and settings-security.xml, credentials a pom's plugins could
        // read; only ~/.m2/repository is shown, at the path Maven is told to use.
        Path m2 = Path.of(System.getProperty("user.home"), ".m2");
        Path fake = fakeMaven("listing-maven", """
                for a in "$@"; do case "$a" in -Dmaven.repo.local=*) repo="${a#-Dmaven.repo.local=}";; esac; done
                echo "[ERROR] m2: $(ls -A '%s' 2>&1 | tr '\\n' ' ')"
                [ -d "$repo" ] && echo "[ERROR] repository: $repo"
                exit 1
                """.formatted(m2));

        Gate.Verdict verdict = check(settings(List.of(fake.toString())), tree("tree", pom(JUNIT)));

        assertThat(verdict.diagnostics()).contains("m2: repository", "repository: " + m2.resolve("repository").toRealPath());
    }

    @Test
    void a_maven_that_goes_online_for_the_pom_cannot_connect() throws Exception {
        // What an online Maven does with a pom naming its own repository: fetch from it. bash's
        // /dev/tcp makes the connection; outside the sandbox it would reach the listener.
        try (CountingListener listener = new CountingListener()) {
            String repository = "http://127.0.0.1:" + listener.port() + "/maven2";
            Path fake = fakeMaven("online-maven", """
                    while [ "$1" != "-f" ]; do shift; done
                    url=$(sed -n 's#.*<url>http://\\([0-9.]*\\):\\([0-9]*\\)/.*#\\1/\\2#p' "$2" | head -1)
                    if exec 3<>/dev/tcp/$url; then echo "[ERROR] fetched from $url"; exit 1; fi
                    echo "[ERROR] cannot reach $url"
                    exit 1
                    """);

            Gate.Verdict verdict = check(settings(List.of(fake.toString())), tree("tree", pom(JUNIT).replace("<dependencies>",
                    "<repositories><repository><id>agents-own</id><url>" + repository + "</url></repository></repositories>\n"
                            + "  <dependencies>")));

            assertThat(listener.connections()).isZero();
            assertThat(verdict.kind()).isEqualTo(Event.Verdict.ERROR);
            assertThat(verdict.diagnostics()).anySatisfy(d -> assertThat(d).startsWith("cannot reach 127.0.0.1/"));
        }
    }

    /**
     * A loopback listener that counts the connections it accepts. Connections are accepted in
     * order, so once the test's own last one is seen, every earlier one has been counted.
     */
    private static final class CountingListener implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final AtomicInteger accepted = new AtomicInteger();
        private final CountDownLatch sentinelSeen = new CountDownLatch(1);
        private volatile boolean sentinel;

        CountingListener() throws IOException {
            Thread.ofVirtual().start(() -> {
                while (!socket.isClosed()) {
                    try (Socket s = socket.accept()) {
                        if (sentinel) {
                            sentinelSeen.countDown();
                        } else {
                            accepted.incrementAndGet();
                        }
                    } catch (IOException e) {
                        return; // the listener was closed at the end of the test
                    }
                }
            });
        }

        int port() {
            return socket.getLocalPort();
        }

        /** How many connections reached the listener before now. */
        int connections() throws Exception {
            sentinel = true;
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port())) {
                assertThat(sentinelSeen.await(1, TimeUnit.MINUTES)).as("the listener accepts").isTrue();
            }
            return accepted.get();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
