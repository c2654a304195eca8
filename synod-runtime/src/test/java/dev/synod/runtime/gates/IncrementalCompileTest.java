package dev.synod.runtime.gates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.core.Event;
import dev.synod.core.Gate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The incremental compile gate on edits chosen for the cases it must recognise. */
class IncrementalCompileTest {
    @TempDir
    Path dir;

    private CompileGate incremental;
    private CompileGate full;
    private Path tree;

    @BeforeEach
    void gates() throws Exception {
        incremental = new CompileGate(CompileGate.Settings.defaults(), dir.resolve("cache"), TreeFiles.sandbox());
        full = new CompileGate(CompileGate.Settings.defaults(), dir.resolve("cache"), TreeFiles.sandbox(), false);
        tree = TreeFiles.write(dir.resolve("tree"), Map.of(
                "src/main/java/a/Base.java", "package a;\n\npublic class Base {\n    public int size() {\n        return 1;\n    }\n}\n",
                "src/main/java/a/Box.java", "package a;\n\npublic class Box extends Base {\n}\n",
                "src/main/java/b/Limits.java", "package b;\n\npublic class Limits {\n    public static final int MAX = 3;\n}\n",
                "src/main/java/b/User.java", "package b;\n\nimport a.*;\n\npublic class User {\n    int use() {\n"
                        + "        return new Box().size() + Limits.MAX;\n    }\n}\n",
                "src/main/java/b/Other.java", "package b;\n\npublic class Other {\n    int other() {\n        return 2;\n    }\n}\n",
                "src/test/java/b/UserCheck.java", "package b;\n\nclass UserCheck {\n    int check() {\n"
                        + "        return new User().use();\n    }\n}\n"));
        assertThat(check().units()).extracting(CompileGate.UnitReport::mode)
                .containsExactly(CompileGate.Compilation.FULL, CompileGate.Compilation.FULL);
    }

    private CompileGate.Report check() throws InterruptedException {
        Gate.Input input = new Gate.Input(tree, null, List.of("**"));
        CompileGate.Report report = incremental.checkAndReport(input);
        assertThat(report.verdict()).isEqualTo(full.check(input));
        return report;
    }

    private void write(String path, String text) throws Exception {
        TreeFiles.write(tree, Map.of(path, text));
    }

    @Test
    void a_method_body_change_recompiles_that_source_alone_and_leaves_the_tests_unchanged() throws Exception {
        write("src/main/java/b/Other.java", "package b;\n\npublic class Other {\n    int other() {\n        return 5;\n    }\n}\n");

        CompileGate.Report report = check();

        assertThat(report.units()).containsExactly(
                new CompileGate.UnitReport("main", CompileGate.Compilation.INCREMENTAL, "recompiled 1 of 5 sources"),
                new CompileGate.UnitReport("test", CompileGate.Compilation.UNCHANGED, "nothing changed"));
    }

    @Test
    void removing_an_inherited_method_fails_a_caller_that_reaches_it_through_a_subclass() throws Exception {
        write("src/main/java/a/Base.java", "package a;\n\npublic class Base {\n}\n");

        CompileGate.Report report = check();

        assertThat(report.verdict().diagnostics()).singleElement().asString()
                .startsWith("src/main/java/b/User.java:7:25: error: cannot find symbol");
    }

    @Test
    void a_changed_constant_compiles_from_scratch() throws Exception {
        write("src/main/java/b/Limits.java", "package b;\n\npublic class Limits {\n    public static final int MAX = 4;\n}\n");

        CompileGate.Report report = check();

        assertThat(report.verdict().kind()).isEqualTo(Event.Verdict.PASS);
        assertThat(report.units().getFirst().mode()).isEqualTo(CompileGate.Compilation.FULL);
        assertThat(report.units().getFirst().reason()).contains("a constant of b.Limits changed");
    }

    @Test
    void a_removed_source_compiles_from_scratch_and_reports_its_users() throws Exception {
        Files.delete(tree.resolve("src/main/java/a/Box.java"));

        CompileGate.Report report = check();

        assertThat(report.units().isEmpty() || report.units().getFirst().mode() == CompileGate.Compilation.FULL).isTrue();
        assertThat(report.verdict().diagnostics()).isNotEmpty().allMatch(d -> d.startsWith("src/main/java/b/User.java:"));
    }

    @Test
    void a_new_class_that_makes_a_simple_name_ambiguous_recompiles_the_sources_naming_it() throws Exception {
        // b.Other imports a.* and names Extra, which is a.Extra until b.Extra appears and, being in
        // b's own package, wins; recompiled: b/Extra.java, b/Other.java (names it), a/Extra.java (its namesake).
        write("src/main/java/a/Limits.java", "package a;\n\npublic class Limits {\n    public static final int MAX = 9;\n}\n");
        write("src/main/java/a/Extra.java", "package a;\n\npublic class Extra {\n}\n");
        write("src/main/java/b/Other.java", "package b;\n\nimport a.*;\n\npublic class Other {\n    Extra other() {\n"
                + "        return null;\n    }\n}\n");
        check();
        write("src/main/java/b/Extra.java", "package b;\n\nclass Extra {\n}\n");

        CompileGate.Report report = check();

        assertThat(report.units().getFirst().mode()).isEqualTo(CompileGate.Compilation.INCREMENTAL);
        assertThat(report.units().getFirst().reason()).isEqualTo("recompiled 3 of 8 sources");
    }

    @Test
    void a_compile_error_found_incrementally_is_reported_as_a_compilation_from_scratch_reports_it() throws Exception {
        write("src/main/java/a/Box.java", "package a;\n\npublic class Box extends Base {\n    public String size() {\n"
                + "        return \"\";\n    }\n}\n");

        CompileGate.Report report = check();

        assertThat(report.verdict().kind()).isEqualTo(Event.Verdict.FAIL);
        assertThat(report.units()).isEmpty();
    }
}
