package dev.synod.runtime.agents.model;

import static dev.synod.runtime.agents.model.LoopFixture.script;
import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.synod.core.Agent;
import dev.synod.core.Event;
import dev.synod.core.Gate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tools of the loop, and the rules the runtime enforces on their paths, seen from the model's side. */
class ModelAgentToolsTest {
    @TempDir
    Path root;

    @Test
    void the_file_tools_list_read_write_edit_and_delete_and_finish_ends_the_attempt() throws Exception {
        LoopFixture f = new LoopFixture(root, script("""
                - calls:
                    - list_files: {}
                    - read_file: { path: api/Api.java }
                    - write_file: { path: src/dev1/Cart.java, content: "class Cart {}\\n" }
                    - edit_file: { path: src/dev1/Old.java, search: "int a;", replace: "long a;" }
                    - delete_file: { path: src/dev1/Old.java }
                    - read_file: { path: docs/decisions/0001-money.md }
                - calls:
                    - finish: { summary: "the cart" }
                """));

        Agent.Outcome outcome = f.perform();

        assertThat(outcome).isEqualTo(new Agent.Outcome.Finished("the cart", Event.Usage.NONE));
        List<String> results = f.results();
        assertThat(results.get(0).lines()).containsExactly("api/Api.java", "docs/decisions/0001-money.md", "src/dev1/Old.java");
        assertThat(results.get(1)).isEqualTo("interface Api {}\n");
        assertThat(results.get(2)).isEqualTo("created src/dev1/Cart.java (14 bytes)");
        assertThat(results.get(3)).isEqualTo("edited src/dev1/Old.java at line 2");
        assertThat(results.get(4)).isEqualTo("deleted src/dev1/Old.java");
        assertThat(results.get(5)).contains("long cents");
        assertThat(f.workspace.resolve("src/dev1/Cart.java")).hasContent("class Cart {}");
        assertThat(f.workspace.resolve("src/dev1/Old.java")).doesNotExist();
        assertThat(f.model.calls()).isEqualTo(2);
    }

    @Test
    void read_file_shows_a_range_of_lines_and_says_where_they_are() throws Exception {
        LoopFixture f = new LoopFixture(root, script("""
                - calls:
                    - read_file: { path: src/dev1/Old.java, start_line: 2, line_count: 2 }
                    - read_file: { path: src/dev1/Old.java, start_line: 3 }
                    - read_file: { path: src/dev1/Old.java, start_line: 9 }
                    - read_file: { path: src/dev1/Old.java, start_line: 0 }
                - calls:
                    - finish: { summary: "read" }
                """));

        f.perform();

        assertThat(f.results()).containsExactly(
                "[lines 2–3 of 4 of src/dev1/Old.java]\n    int a;\n    int a2;\n",
                "[lines 3–4 of 4 of src/dev1/Old.java]\n    int a2;\n}\n",
                "error: \"src/dev1/Old.java\" has 4 lines; start_line 9 is past its end",
                "error: read_file: the field \"start_line\" must be a whole number of at least 1, found the number 0");
    }

    @Test
    void edit_file_refuses_a_search_text_that_is_absent_or_not_unique() throws Exception {
        LoopFixture f = new LoopFixture(root, script("""
                - calls:
                    - edit_file: { path: src/dev1/Old.java, search: "float b;", replace: "x" }
                    - edit_file: { path: src/dev1/Old.java, search: "int a", replace: "x" }
                    - edit_file: { path: src/dev1/Missing.java, search: "a", replace: "x" }
                - calls:
                    - finish: { summary: "nothing changed" }
                """));

        f.perform();

        assertThat(f.results()).containsExactly(
                "error: the search text was not found in src/dev1/Old.java; read the file and copy the text exactly, "
                        + "whitespace included",
                "error: the search text occurs 2 times in src/dev1/Old.java; include more of the surrounding lines so that "
                        + "it occurs once",
                "error: no file \"src/dev1/Missing.java\" to edit; create it with write_file");
        assertThat(f.workspace.resolve("src/dev1/Old.java")).hasContent("class Old {\n    int a;\n    int a2;\n}");
    }

    @Test
    void rejects_absolute_paths_with_an_error_the_model_sees() throws Exception {
        LoopFixture f = new LoopFixture(root, script("""
                - calls:
                    - read_file: { path: /etc/hostname }
                    - write_file: { path: /tmp/escaped.txt, content: out }
                - calls:
                    - finish: { summary: tried }
                """));

        assertThat(f.perform()).isInstanceOf(Agent.Outcome.Finished.class);

        assertThat(f.results()).containsExactly(
                "error: \"/etc/hostname\" is an absolute path; paths are relative to the workspace root, such as \"src/Main.java\"",
                "error: \"/tmp/escaped.txt\" is an absolute path; paths are relative to the workspace root, such as \"src/Main.java\"");
        assertThat(Path.of("/tmp/escaped.txt")).doesNotExist();
    }

