package dev.synod.runtime.gates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synod.core.Event;
import dev.synod.core.Gate;
import dev.synod.core.SynodException;
import dev.synod.runtime.config.SynodConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompileGateTest {
    @TempDir
    Path dir;

    private Gate.Verdict check(CompileGate.Settings settings, Path tree) throws InterruptedException {
        return new CompileGate(settings, dir.resolve("classpath-cache"), TreeFiles.sandbox()).check(new Gate.Input(tree, null, List.of("**")));
    }

    private Gate.Verdict check(Path tree) throws InterruptedException {
        return check(CompileGate.Settings.defaults(), tree);
    }

    private static CompileGate.Settings settings(String yaml) {
        return SynodConfig.parse(yaml, Path.of("synod.yaml")).compile();
    }

    @Test
    void reports_each_error_at_its_path_line_and_column_relative_to_the_tree() throws Exception {
        Path tree = TreeFiles.write(dir.resolve("tree"), Map.of("src/main/java/shop/Shop.java", """
                package shop;

                public class Shop {
                    Prise price;

                    long total(long a, long b) {
                        return sum(a, b);
                    }
                }
                """));

        Gate.Verdict verdict = check(tree);

        assertThat(verdict.kind()).isEqualTo(Event.Verdict.FAIL);
        assertThat(verdict.diagnostics()).containsExactly(
                "src/main/java/shop/Shop.java:4:5: error: cannot find symbol (symbol: class Prise; location: class shop.Shop)",
                "src/main/java/shop/Shop.java:7:16: error: cannot find symbol (symbol: method sum(long,long); location: class shop.Shop)");
    }

    @Test
    void a_tree_without_the_maven_layout_compiles_every_java_file_together() throws Exception {
        Path tree = TreeFiles.write(dir.resolve("tree"), Map.of(
                "a/A.java", "package a;\n\npublic class A {\n    public static int one() {\n        return b.B.ONE;\n    }\n}\n",
                "b/B.java", "package b;\n\npublic class B {\n    public static final int ONE = a.A.one() * 0 + 1;\n}\n"));
        assertThat(check(tree)).isEqualTo(Gate.Verdict.pass());

        TreeFiles.write(tree, Map.of("b/B.java", "package b;\n\npublic class B {\n    public static final int ONE = \"1\";\n}\n"));
        assertThat(check(tree).diagnostics()).singleElement().asString()
                .startsWith("b/B.java:4:35: error: incompatible types: java.lang.String cannot be converted to int");
    }

    @Test
    void tests_compile_against_the_main_classes_after_them() throws Exception {
        Path tree = TreeFiles.write(dir.resolve("tree"), Map.of(
                "src/main/java/shop/Shop.java", "package shop;\n\npublic class Shop {\n    public long total() {\n"
                        + "        return 3;\n    }\n}\n",
                "src/test/java/shop/ShopCheck.java", "package shop;\n\nclass ShopCheck {\n    boolean adds() {\n"
                        + "        return new Shop().sum() == 3;\n    }\n}\n"));

        assertThat(check(tree).diagnostics()).singleElement().asString()
                .startsWith("src/test/java/shop/ShopCheck.java:5:26: error: cannot find symbol");
        assertThat(check(settings("gates: { compile: { tests: false } }"), tree)).isEqualTo(Gate.Verdict.pass());
    }

    @Test
    void main_classes_cannot_use_test_classes() throws Exception {
        Path tree = TreeFiles.write(dir.resolve("tree"), Map.of(
                "src/main/java/shop/Shop.java", "package shop;\n\npublic class Shop {\n    Fixture fixture;\n}\n",
                "src/test/java/shop/Fixture.java", "package shop;\n\nclass Fixture {\n}\n"));

        assertThat(check(tree).diagnostics()).singleElement().asString()
                .startsWith("src/main/java/shop/Shop.java:4:5: error: cannot find symbol");
    }

    @Test
    void when_the_main_classes_fail_the_tests_are_not_compiled() throws Exception {
        Path tree = TreeFiles.write(dir.resolve("tree"), Map.of(
                "src/main/java/shop/Shop.java", "package shop;\n\npublic class Shop {\n    Missing m;\n}\n",
                "src/test/java/shop/ShopCheck.java", "package shop;\n\nclass ShopCheck {\n    AlsoMissing m;\n}\n"));

        assertThat(check(tree).diagnostics()).singleElement().asString().startsWith("src/main/java/shop/Shop.java:4:5:");
    }

    @Test
    void the_class_path_comes_from_synod_yaml_with_globs_relative_to_the_tree() throws Exception {
        Path tree = dir.resolve("tree");
        TreeFiles.jar(tree.resolve("lib/money.jar"), Map.of("money/Money.java",
                "package money;\n\npublic record Money(long cents) {\n}\n"));
        TreeFiles.write(tree, Map.of("src/main/java/shop/Shop.java",
                "package shop;\n\nimport money.Money;\n\npublic class Shop {\n    Money total = new Money(3);\n}\n"));

        assertThat(check(tree).diagnostics()).first().asString()
                .startsWith("src/main/java/shop/Shop.java:3:13: error: package money does not exist");
        assertThat(check(settings("gates: { compile: { classpath: [\"lib/*.jar\"] } }"), tree)).isEqualTo(Gate.Verdict.pass());
    }

    @Test
    void globs_reach_into_subdirectories_and_the_trees_own_name_is_not_a_pattern() throws Exception {
        Path tree = dir.resolve("tree[1]");
        TreeFiles.jar(tree.resolve("lib/money/money.jar"), Map.of("money/Money.java", "package money;\n\npublic class Money {\n}\n"));
        TreeFiles.write(tree, Map.of("src/main/java/shop/Shop.java", "package shop;\n\nclass Shop {\n    money.Money m;\n}\n"));

        assertThat(check(settings("gates: { compile: { classpath: [\"lib/**/*.jar\"] } }"), tree)).isEqualTo(Gate.Verdict.pass());
    }

    @Test
    void absolute_class_path_entries_are_used_and_take_part_in_the_configuration() throws Exception {
        Path junit = TreeFiles.location(org.junit.jupiter.api.Test.class);
        Path tree = TreeFiles.write(dir.resolve("tree"), Map.of("src/test/java/shop/ShopTest.java",
                "package shop;\n\nimport org.junit.jupiter.api.Test;\n\nclass ShopTest {\n    @Test\n    void adds() {\n    }\n}\n",
                "src/main/java/shop/Shop.java", "package shop;\n\nclass Shop {\n}\n"));
        CompileGate.Settings settings = settings("gates: { compile: { classpath: [\"" + junit + "\"] } }");

        assertThat(check(settings, tree)).isEqualTo(Gate.Verdict.pass());
        assertThat(new CompileGate(settings, dir, TreeFiles.sandbox()).configuration()).contains(junit.toString() + "@");
    }

    @Test
    void an_interrupted_compile_gives_no_verdict_and_the_next_compile_is_sound() throws Exception {
        // Ctrl-C interrupts a running gate: javac's reads fail with ClosedByInterruptException, which must not become a
        // failed verdict of the tree (it would be cached), nor leave a broken file manager for the next compile.
        Path tree = TreeFiles.write(dir.resolve("tree"), Map.of("src/main/java/shop/Shop.java",
                "package shop;\n\nclass Shop {\n    java.util.List<String> names = java.util.List.of();\n}\n"));
        CompileGate gate = new CompileGate(CompileGate.Settings.defaults(), dir.resolve("cache"), TreeFiles.sandbox());
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> gate.check(new Gate.Input(tree, null, List.of("**"))))
                    .isInstanceOf(java.util.concurrent.CancellationException.class).hasMessageContaining("interrupted");
        } finally {
            Thread.interrupted();
        }
        assertThat(gate.check(new Gate.Input(tree, null, List.of("**")))).isEqualTo(Gate.Verdict.pass());
    }

    @Test
    void a_tree_without_a_build_file_compiles_its_tests_against_junit_and_its_main_sources_without() throws Exception {
        String test = "package shop;\n\nimport org.junit.jupiter.api.Test;\nimport org.junit.jupiter.params.ParameterizedTest;\n"
                + "import org.junit.jupiter.params.provider.ValueSource;\n\nimport static org.junit.jupiter.api.Assertions.assertEquals;\n\n"
                + "class ShopTest {\n    @Test\n    void adds() {\n        assertEquals(2, new Shop().add(1, 1));\n    }\n\n"
                + "    @ParameterizedTest\n    @ValueSource(ints = {1, 2})\n    void positive(int n) {\n    }\n}\n";
        Path tree = TreeFiles.write(dir.resolve("tree"), Map.of("src/test/java/shop/ShopTest.java", test,
                "src/main/java/shop/Shop.java", "package shop;\n\nclass Shop {\n    int add(int a, int b) {\n        return a + b;\n    }\n}\n"));

        assertThat(check(tree)).isEqualTo(Gate.Verdict.pass());

        Path main = TreeFiles.write(dir.resolve("main-uses-junit"), Map.of("src/main/java/shop/Shop.java",
                "package shop;\n\nimport org.junit.jupiter.api.Test;\n\nclass Shop {\n}\n"));
        assertThat(check(main).diagnostics()).first().asString()
                .startsWith("src/main/java/shop/Shop.java:3:").contains("package org.junit.jupiter.api does not exist");
        assertThat(new CompileGate(CompileGate.Settings.defaults(), dir, TreeFiles.sandbox()).configuration())
                .containsPattern(" junit=\\d+\\.\\d+");
    }

    @Test
    void the_release_setting_decides_which_language_compiles() throws Exception {
        Path tree = TreeFiles.write(dir.resolve("tree"), Map.of("Shape.java", """
                sealed interface Shape {
                    record Square(int side) implements Shape {
                    }

                    static int area(Shape s) {
                        return switch (s) {
                            case Square(int side) -> side * side;
                        };
                    }
                }
                """));

        assertThat(check(tree)).isEqualTo(Gate.Verdict.pass());
        Gate.Verdict on17 = check(settings("gates: { compile: { release: 17 } }"), tree);
        assertThat(on17.kind()).isEqualTo(Event.Verdict.FAIL);
        assertThat(on17.diagnostics()).anySatisfy(d -> assertThat(d).startsWith("Shape.java:7:").contains("error:"));
    }

    @Test
    void a_tree_without_java_sources_passes() throws Exception {
        Path tree = TreeFiles.write(dir.resolve("tree"), Map.of("README.md", "# nothing to compile\n"));

        assertThat(check(tree)).isEqualTo(Gate.Verdict.pass());
    }

    @Test
    void the_tree_is_left_as_it_was_and_class_files_go_elsewhere() throws Exception {
        Path tree = TreeFiles.write(dir.resolve("tree"), Map.of("src/main/java/shop/Shop.java", "package shop;\n\nclass Shop {\n}\n"));

        check(tree);

        try (var files = java.nio.file.Files.walk(tree)) {
            assertThat(files.filter(p -> p.toString().endsWith(".class")).toList()).isEmpty();
        }
    }

    @Test
    void wrong_settings_say_what_was_expected_and_found() {
        assertThatThrownBy(() -> settings("gates: { compile: { release: \"21\" } }"))
                .isInstanceOf(SynodException.InvalidInput.class)
                .hasMessageMatching("synod.yaml:1:21: gates.compile.release: expected a Java release from 8 to \\d+, found '21'");
        assertThatThrownBy(() -> settings("gates: { compile: { clspath: [lib] } }"))
                .isInstanceOf(SynodException.InvalidInput.class)
                .hasMessage("synod.yaml:1:21: gates.compile.clspath: unknown key; did you mean 'classpath'? (the built-in gate compile"
                        + " takes classpath, maven, release, tests)");
        assertThatThrownBy(() -> settings("gates: { compile: { classpath: [1, 2] } }"))
                .isInstanceOf(SynodException.InvalidInput.class)
                .hasMessage("synod.yaml:1:33: gates.compile.classpath[0]: expected a string, found 1");
    }

    @Test
    void the_configuration_changes_with_every_setting() {
        CompileGate.Settings d = CompileGate.Settings.defaults();
        List<CompileGate.Settings> variants = List.of(d, new CompileGate.Settings(17, d.classpath(), d.tests(), d.maven()),
                new CompileGate.Settings(d.release(), List.of("lib/*.jar"), d.tests(), d.maven()),
                new CompileGate.Settings(d.release(), d.classpath(), false, d.maven()),
                d.withMaven(List.of("/opt/maven/bin/mvn")));

        assertThat(variants.stream().map(s -> new CompileGate(s, dir, TreeFiles.sandbox()).configuration()).distinct()).hasSize(variants.size());
    }

    @Test
    void gates_share_nothing_but_the_compiler_between_trees_with_different_class_paths() throws IOException, InterruptedException {
        Path withLib = dir.resolve("with");
        TreeFiles.jar(withLib.resolve("lib/money.jar"), Map.of("money/Money.java", "package money;\n\npublic class Money {\n}\n"));
        TreeFiles.write(withLib, Map.of("src/main/java/shop/Shop.java", "package shop;\n\nclass Shop {\n    money.Money m;\n}\n"));
        Path without = TreeFiles.write(dir.resolve("without"), Map.of("src/main/java/shop/Shop.java",
                "package shop;\n\nclass Shop {\n    money.Money m;\n}\n"));
        CompileGate gate = new CompileGate(settings("gates: { compile: { classpath: [\"lib/*.jar\"] } }"), dir.resolve("cache"),
                TreeFiles.sandbox());

        assertThat(gate.check(new Gate.Input(withLib, null, List.of()))).isEqualTo(Gate.Verdict.pass());
        assertThat(gate.check(new Gate.Input(without, null, List.of())).kind()).isEqualTo(Event.Verdict.FAIL);
        assertThat(gate.check(new Gate.Input(withLib, null, List.of()))).isEqualTo(Gate.Verdict.pass());
    }

    @Test
    void concurrent_checks_of_different_trees_each_get_their_own_verdict() throws Exception {
        Path good = TreeFiles.write(dir.resolve("good"), Map.of("src/main/java/shop/Shop.java", "package shop;\n\nclass Shop {\n}\n"));
        Path bad = TreeFiles.write(dir.resolve("bad"), Map.of("src/main/java/shop/Shop.java",
                "package shop;\n\nclass Shop {\n    Missing m;\n}\n"));
        CompileGate gate = new CompileGate(CompileGate.Settings.defaults(), dir.resolve("cache"), TreeFiles.sandbox());

        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(4)) {
            List<java.util.concurrent.Future<Gate.Verdict>> verdicts = new java.util.ArrayList<>();
            for (int i = 0; i < 16; i++) {
                Path tree = i % 2 == 0 ? good : bad;
                verdicts.add(pool.submit(() -> gate.check(new Gate.Input(tree, null, List.of()))));
            }
            for (int i = 0; i < verdicts.size(); i++) {
                assertThat(verdicts.get(i).get().kind()).as("check %d", i)
                        .isEqualTo(i % 2 == 0 ? Event.Verdict.PASS : Event.Verdict.FAIL);
            }
        }
    }
}
