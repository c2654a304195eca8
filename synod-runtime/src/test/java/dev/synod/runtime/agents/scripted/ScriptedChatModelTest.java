package dev.synod.runtime.agents.scripted;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.synod.core.SynodException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scripted model: answers keyed by role, step, attempt and turn; clear messages for what the script lacks. */
class ScriptedChatModelTest {
    @TempDir
    Path dir;

    private ScriptedChatModel model(String yaml) throws Exception {
        Path file = dir.resolve("agents.yaml");
        Files.writeString(file, yaml);
        return new ScriptedChatModel(AgentScript.load(file));
    }

    private static ChatRequest ask(String header, int answersBefore) {
        List<dev.langchain4j.data.message.ChatMessage> messages = new java.util.ArrayList<>(List.of(SystemMessage.from("rules"),
                UserMessage.from(header + "\n\nthe task")));
        for (int i = 0; i < answersBefore; i++) {
            messages.add(AiMessage.from("earlier"));
            messages.add(UserMessage.from("go on"));
        }
        return ChatRequest.builder().messages(messages).build();
    }

    @Test
    void the_short_form_becomes_the_tool_calls_a_model_makes() throws Exception {
        ScriptedChatModel model = model("""
                writer:
                  produce:
                    outline:
                      - write: { notes/OUTLINE.md: "# Outline" }
                        delete: [ notes/OLD.md ]
                        summary: outline written
                        usage: { input: 300, output: 20 }
                """);

        ChatResponse first = model.chat(ask("Role: writer\nTask: produce outline (attempt 1)", 0));
        ChatResponse second = model.chat(ask("Role: writer\nTask: produce outline (attempt 1)", 1));

        assertThat(first.aiMessage().toolExecutionRequests()).extracting(r -> r.name() + " " + r.arguments()).containsExactly(
                "write_file {\"content\":\"# Outline\",\"path\":\"notes/OUTLINE.md\"}", "delete_file {\"path\":\"notes/OLD.md\"}");
        assertThat(first.tokenUsage().inputTokenCount()).isEqualTo(300);
        assertThat(second.aiMessage().toolExecutionRequests()).extracting(r -> r.name() + " " + r.arguments())
                .containsExactly("finish {\"summary\":\"outline written\"}");
    }

    @Test
    void the_last_attempt_of_a_step_serves_every_later_attempt() throws Exception {
        ScriptedChatModel model = model("""
                writer:
                  produce:
                    outline:
                      - crash: first
                      - summary: second
                """);

        assertThatThrownBy(() -> model.chat(ask("Role: writer\nTask: produce outline (attempt 1)", 0))).hasMessage("first");
        assertThat(model.chat(ask("Role: writer\nTask: produce outline (attempt 5)", 0)).aiMessage().toolExecutionRequests())
                .extracting(r -> r.arguments()).containsExactly("{\"summary\":\"second\"}");
    }

    @Test
    void a_step_the_script_does_not_cover_is_named_in_the_error() throws Exception {
        ScriptedChatModel model = model("writer:\n  produce:\n    outline:\n      - summary: done\n");

        assertThatThrownBy(() -> model.chat(ask("Role: writer\nTask: produce book (attempt 1)", 0)))
                .isInstanceOf(SynodException.InvalidInput.class)
                .hasMessage("the agent script agents.yaml has no entry 'writer.produce.book'");
        assertThatThrownBy(() -> model.chat(ask("Role: editor[2]\nTask: review outline (attempt 1)", 0)))
                .hasMessage("the agent script agents.yaml has no entry 'editor[2].review.outline'");
        assertThatThrownBy(() -> model.chat(ask("Role: writer\nTask: produce outline (attempt 1)", 1)))
                .hasMessage("the agent script agents.yaml gives 'writer.produce.outline' on attempt 1 1 answer, and the model "
                        + "was asked for answer 2; end the attempt with a call to finish (approve or reject in a review, "
                        + "decide or vote in a decide)");
        assertThatThrownBy(() -> model.chat(ChatRequest.builder().messages(UserMessage.from("hello")).build()))
                .hasMessageContaining("answers only the tasks of Synod's tool loop");
    }

    @Test
    void a_script_that_is_not_yaml_or_has_a_wrong_key_is_refused_with_where_and_what() throws Exception {
        assertThatThrownBy(() -> model("writer: [ unclosed\n")).isInstanceOf(SynodException.InvalidInput.class)
                .hasMessageStartingWith(dir.resolve("agents.yaml") + ": the agent script is not valid YAML: ");
        assertThatThrownBy(() -> model("""
                writer:
                  produce:
                    outline:
                      - turns:
                          - cals: [ { finish: { summary: x } } ]
                """)).hasMessage(dir.resolve("agents.yaml") + ": unknown key 'writer.produce.outline[1].turns[1].cals'; "
                + "expected calls, crash, sleep, text, usage");
        assertThatThrownBy(() -> model("writer:\n  produce:\n    outline:\n      - write: x\n"))
                .hasMessage(dir.resolve("agents.yaml") + ": 'writer.produce.outline[1].write' must be a mapping of paths to "
                        + "contents, found 'x'");
        assertThatThrownBy(() -> model("writer:\n  produce:\n    outline:\n      - sleep: soon\n"))
                .hasMessage(dir.resolve("agents.yaml") + ": 'writer.produce.outline[1].sleep' must be a duration such as 500ms, "
                        + "90s, 2m or 1h, found 'soon'");
        assertThatThrownBy(() -> AgentScript.load(dir.resolve("missing.yaml")))
                .hasMessage(dir.resolve("missing.yaml") + ": the agent script is missing");
    }

    @Test
    void arguments_given_as_text_reach_the_loop_as_they_are() throws Exception {
        ScriptedChatModel model = model("""
                writer:
                  produce:
                    outline:
                      - turns:
                          - text: "thinking aloud"
                            calls:
                              - write_file: '{"path": "a", '
                """);

        AiMessage answer = model.chat(ask("Role: writer\nTask: produce outline (attempt 1)", 0)).aiMessage();

        assertThat(answer.text()).isEqualTo("thinking aloud");
        assertThat(answer.toolExecutionRequests().get(0).arguments()).isEqualTo("{\"path\": \"a\", ");
    }
}
