package dev.synod.runtime.agents.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ToolChoice;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.synod.core.Event;
import dev.synod.runtime.config.SynodConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The real providers, each run only when its key (or, for Ollama, {@code OLLAMA_BASE_URL}) is
 * set. Small, cheap models; each test makes at most three short calls. The model names can be
 * overridden with {@code SYNOD_LIVE_OPENAI_MODEL} and the like.
 */
class LiveProvidersTest {
    static final ToolSpecification READ_FILE = ToolSpecification.builder()
            .name("read_file")
            .description("Returns the content of a file of the project")
            .parameters(JsonObjectSchema.builder().addStringProperty("path", "the file's path").required("path").build())
            .build();

    static ChatModel model(String settings) {
        SynodConfig config = SynodConfig.parse("models:\n  live: " + settings + "\n", Path.of("synod.yaml"));
        return Providers.chatModel(config, "live");
    }

    static String modelName(String provider, String fallback) {
        String chosen = System.getenv("SYNOD_LIVE_" + provider + "_MODEL");
        return chosen == null || chosen.isBlank() ? fallback : chosen;
    }

    /**
     * A plain answer, then a tool call answered with a file's content, then the final text.
     * {@code toolChoice} is REQUIRED where the provider supports forcing a tool (not Ollama).
     */
    static void answersAndCallsTools(ChatModel model, ToolChoice toolChoice) {
        ChatResponse plain = model.chat(ChatRequest.builder().messages(UserMessage.from("Reply with the single word: ready"))
                .build());
        assertThat(plain.aiMessage().text()).containsIgnoringCase("ready");
        Event.Usage usage = new Pricing(1, 1).usage(plain.tokenUsage());
        assertThat(usage.inputTokens()).isPositive();
        assertThat(usage.outputTokens()).isPositive();

        List<ChatMessage> messages = new ArrayList<>(List.of(UserMessage.from(
                "Use the read_file tool to read VERSION, then reply with its content only.")));
        ChatResponse call = model.chat(ChatRequest.builder().messages(messages).toolSpecifications(READ_FILE)
                .toolChoice(toolChoice).build());
        assertThat(call.aiMessage().toolExecutionRequests()).isNotEmpty();
        ToolExecutionRequest request = call.aiMessage().toolExecutionRequests().get(0);
        assertThat(request.name()).isEqualTo("read_file");
        assertThat(request.arguments()).contains("VERSION");
        messages.add(call.aiMessage());
        messages.add(ToolExecutionResultMessage.from(request, "4.7.1-zeta"));
        ChatResponse last = model.chat(ChatRequest.builder().messages(messages).toolSpecifications(READ_FILE).build());
        assertThat(last.aiMessage().text()).contains("4.7.1-zeta");
    }

    @Test
    @EnabledIfEnvironmentVariable(named = "OPENAI_API_KEY", matches = ".+")
    void openai() {
        answersAndCallsTools(model("{ provider: openai, model: " + modelName("OPENAI", "gpt-4.1-mini") + ", max-tokens: 200 }"), ToolChoice.REQUIRED);
    }

    @Test
    @EnabledIfEnvironmentVariable(named = "ANTHROPIC_API_KEY", matches = ".+")
    void anthropic() {
        answersAndCallsTools(model("{ provider: anthropic, model: " + modelName("ANTHROPIC", "claude-haiku-4-5")
                + ", max-tokens: 200 }"), ToolChoice.REQUIRED);
    }

    @Test
    @EnabledIfEnvironmentVariable(named = "GEMINI_API_KEY", matches = ".+")
    void gemini() {
        answersAndCallsTools(model("{ provider: gemini, model: " + modelName("GEMINI", "gemini-2.5-flash") + " }"), ToolChoice.REQUIRED);
    }

    @Test
    @EnabledIfEnvironmentVariable(named = "OLLAMA_BASE_URL", matches = "https?://.+")
    void ollama() {
        answersAndCallsTools(model("{ provider: ollama, model: \"" + modelName("OLLAMA", "qwen2.5-coder:7b") + "\", base-url: \""
                + System.getenv("OLLAMA_BASE_URL") + "\" }"), ToolChoice.AUTO);
    }
}