    @Test
    void rejects_paths_that_climb_out_with_dot_dot() throws Exception {
        LoopFixture f = new LoopFixture(root, script("""
                - calls:
                    - write_file: { path: ../outside/planted.txt, content: out }
                    - write_file: { path: src/dev1/../../README.md, content: out }
                    - list_files: { path: .. }
                - calls:
                    - finish: { summary: tried }
                """));

        f.perform();

        assertThat(f.results()).allSatisfy(r -> assertThat(r).startsWith("error: ").contains("climbs out with \"..\""));
        assertThat(f.outside.resolve("planted.txt")).doesNotExist();
        assertThat(f.workspace.resolve("README.md")).hasContent("# Shop");
    }

    @Test
    void rejects_symbolic_links_that_lead_outside_the_workspace() throws Exception {
        LoopFixture f = new LoopFixture(root, script("""
                - calls:
                    - read_file: { path: elsewhere/sentinel.txt }
                    - write_file: { path: src/dev1/out/planted.txt, content: out }
                    - delete_file: { path: src/dev1/out/sentinel.txt }
                - calls:
                    - finish: { summary: tried }
                """));

        f.perform();

        assertThat(f.results()).containsExactly(
                "error: \"elsewhere/sentinel.txt\" leads outside the workspace through the symbolic link \"elsewhere\"",
                "error: \"src/dev1/out/planted.txt\" leads outside the workspace through the symbolic link \"src/dev1/out\"",
                "error: \"src/dev1/out/sentinel.txt\" leads outside the workspace through the symbolic link \"src/dev1/out\"");
        assertThat(f.outside.resolve("sentinel.txt")).hasContent("outside");
        assertThat(f.outside.resolve("planted.txt")).doesNotExist();
    }

    @Test
    void rejects_a_write_outside_the_write_scope() throws Exception {
        LoopFixture f = new LoopFixture(root, script("""
                - calls:
                    - write_file: { path: README.md, content: changed }
                    - delete_file: { path: api/Api.java }
                    - edit_file: { path: api/Api.java, search: "Api", replace: "Bpi" }
                - calls:
                    - finish: { summary: tried }
                """));

        f.perform();

        assertThat(f.results()).containsExactly(
                "error: may not change \"README.md\": outside your write scope (src/dev1/**)",
                "error: may not change \"api/Api.java\": outside your write scope (src/dev1/**)",
                "error: may not change \"api/Api.java\": outside your write scope (src/dev1/**)");
        assertThat(f.workspace.resolve("README.md")).hasContent("# Shop");
        assertThat(f.workspace.resolve("api/Api.java")).exists();
    }

    @Test
    void rejects_a_read_of_a_file_it_did_not_receive() throws Exception {
        LoopFixture f = new LoopFixture(root, script("""
                - calls:
                    - read_file: { path: secret/keys.txt }
                    - read_file: { path: ./secret//keys.txt }
                    - list_files: { path: secret }
                - calls:
                    - finish: { summary: tried }
                """));

        f.perform();

        List<String> results = f.results();
        assertThat(results.get(0)).isEqualTo("error: may not read \"secret/keys.txt\": you may read only api (api/**), "
                + "the decision records (docs/decisions/**), your write scope (src/dev1/**)");
        assertThat(results.get(1)).isEqualTo(results.get(0));
        assertThat(results.get(2)).startsWith("(no files you may read under \"secret\"");
        assertThat(String.join("\n", results)).doesNotContain("not for dev[1]");
    }

    @Test
    void cuts_a_long_result_and_says_what_was_cut() throws Exception {
        LoopFixture f = new LoopFixture(root, script("""
                - calls:
                    - read_file: { path: src/dev1/Big.txt }
                - calls:
                    - finish: { summary: read }
                """));
        LoopFixture.write(f.workspace, "src/dev1/Big.txt", "x".repeat(40_000));

        f.perform();

        String shown = f.results().get(0);
        assertThat(shown).startsWith("x".repeat(Limits.DEFAULT.resultChars()))
                .endsWith("[cut: " + (40_000 - Limits.DEFAULT.resultChars()) + " of 40000 characters left out; the output "
                        + "limit is " + Limits.DEFAULT.resultChars() + " characters]");
        assertThat(shown.chars().filter(c -> c == 'x').count()).isEqualTo(Limits.DEFAULT.resultChars());
    }

