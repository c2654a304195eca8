package dev.synod.runtime.gates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.core.Event;
import dev.synod.core.Gate;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiagnosticsTest {
    @TempDir
    Path root;

    @BeforeEach
    void sources() throws Exception {
        TreeFiles.write(root, Map.of(
                "src/main/java/shop/Cart.java", "package shop;\nclass Cart {\n}\n",
                "src/main/java/shop/Disk.java", "package shop;\nclass Disk {\n}\n",
                "src/test/java/shop/ShopTest.java", "package shop;\nclass ShopTest {\n}\n"));
    }

    private List<String> normalize(String... raw) {
        List<String> once = Diagnostics.normalize(List.of(raw), root);
        assertThat(Diagnostics.normalize(once, root)).as("normalizing again changes nothing").isEqualTo(once);
        return once;
    }

    @Test
    void javac_command_line_output_gets_the_column_from_the_caret_and_folds_the_details() throws Exception {
        TreeFiles.write(root, Map.of("src/Shop.java", "class Shop {\n    Prise price;\n    int n = \"1\";\n}\n"));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        // The real javac command line, in process: the output a sh gate running javac would hand over.
        int status = ToolProvider.getSystemJavaCompiler().run(null, null, err, "-d", root.resolve("out").toString(),
                root.resolve("src/Shop.java").toString());
        assertThat(status).isNotZero();

        assertThat(normalize(err.toString(StandardCharsets.UTF_8))).containsExactly(
                "src/Shop.java:2:5: error: cannot find symbol (symbol: class Prise; location: class Shop)",
                "src/Shop.java:3:13: error: incompatible types: String cannot be converted to int");
    }

    @Test
    void checkstyle_maven_and_typescript_forms_become_path_line_col() {
        assertThat(normalize(
                "[ERROR] " + root + "/src/main/java/shop/Cart.java:3:8: Unused import - java.util.Map. [UnusedImports]",
                "[WARN] " + root + "/src/main/java/shop/Cart.java:9: Line is longer than 100 characters (found 120). [LineLength]",
                "[ERROR] " + root + "/src/main/java/shop/Cart.java:[5,9] cannot find symbol\n  symbol:   class Prise\n"
                        + "  location: class shop.Cart",
                "src/app.ts(3,7): error TS2322: Type 'string' is not assignable to type 'number'.")).containsExactly(
                "src/main/java/shop/Cart.java:3:8: [UnusedImports] Unused import - java.util.Map.",
                "src/main/java/shop/Cart.java:9:1: warning: [LineLength] Line is longer than 100 characters (found 120).",
                "src/main/java/shop/Cart.java:5:9: error: cannot find symbol (symbol: class Prise; location: class shop.Cart)",
                "src/app.ts:3:7: error TS2322: Type 'string' is not assignable to type 'number'.");
    }

    @Test
    void generic_forms_keep_their_shape_with_paths_made_relative() {
        assertThat(normalize(
                root + "/src/a.c:3:5: error: expected ';'",
                "./src/b.py:12: E501 line too long",
                "/elsewhere/lib.h:1:1: note: outside the tree stays absolute",
                "build failed in " + root + "/src",
                "",
                "plain words without a place")).containsExactly(
                "src/a.c:3:5: error: expected ';'",
                "src/b.py:12:1: E501 line too long",
                "/elsewhere/lib.h:1:1: note: outside the tree stays absolute",
                "build failed in src",
                "plain words without a place");
    }

    @Test
    void a_junit_failure_points_at_the_first_frame_in_the_tree() {
        String launcher = """
                Failures (1):
                  JUnit Jupiter:ShopTest:totals()
                    MethodSource [className = 'shop.ShopTest', methodName = 'totals', methodParameterTypes = '']
                    => org.opentest4j.AssertionFailedError: expected: <3> but was: <4>
                       org.junit.jupiter.api.AssertionFailureBuilder.build(AssertionFailureBuilder.java:151)
                       org.junit.jupiter.api.AssertEquals.assertEquals(AssertEquals.java:166)
                       shop.ShopTest.totals(ShopTest.java:9)
                       java.base/java.lang.reflect.Method.invoke(Method.java:580)
                """;

        assertThat(normalize(launcher)).containsExactly(
                "Failures (1):",
                "JUnit Jupiter:ShopTest:totals()",
                "MethodSource [className = 'shop.ShopTest', methodName = 'totals', methodParameterTypes = '']",
                "src/test/java/shop/ShopTest.java:9:1: org.opentest4j.AssertionFailedError: expected: <3> but was: <4>");
    }

    @Test
    void a_python_traceback_points_at_the_innermost_frame_in_the_tree_with_the_exception() {
        String unittest = """
                .F
                ======================================================================
                FAIL: test_ties (test_rank.TopTest.test_ties)
                ----------------------------------------------------------------------
                Traceback (most recent call last):
                  File "%1$s/tests/test_rank.py", line 12, in test_ties
                    self.assertEqual(top(["b", "a"], 2), ["a", "b"])
                  File "%1$s/wordfreq/rank.py", line 7, in top
                    return sorted(words, key=len)
                           ^^^^^^^^^^^^^^^^^^^^^^
                  File "/usr/lib/python3.11/unittest/case.py", line 873, in assertEqual
                    assertion_func(first, second, msg=msg)
                AssertionError: Lists differ: ['b', 'a'] != ['a', 'b']
                First differing element 0:

                ----------------------------------------------------------------------
                Ran 2 tests in 0.001s

                FAILED (failures=1)
                """.formatted(root);

        assertThat(normalize(unittest)).containsExactly(
                ".F",
                "FAIL: test_ties (test_rank.TopTest.test_ties)",
                "wordfreq/rank.py:7:1: AssertionError: Lists differ: ['b', 'a'] != ['a', 'b']; First differing element 0:",
                "Ran 2 tests in 0.001s",
                "FAILED (failures=1)");
        assertThat(normalize("Traceback (most recent call last):\n  File \"<string>\", line 1, in <module>\nZeroDivisionError: division by zero\n"))
                .containsExactly("ZeroDivisionError: division by zero");
    }

    @Test
    void a_stack_trace_with_causes_gives_one_line_per_exception() {
        String trace = """
                java.lang.IllegalStateException: the cart is
                empty
                \tat java.base/java.util.Objects.requireNonNull(Objects.java:259)
                \tat shop.Cart.total(Cart.java:12)
                \tat shop.ShopTest.totals(ShopTest.java:8)
                Caused by: java.io.UncheckedIOException: disk
                \tat shop.Disk.read(Disk.java:3)
                \t... 2 more
                java.lang.OutOfMemoryError: Java heap space
                \tat java.base/java.util.Arrays.copyOf(Arrays.java:3512)
                """;

        assertThat(normalize(trace)).containsExactly(
                "src/main/java/shop/Cart.java:12:1: java.lang.IllegalStateException: the cart is empty",
                "src/main/java/shop/Disk.java:3:1: caused by: java.io.UncheckedIOException: disk",
                "java.lang.OutOfMemoryError: Java heap space");
    }

    @Test
    void repeated_diagnostics_appear_once_in_their_first_place() {
        assertThat(normalize("a.txt:1: first", "b.txt:2: second", root + "/a.txt:1: first")).containsExactly(
                "a.txt:1:1: first", "b.txt:2:1: second");
    }

    @Test
    void more_than_fifty_diagnostics_are_cut_with_a_note() {
        String[] many = IntStream.rangeClosed(1, 87).mapToObj(i -> "src/A.java:" + i + ":1: error: number " + i).toArray(String[]::new);

        List<String> out = normalize(many);

        assertThat(out).hasSize(Diagnostics.MAX_DIAGNOSTICS + 1);
        assertThat(out.get(Diagnostics.MAX_DIAGNOSTICS - 1)).isEqualTo("src/A.java:50:1: error: number 50");
        assertThat(out.get(Diagnostics.MAX_DIAGNOSTICS)).isEqualTo("… 37 more diagnostics cut");
    }

    @Test
    void the_bytes_are_capped_too() {
        String padding = "x".repeat(899 - "src/A.java:10:1: ".length());
        List<String> raw = new ArrayList<>();
        for (int i = 10; i < 40; i++) {
            raw.add("src/A.java:" + i + ":1: " + padding);
        }

        List<String> out = normalize(raw.toArray(String[]::new));

        int fits = Diagnostics.MAX_BYTES / 900;
        assertThat(out).hasSize(fits + 1);
        assertThat(out.get(fits)).isEqualTo("… " + (30 - fits) + " more diagnostics cut");
        assertThat(String.join("\n", out).getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(Diagnostics.MAX_BYTES + 40);
    }

    @Test
    void a_very_long_diagnostic_is_shortened_once() {
        List<String> out = normalize("src/A.java:1:1: " + "é".repeat(5_000));

        assertThat(out).singleElement().asString().hasSizeLessThanOrEqualTo(Diagnostics.MAX_CHARS)
                .startsWith("src/A.java:1:1: ééé").endsWith("characters cut)");
    }

    @Test
    void one_cut_diagnostic_is_named_in_the_singular() {
        String[] many = IntStream.rangeClosed(1, 51).mapToObj(i -> "line " + i).toArray(String[]::new);

        assertThat(normalize(many)).last().isEqualTo("… 1 more diagnostic cut");
    }

    @Test
    void a_verdict_keeps_its_kind() {
        Gate.Verdict verdict = Diagnostics.normalize(new Gate.Verdict(Event.Verdict.FAIL, List.of("./x:1: y", "./x:1: y")), root);

        assertThat(verdict).isEqualTo(new Gate.Verdict(Event.Verdict.FAIL, List.of("x:1:1: y")));
    }
}
