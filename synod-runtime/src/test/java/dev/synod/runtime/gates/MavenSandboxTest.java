package dev.synod.runtime.gates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.core.Event;
import dev.synod.core.Gate;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent-written {@code pom.xml} that names a repository: Maven resolves it inside the sandbox,
 * where the host's loopback (here a listener that counts connections) cannot be reached.
 */
class MavenSandboxTest {
    @TempDir
    Path dir;

    private ServerSocket listener;
    private final AtomicInteger accepted = new AtomicInteger();
    private final CountDownLatch sentinelSeen = new CountDownLatch(1);
    private volatile boolean sentinel;

    @BeforeEach
    void listen() throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!listener.isClosed()) {
                try (Socket s = listener.accept()) {
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

    @AfterEach
    void close() throws IOException {
        listener.close();
    }

    /**
     * How many connections reached the listener before now: connections are accepted in order, so
     * once the test's own last one is seen, every earlier one has been counted.
     */
    private int connections() throws Exception {
        sentinel = true;
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
            assertThat(sentinelSeen.await(1, TimeUnit.MINUTES)).as("the listener accepts").isTrue();
        }
        return accepted.get();
    }

    private String pom() {
        String repository = "http://127.0.0.1:" + listener.getLocalPort() + "/maven2";
        return """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>shop</groupId>
                  <artifactId>shop</artifactId>
                  <version>1</version>
                  <repositories>
                    <repository><id>agents-own</id><url>%1$s</url></repository>
                  </repositories>
                  <pluginRepositories>
                    <pluginRepository><id>agents-plugins</id><url>%1$s</url></pluginRepository>
                  </pluginRepositories>
                  <dependencies>
                    <dependency>
                      <groupId>dev.synod.nowhere</groupId>
                      <artifactId>only-at-the-agents-repository</artifactId>
                      <version>1.0</version>
                    </dependency>
                  </dependencies>
                </project>
                """.formatted(repository);
    }

    private Gate.Verdict check(String maven) throws Exception {
        Path tree = TreeFiles.write(dir.resolve("tree"), Map.of("pom.xml", pom(),
                "src/main/java/shop/Shop.java", "package shop;\n\npublic class Shop {\n}\n"));
        CompileGate.Settings d = CompileGate.Settings.defaults();
        CompileGate gate = new CompileGate(new CompileGate.Settings(d.release(), d.classpath(), d.tests(), List.of(maven)),
                dir.resolve("cache"));
        return gate.check(new Gate.Input(tree, null, List.of("**")));
    }

    @Test
    void maven_never_reaches_a_repository_the_pom_names() throws Exception {
        Gate.Verdict verdict = check(TreeFiles.maven().toString());

        assertThat(connections()).isZero();
        assertThat(verdict.kind()).isEqualTo(Event.Verdict.ERROR);
        assertThat(verdict.diagnostics().get(0)).startsWith("pom.xml: Maven could not compute the class path offline");
        assertThat(String.join("\n", verdict.diagnostics())).contains("only-at-the-agents-repository");
    }

    @Test
    void a_maven_that_goes_online_for_the_pom_cannot_connect_either() throws Exception {
        // What an online Maven does with this pom: fetch from the repository it names. bash's
        // /dev/tcp makes the connection; outside the sandbox it reaches the listener.
        Path fake = Files.createDirectories(dir.resolve("online-maven/bin")).resolve("mvn");
        Files.writeString(fake, """
                #!/bin/bash
                while [ "$1" != "-f" ]; do shift; done
                url=$(sed -n 's#.*<url>http://\\([0-9.]*\\):\\([0-9]*\\)/.*#\\1/\\2#p' "$2" | head -1)
                if exec 3<>/dev/tcp/$url; then echo "[ERROR] fetched from $url"; exit 1; fi
                echo "[ERROR] cannot reach $url"
                exit 1
                """);
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));

        Gate.Verdict verdict = check(fake.toString());

        assertThat(connections()).isZero();
        assertThat(verdict.kind()).isEqualTo(Event.Verdict.ERROR);
        assertThat(verdict.diagnostics()).anySatisfy(d -> assertThat(d).startsWith("cannot reach 127.0.0.1/"));
    }
}
