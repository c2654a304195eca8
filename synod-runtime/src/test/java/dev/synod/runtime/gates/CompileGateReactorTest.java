package dev.synod.runtime.gates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.core.Event;
import dev.synod.core.Gate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Maven reactor of three modules, with the real Maven offline in the sandbox: {@code app}
 * depends on {@code core} and, for its tests, on {@code testing}, all by the reactor's version;
 * JUnit comes from the local repository.
 */
class CompileGateReactorTest {
    private static final String ROOT = """
            <project xmlns="http://maven.apache.org/POM/4.0.0">
              <modelVersion>4.0.0</modelVersion>
              <groupId>shop</groupId>
              <artifactId>shop-parent</artifactId>
              <version>1</version>
              <packaging>pom</packaging>
              <modules>
                <module>app</module>
                <module>testing</module>
                <module>core</module>
              </modules>
            </project>
            """;

    private static String module(String name, String dependencies) {
        return """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <parent>
                    <groupId>shop</groupId>
                    <artifactId>shop-parent</artifactId>
                    <version>1</version>
                  </parent>
                  <artifactId>%s</artifactId>
                  <dependencies>
                %s
                  </dependencies>
                </project>
                """.formatted(name, dependencies);
    }

    private static String sibling(String name, String scope) {
        return "<dependency><groupId>${project.groupId}</groupId><artifactId>" + name
                + "</artifactId><version>${project.version}</version><scope>" + scope + "</scope></dependency>";
    }

    private static final String JUNIT = "<dependency><groupId>org.junit.jupiter</groupId><artifactId>junit-jupiter-api</artifactId>"
            + "<version>5.14.1</version><scope>test</scope></dependency>";

    @TempDir
    Path dir;

    /** Shared by the tests, so that Maven resolves each module's class path once for them all, as a run would. */
    @TempDir
    static Path classpaths;

    private Path reactor() throws Exception {
        return TreeFiles.write(dir.resolve("tree"), Map.of(
                "pom.xml", ROOT,
                "core/pom.xml", module("core", ""),
                "core/src/main/java/shop/core/Prices.java", "package shop.core;\n\npublic class Prices {\n"
                        + "    public static long total(long a, long b) {\n        return a + b;\n    }\n}\n",
                "testing/pom.xml", module("testing", sibling("core", "compile")),
                "testing/src/main/java/shop/testing/Fixtures.java", "package shop.testing;\n\npublic class Fixtures {\n"
                        + "    public static long two() {\n        return shop.core.Prices.total(1, 1);\n    }\n}\n",
                "app/pom.xml", module("app", sibling("core", "compile") + sibling("testing", "test") + JUNIT),
                "app/src/main/java/shop/app/Cart.java", "package shop.app;\n\nimport shop.core.Prices;\n\npublic class Cart {\n"
                        + "    public long sum() {\n        return Prices.total(2, 3);\n    }\n}\n",
                "app/src/test/java/shop/app/CartTest.java", "package shop.app;\n\nimport org.junit.jupiter.api.Test;\n\n"
                        + "class CartTest {\n    @Test\n    void sums() {\n        org.junit.jupiter.api.Assertions.assertEquals(5, "
                        + "new Cart().sum() + shop.testing.Fixtures.two() - 2);\n    }\n}\n"));
    }

    private CompileGate gate() {
        return new CompileGate(CompileGate.Settings.defaults().withMaven(List.of(TreeFiles.maven().toString())),
                classpaths, TreeFiles.sandbox());
    }

    @Test
    void compiles_each_module_after_the_modules_it_depends_on_against_their_classes() throws Exception {
        Path tree = reactor();
        CompileGate gate = gate();

        CompileGate.Report report = gate.checkAndReport(new Gate.Input(tree, null, List.of("**")));

        assertThat(report.verdict()).isEqualTo(Gate.Verdict.pass());
        assertThat(report.units()).extracting(CompileGate.UnitReport::unit)
                .containsExactly("core/main", "testing/main", "app/main", "app/test");
        try (Stream<Path> kept = Files.list(classpaths)) {
            assertThat(kept.filter(p -> p.toString().endsWith(".classpath"))).as("one class path per module").hasSize(3);
        }
    }

    @Test
    void a_change_in_one_module_fails_the_module_that_uses_it_at_its_path_in_the_tree() throws Exception {
        Path tree = reactor();
        CompileGate gate = gate();
        assertThat(gate.check(new Gate.Input(tree, null, List.of("**")))).isEqualTo(Gate.Verdict.pass());
        TreeFiles.write(tree, Map.of("core/src/main/java/shop/core/Prices.java", "package shop.core;\n\npublic class Prices {\n"
                + "    public static long total(long a, long b, long c) {\n        return a + b + c;\n    }\n}\n"));

        CompileGate.Report report = gate.checkAndReport(new Gate.Input(tree, null, List.of("**")));

        assertThat(report.verdict().kind()).isEqualTo(Event.Verdict.FAIL);
        assertThat(report.verdict().diagnostics()).singleElement().asString()
                .startsWith("testing/src/main/java/shop/testing/Fixtures.java:5:32: error: method total in class shop.core.Prices");
        assertThat(report.units().getFirst()).isEqualTo(
                new CompileGate.UnitReport("core/main", CompileGate.Compilation.INCREMENTAL, "recompiled 1 of 1 sources"));
        assertThat(report.verdict()).isEqualTo(new CompileGate(CompileGate.Settings.defaults()
                .withMaven(List.of(TreeFiles.maven().toString())), classpaths, TreeFiles.sandbox(), false)
                .check(new Gate.Input(tree, null, List.of("**"))));
    }

    @Test
    void modules_that_depend_on_each_other_are_an_error_naming_the_cycle() throws Exception {
        Path tree = reactor();
        TreeFiles.write(tree, Map.of("core/pom.xml", module("core", sibling("app", "compile"))));

        Gate.Verdict verdict = gate().check(new Gate.Input(tree, null, List.of("**")));

        assertThat(verdict.kind()).isEqualTo(Event.Verdict.ERROR);
        assertThat(verdict.diagnostics()).containsExactly("pom.xml: the modules depend on each other in a cycle: app -> core -> app");
    }
}
