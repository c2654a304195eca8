package dev.synod.runtime.agents.model;

import static dev.synod.runtime.agents.model.LoopFixture.script;
import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.UserMessage;
import dev.synod.core.Agent;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the runtime does when the model does not play along: the loop guard, malformed calls, plain text. */
class ModelAgentLimitsTest {
    @TempDir
    Path root;

    private static String reason(Agent.Outcome outcome) {
        assertThat(outcome).isInstanceOf(Agent.Outcome.Failed.class);
        return ((Agent.Outcome.Failed) outcome).reason();
    }

    @Test
    void a_model_that_never_finishes_crashes_the_attempt_at_max_turns() throws Exception {
        LoopFixture f = new LoopFixture(root, script("""
                - calls: [ { list_files: {} } ]
                - calls: [ { list_files: {} } ]
                - calls: [ { list_files: {} } ]
                - calls: [ { list_files: {} } ]
                - calls: [ { finish: { summary: too late } } ]
                """), Limits.DEFAULT.withMaxTurns(3), Pricing.FREE, SelfCheck.NONE);

        assertThat(reason(f.perform())).isEqualTo("the model did not finish within 3 turns (max-turns of its model alias)");
        assertThat(f.model.calls()).isEqualTo(3);
    }

    @Test
    void malformed_calls_are_answered_as_errors_and_three_in_a_row_crash_the_attempt() throws Exception {
        LoopFixture f = new LoopFixture(root, script("""
                - calls:
                    - shell: { command: "rm -rf /" }
                - calls:
                    - write_file: '{"path": "src/dev1/A.java", "content": '
                - calls:
                    - write_file: { path: src/dev1/A.java }
                - calls:
                    - finish: { summary: never reached }
                """));

        String reason = reason(f.perform());

        assertThat(reason).isEqualTo("the model made 3 malformed tool calls in a row; the last: write_file needs the field "
                + "\"content\" (text), which is missing");
        assertThat(f.model.calls()).isEqualTo(3);
        assertThat(f.results()).hasSize(2);
        assertThat(f.results().get(0)).isEqualTo("error: there is no tool 'shell'; the tools are list_files, read_file, "
                + "write_file, edit_file, delete_file, finish");
        assertThat(f.results().get(1)).startsWith("error: the arguments of write_file are not valid JSON (")
                .endsWith("found: {\"path\": \"src/dev1/A.java\", \"content\":");
    }

    @Test
    void a_well_formed_call_resets_the_count_of_malformed_ones() throws Exception {
        LoopFixture f = new LoopFixture(root, script("""
                - calls:
                    - write_file: { path: 5, content: x }
                    - read_file: [ api/Api.java ]
                    - list_files: {}
                    - finish: {}
                - calls:
                    - finish: { summary: done after all }
                """));

        Agent.Outcome outcome = f.perform();

        assertThat(outcome).isInstanceOf(Agent.Outcome.Finished.class);
        assertThat(f.results().get(0)).isEqualTo("error: write_file: the field \"path\" must be text, found the number 5");
        assertThat(f.results().get(1)).isEqualTo("error: the arguments of read_file must be a JSON object, found a list");
        assertThat(f.results().get(3)).isEqualTo("error: finish needs the field \"summary\" (text), which is missing");
    }

    @Test
    void a_model_that_answers_with_text_is_reminded_twice_then_the_attempt_crashes() throws Exception {
        LoopFixture f = new LoopFixture(root, script("""
                - text: "I would write the cart now."
                - text: "The cart is written."
                - text: "Done, really."
                - calls: [ { finish: { summary: never reached } } ]
                """));

        String reason = reason(f.perform());

        assertThat(reason).isEqualTo("the model answered 3 times in a row without calling a tool; its last answer: \"Done, really.\"");
        assertThat(f.model.calls()).isEqualTo(3);
        var last = f.model.requests.get(2).messages();
        assertThat(last.get(last.size() - 1)).isInstanceOf(UserMessage.class);
        assertThat(((UserMessage) last.get(last.size() - 1)).singleText()).contains("Work only through the tools");
    }

    @Test
    void a_reminded_model_that_then_uses_the_tools_finishes() throws Exception {
        LoopFixture f = new LoopFixture(root, script("""
                - text: "Here is my plan."
                - calls: [ { write_file: { path: src/dev1/A.java, content: "class A {}" } } ]
                - text: "Written."
                - calls: [ { finish: { summary: wrote A } } ]
                """));

        assertThat(f.perform()).isInstanceOf(Agent.Outcome.Finished.class);
        assertThat(f.workspace.resolve("src/dev1/A.java")).hasContent("class A {}");
    }

    @Test
    void a_model_call_that_fails_crashes_the_attempt_with_its_reason() throws Exception {
        LoopFixture f = new LoopFixture(root, script("""
                - calls: [ { list_files: {} } ]
                - crash: "openai answered 500 after 3 tries"
                """));

        assertThat(reason(f.perform())).isEqualTo("openai answered 500 after 3 tries");
    }
}