    @Test
    void cuts_the_results_of_one_turn_together() throws Exception {
        LoopFixture f = new LoopFixture(root, script("""
                - calls:
                    - read_file: { path: src/dev1/A.txt }
                    - read_file: { path: src/dev1/A.txt }
                    - read_file: { path: src/dev1/A.txt }
                - calls:
                    - read_file: { path: src/dev1/A.txt }
                - calls:
                    - finish: { summary: read }
                """), new Limits(40, 3, 2, 1000, 1500), Pricing.FREE, SelfCheck.NONE);
        LoopFixture.write(f.workspace, "src/dev1/A.txt", "a".repeat(800));

        f.perform();

        List<String> results = f.results();
        assertThat(results.get(0)).isEqualTo("a".repeat(800));
        assertThat(results.get(1)).startsWith("a".repeat(700)).contains("[cut: 100 of 800 characters left out");
        assertThat(results.get(2)).isEqualTo("[cut: the tool results of this turn reached their limit of 1500 characters; "
                + "call read_file again in a later turn]");
        assertThat(results.get(3)).as("a new turn has room again").isEqualTo("a".repeat(800));
    }

    @Test
    void run_gate_checks_a_copy_of_the_files_with_a_gate_of_the_hand_off() throws Exception {
        List<List<String>> seen = new ArrayList<>();
        SelfCheck selfCheck = new SelfCheck() {
            @Override
            public List<String> gates(String step) {
                return step.equals(LoopFixture.STEP) ? List.of("exists") : List.of();
            }

            @Override
            public Gate.Verdict run(String step, String gate, Path tree) throws InterruptedException {
                try (var files = Files.walk(tree)) {
                    seen.add(files.filter(Files::isRegularFile).map(p -> tree.relativize(p).toString()).sorted().toList());
                    Files.writeString(tree.resolve("gate-output.log"), "built");
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return seen.size() == 1 ? Gate.Verdict.fail(List.of("src/dev1/Cart.java:1:1: empty"))
                        : Gate.Verdict.pass();
            }
        };
        LoopFixture f = new LoopFixture(root, script("""
                - calls:
                    - write_file: { path: src/dev1/Cart.java, content: "" }
                    - run_gate: { name: exists }
                - calls:
                    - write_file: { path: src/dev1/Cart.java, content: "class Cart {}" }
                    - run_gate: { name: exists }
                    - run_gate: { name: compile }
                - calls:
                    - finish: { summary: checked }
                """), Limits.DEFAULT, Pricing.FREE, selfCheck);

        f.perform();

        assertThat(f.results()).containsExactly("created src/dev1/Cart.java (0 bytes)",
                "error: gate exists: fail\nsrc/dev1/Cart.java:1:1: empty",
                "replaced src/dev1/Cart.java (13 bytes)", "gate exists: pass",
                "error: no gate 'compile' to run; the gates of impl[dev1] are exists");
        assertThat(seen.get(0)).contains("src/dev1/Cart.java", "api/Api.java").doesNotContain("elsewhere/sentinel.txt");
        assertThat(f.workspace.resolve("gate-output.log")).as("the gate ran on a copy").doesNotExist();
    }

    @Test
    void the_instructions_carry_the_contract_prompt_decisions_inputs_scope_and_diagnostics() throws Exception {
        LoopFixture f = new LoopFixture(root, """
                dev[1]:
                  produce:
                    impl[dev1]:
                      - summary: nothing to do
                """);

        Agent.Outcome outcome = f.agent.perform(LoopFixture.assignment(2, List.of("gate exists failed on attempt 1:",
                "src/dev1/**:1:1: no non-empty file matches this glob")), f.workspace);

        assertThat(outcome).isInstanceOf(Agent.Outcome.Finished.class);
        var messages = f.model.requests.get(0).messages();
        assertThat(((SystemMessage) messages.get(0)).text()).contains("You are dev[1]").contains("finish");
        assertThat(((UserMessage) messages.get(1)).singleText()).startsWith("Role: dev[1]\nTask: produce impl[dev1] (attempt 2)\n")
                .contains("Contract of dev[1] in team shop")
                .contains("Build a shop.")
                .contains("- `money`: long cents")
                .contains("- api (api/**): api/Api.java")
                .contains("- the decision records (docs/decisions/**): docs/decisions/0001-money.md")
                .contains("- your write scope (src/dev1/**): src/dev1/Old.java")
                .contains("src/dev1/**:1:1: no non-empty file matches this glob")
                .doesNotContain("secret");
        assertThat(f.model.requests.get(0).toolSpecifications()).extracting(t -> t.name())
                .containsExactly("list_files", "read_file", "write_file", "edit_file", "delete_file", "finish");
    }
}
