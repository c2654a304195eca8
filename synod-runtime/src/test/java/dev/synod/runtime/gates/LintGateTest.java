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

        Gate.Verdict verdict = check(new LintGate(Optional.empty(), dir), tree);

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

        Gate.Verdict verdict = check(new LintGate(Optional.empty(), dir), tree);

        assertThat(verdict).isEqualTo(new Gate.Verdict(Event.Verdict.ERROR, List.of("checkstyle.xml: the tree's own "
                + "Checkstyle configuration is not used unless synod.yaml names it (gates: { lint: { config: checkstyle.xml } }), "
                + "since agents may write it and Checkstyle runs outside the sandbox; name it, or remove it to lint with "
                + "Synod's default")));
    }

    @Test
    void the_trees_checkstyle_xml_replaces_the_default_when_synod_yaml_names_it() throws Exception {
        Path tree = TreeFiles.write(dir.resolve("tree"), Map.of("src/main/java/shop/Shop.java", SHOP,
                "checkstyle.xml", SHORT_NAMES));

        Gate.Verdict verdict = check(new LintGate(Optional.of("checkstyle.xml"), tree), tree);

        assertThat(verdict.diagnostics()).containsExactly(
                "src/main/java/shop/Shop.java:6:10: [MethodName] Name 'total' must match pattern '^[a-z]{1,4}$'.");
    }

    @Test
    void gates_lint_config_names_the_configuration_in_the_tree() throws Exception {
        Path tree = TreeFiles.write(dir.resolve("tree"), Map.of("src/main/java/shop/Shop.java", SHOP,
                "config/style.xml", SHORT_NAMES));
        LintGate gate = LintGate.configure(SynodConfig.parse("gates: { lint: { config: config/style.xml } }",
                tree.resolve("synod.yaml")));

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

        Gate.Verdict verdict = check(new LintGate(Optional.of("checkstyle.xml"), tree), tree);

        assertThat(verdict.kind()).isEqualTo(Event.Verdict.ERROR);
        assertThat(verdict.diagnostics()).singleElement().asString()
                .startsWith("checkstyle.xml: Checkstyle could not run: ").contains("NoSuchCheckAnywhere");
    }

    @Test
    void a_file_that_does_not_parse_is_a_finding_on_that_file() throws Exception {
        Path tree = TreeFiles.write(dir.resolve("tree"), Map.of("src/Broken.java", "class Broken {\n    void f( {\n}\n"));

        Gate.Verdict verdict = check(new LintGate(Optional.empty(), dir), tree);

        assertThat(verdict.kind()).isEqualTo(Event.Verdict.FAIL);
        assertThat(verdict.diagnostics()).singleElement().asString().startsWith("src/Broken.java:");
    }

    @Test
    void a_configuration_outside_the_tree_is_refused() throws Exception {
        Path tree = TreeFiles.write(dir.resolve("tree"), Map.of("A.java", "class A {\n}\n"));

        TreeFiles.write(dir, Map.of("checkstyle.xml", SHORT_NAMES));

        assertThatThrownBy(() -> new LintGate(Optional.of("../checkstyle.xml"), tree))
                .isInstanceOf(SynodException.InvalidInput.class)
                .hasMessageStartingWith("gates.lint.config: expected a file inside " + tree.toAbsolutePath());
    }

    @Test
    void the_named_configuration_is_read_from_the_run_directory_and_a_tree_that_changed_it_is_refused() throws Exception {
        // The agent's tree may hold any bytes; Checkstyle, running in Synod's process, reads only the
        // user's copy, taken when the gate was configured.
        Path run = TreeFiles.write(dir.resolve("run"), Map.of("checkstyle.xml", SHORT_NAMES));
        LintGate gate = new LintGate(Optional.of("checkstyle.xml"), run);
        Path tree = TreeFiles.write(dir.resolve("tree"), Map.of("src/main/java/shop/Shop.java", SHOP,
                "checkstyle.xml", SHORT_NAMES.replace("{1,4}", "{1,9}")));

        assertThat(check(gate, tree)).isEqualTo(new Gate.Verdict(Event.Verdict.ERROR, List.of("checkstyle.xml: the tree's "
                + "copy differs from the run directory's, which is the one Checkstyle uses (agents may write the tree, and "
                + "Checkstyle runs outside the sandbox); restore it, or keep it outside agents' write scopes")));
        TreeFiles.write(run, Map.of("checkstyle.xml", "<not even xml"));
        TreeFiles.write(tree, Map.of("checkstyle.xml", SHORT_NAMES));
        assertThat(check(gate, tree).diagnostics()).containsExactly(
                "src/main/java/shop/Shop.java:6:10: [MethodName] Name 'total' must match pattern '^[a-z]{1,4}$'.");
    }

    @Test
    void a_named_configuration_the_run_directory_does_not_hold_stops_the_gate_being_configured() {
        assertThatThrownBy(() -> LintGate.configure(SynodConfig.parse("gates: { lint: { config: style.xml } }",
                dir.resolve("synod.yaml"))))
                .isInstanceOf(SynodException.InvalidInput.class)
                .hasMessage(dir.resolve("synod.yaml") + ": gates.lint.config: expected a readable file "
                        + dir.toAbsolutePath().resolve("style.xml")
                        + " (the lint configuration is read from the run directory, not from agents' trees), found nothing");
    }

    @Test
    void unknown_settings_are_refused() {
        assertThatThrownBy(() -> LintGate.configure(SynodConfig.parse("gates: { lint: { file: x.xml } }", Path.of("synod.yaml"))))
                .isInstanceOf(SynodException.InvalidInput.class)
                .hasMessage("synod.yaml:1:18: gates.lint.file: unknown key (the built-in gate lint takes config)");
    }

    @Test
    void the_configuration_names_the_configuration_file_and_its_bytes() throws Exception {
        TreeFiles.write(dir, Map.of("config/style.xml", SHORT_NAMES));
        String before = new LintGate(Optional.of("config/style.xml"), dir).configuration();
        TreeFiles.write(dir, Map.of("config/style.xml", SHORT_NAMES + " "));

        assertThat(new LintGate(Optional.empty(), dir).configuration()).startsWith("lint config=default ");
        assertThat(before).startsWith("lint config=config/style.xml sha256=")
                .isNotEqualTo(new LintGate(Optional.of("config/style.xml"), dir).configuration());
    }
}
