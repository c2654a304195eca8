package dev.synod.runtime.gates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synod.core.Event;
import dev.synod.core.Gate;
import dev.synod.core.SynodException;
import dev.synod.runtime.config.SynodConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LintGateTest {
    private static final String SHOP = """
            package shop;

            import java.util.Map;

            public class Shop {
                long total(long a) {
                    if (a < 0) return 0;
                    return a;
                }
            }
            """;

    /** Only method names are checked, and they must be short. */
    private static final String SHORT_NAMES = """
            <?xml version="1.0"?>
            <!DOCTYPE module PUBLIC "-//Checkstyle//DTD Checkstyle Configuration 1.3//EN"
                "https://checkstyle.org/dtds/configuration_1_3.dtd">
            <module name="Checker">
              <module name="TreeWalker">
                <module name="MethodName">
                  <property name="format" value="^[a-z]{1,4}$"/>
                </module>
              </module>
            </module>
            """;

    @TempDir
    Path dir;

    private static Gate.Verdict check(LintGate gate, Path tree) {
        return gate.check(new Gate.Input(tree, null, List.of("**")));
    }

    @Test
    void the_default_configuration_reports_each_finding_with_its_check() throws Exception {
        Path tree = TreeFiles.write(dir.resolve("tree"), Map.of("src/main/java/shop/Shop.java", SHOP));

        Gate.Verdict verdict = check(new LintGate(Optional.empty()), tree);

        assertThat(verdict.kind()).isEqualTo(Event.Verdict.FAIL);
        assertThat(verdict.diagnostics()).containsExactly(
                "src/main/java/shop/Shop.java:3:8: [UnusedImports] Unused import - java.util.Map.",
                "src/main/java/shop/Shop.java:7:9: [NeedBraces] 'if' construct must use '{}'s.");
    }

    @Test
    void a_checkstyle_xml_that_synod_yaml_does_not_name_is_refused() throws Exception {
        // Agents may write it, and Checkstyle runs in Synod's process: it could make Checkstyle
        // read any file or URL it names. Only the configuration synod.yaml names is used.
        Path tree = TreeFiles.write(dir.resolve("tree"), Map.of("src/main/java/shop/Shop.java", SHOP,
                "checkstyle.xml", SHORT_NAMES));

        Gate.Verdict verdict = check(new LintGate(Optional.empty()), tree);

        assertThat(verdict).isEqualTo(new Gate.Verdict(Event.Verdict.ERROR, List.of("checkstyle.xml: the tree's own "
                + "Checkstyle configuration is not used unless synod.yaml names it (gates: { lint: { config: checkstyle.xml } }), "
                + "since agents may write it and Checkstyle runs outside the sandbox; name it, or remove it to lint with "
                + "Synod's default")));
    }

    @Test
    void the_trees_checkstyle_xml_replaces_the_default_when_synod_yaml_names_it() throws Exception {
        Path tree = TreeFiles.write(dir.resolve("tree"), Map.of("src/main/java/shop/Shop.java", SHOP,
                "checkstyle.xml", SHORT_NAMES));

        Gate.Verdict verdict = check(new LintGate(Optional.of("checkstyle.xml")), tree);

        assertThat(verdict.diagnostics()).containsExactly(
                "src/main/java/shop/Shop.java:6:10: [MethodName] Name 'total' must match pattern '^[a-z]{1,4}$'.");
    }

    @Test
    void gates_lint_config_names_the_configuration_in_the_tree() throws Exception {
        Path tree = TreeFiles.write(dir.resolve("tree"), Map.of("src/main/java/shop/Shop.java", SHOP,
                "config/style.xml", SHORT_NAMES));
        LintGate gate = LintGate.configure(SynodConfig.parse("gates: { lint: { config: config/style.xml } }",
                Path.of("synod.yaml")));

        assertThat(check(gate, tree).diagnostics()).singleElement().asString().contains("[MethodName]");
        assertThat(check(gate, TreeFiles.write(dir.resolve("other"), Map.of("A.java", "class A {\n}\n"))))
                .isEqualTo(new Gate.Verdict(Event.Verdict.ERROR,
                        List.of("config/style.xml: the tree has no such file, which gates.lint.config in synod.yaml names")));
    }

    @Test
    void a_configuration_checkstyle_cannot_load_is_an_error_saying_why() throws Exception {
        Path tree = TreeFiles.write(dir.resolve("tree"), Map.of("A.java", "class A {\n}\n", "checkstyle.xml", """
                <?xml version="1.0"?>
                <!DOCTYPE module PUBLIC "-//Checkstyle//DTD Checkstyle Configuration 1.3//EN"
                    "https://checkstyle.org/dtds/configuration_1_3.dtd">
                <module name="Checker">
                  <module name="NoSuchCheckAnywhere"/>
                </module>
                """));

        Gate.Verdict verdict = check(new LintGate(Optional.of("checkstyle.xml")), tree);

        assertThat(verdict.kind()).isEqualTo(Event.Verdict.ERROR);
        assertThat(verdict.diagnostics()).singleElement().asString()
                .startsWith("checkstyle.xml: Checkstyle could not run: ").contains("NoSuchCheckAnywhere");
    }

    @Test
    void a_file_that_does_not_parse_is_a_finding_on_that_file() throws Exception {
        Path tree = TreeFiles.write(dir.resolve("tree"), Map.of("src/Broken.java", "class Broken {\n    void f( {\n}\n"));

        Gate.Verdict verdict = check(new LintGate(Optional.empty()), tree);

        assertThat(verdict.kind()).isEqualTo(Event.Verdict.FAIL);
        assertThat(verdict.diagnostics()).singleElement().asString().startsWith("src/Broken.java:");
    }

    @Test
    void a_configuration_outside_the_tree_is_refused() throws Exception {
        Path tree = TreeFiles.write(dir.resolve("tree"), Map.of("A.java", "class A {\n}\n"));

        assertThat(check(new LintGate(Optional.of("../checkstyle.xml")), tree).kind()).isEqualTo(Event.Verdict.ERROR);
    }

    @Test
    void unknown_settings_are_refused() {
        assertThatThrownBy(() -> LintGate.configure(SynodConfig.parse("gates: { lint: { file: x.xml } }", Path.of("synod.yaml"))))
                .isInstanceOf(SynodException.InvalidInput.class)
                .hasMessage("synod.yaml:1:18: gates.lint.file: unknown key (the built-in gate lint takes config)");
    }

    @Test
    void the_configuration_names_the_configuration_file() {
        assertThat(new LintGate(Optional.empty()).configuration())
                .isNotEqualTo(new LintGate(Optional.of("config/style.xml")).configuration());
    }
}
