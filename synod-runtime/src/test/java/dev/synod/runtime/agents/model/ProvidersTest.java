package dev.synod.runtime.agents.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import dev.synod.core.SynodException;
import dev.synod.runtime.config.SynodConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProvidersTest {
    static final Path FILE = Path.of("team", "synod.yaml");
    static final String SECRET = "sk-ant-api03-secret-value-0123456789";

    static SynodConfig config(String yaml) {
        return SynodConfig.parse(yaml, FILE);
    }

    @Test
    void a_missing_key_names_the_file_the_alias_and_the_variable() {
        SynodConfig config = config("models:\n  critic: { provider: anthropic, model: claude-sonnet-4-5 }\n");

        assertThatThrownBy(() -> Providers.validate(config, List.of("critic"), Map.of()))
                .isInstanceOf(SynodException.InvalidInput.class)
                .hasMessage(FILE + ": models.critic needs its API key in the environment variable ANTHROPIC_API_KEY,"
                        + " which is not set; export it, or name another variable with api-key-env");
        assertThatThrownBy(() -> Providers.validate(config, List.of("critic"), Map.of("ANTHROPIC_API_KEY", "  ")))
                .hasMessageContaining("ANTHROPIC_API_KEY, which is empty");
    }

    @Test
    void api_key_env_names_another_variable() {
        SynodConfig config = config("models:\n  critic: { provider: anthropic, model: c, api-key-env: TEAM_ANTHROPIC }\n");

        assertThatThrownBy(() -> Providers.validate(config, List.of("critic"), Map.of("ANTHROPIC_API_KEY", SECRET)))
                .hasMessageContaining("TEAM_ANTHROPIC, which is not set");
        assertThatCode(() -> Providers.validate(config, List.of("critic"), Map.of("TEAM_ANTHROPIC", SECRET)))
                .doesNotThrowAnyException();
    }

    @Test
    void a_key_never_shows_in_a_message_or_a_model() {
        SynodConfig config = config("models:\n  critic: { provider: anthropic, model: c }\n");

        ChatModel model = Providers.chatModel(config, "critic", Map.of("ANTHROPIC_API_KEY", SECRET), Retries.system());

        assertThat(model.toString()).doesNotContain(SECRET).contains("models.critic (anthropic c)");
        assertThat(Providers.settings(config, "critic").toString()).doesNotContain(SECRET);
    }

    @Test
    void anthropic_behind_a_base_url_needs_its_key_variable_named() {
        // A setting, so refused when synod.yaml is loaded (by synod check too), not when the agent is built.
        assertThatThrownBy(() -> config("models:\n  critic: { provider: anthropic, model: c, base-url: \"https://proxy.example/v1/\" }\n"))
                .isInstanceOf(SynodException.InvalidInput.class)
                .hasMessageContaining("models.critic.base-url: sets base-url, so no key is read from ANTHROPIC_API_KEY by default")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void only_the_aliases_in_use_need_keys_but_every_alias_needs_valid_settings() {
        SynodConfig unusedWithoutKey = config("""
                models:
                  local: { provider: ollama, model: llama3 }
                  spare: { provider: openai, model: gpt-4.1 }
                """);

        assertThatCode(() -> Providers.validate(unusedWithoutKey, List.of("local"), Map.of())).doesNotThrowAnyException();
        // An unused alias's settings are checked too, when synod.yaml is loaded.
        assertThatThrownBy(() -> config("""
                models:
                  local: { provider: ollama, model: llama3 }
                  spare: { provider: openai, model: gpt-4.1, temprature: 1 }
                """)).hasMessageContaining("models.spare.temprature: unknown key; did you mean 'temperature'?");
    }

    @Test
    void a_money_budget_needs_the_prices_of_paid_models() {
        SynodConfig unpriced = config("models:\n  default: { provider: openai, model: gpt-4.1-mini }\n"
                + "  local: { provider: ollama, model: llama3 }\nbudget: { usd: 5.00 }\n");
        SynodConfig priced = config("models:\n  default: { provider: openai, model: gpt-4.1-mini,"
                + " price-per-million-input: 0.4, price-per-million-output: 1.6 }\nbudget: { usd: 5.00 }\n");
        Map<String, String> env = Map.of("OPENAI_API_KEY", "sk-1");

        assertThatThrownBy(() -> unpriced.checkPrices(List.of("default")))
                .isInstanceOf(SynodException.InvalidInput.class)
                .hasMessage(FILE + ": models.default has no prices, but budget.usd is set; expected price-per-million-input"
                        + " and price-per-million-output (US dollars) so that its calls count against the budget");
        assertThatCode(() -> unpriced.checkPrices(List.of("local"))).as("a local model costs nothing")
                .doesNotThrowAnyException();
        assertThatCode(() -> priced.checkPrices(List.of("default"))).doesNotThrowAnyException();
        assertThatCode(() -> Providers.validate(unpriced, List.of("default"), env)).as("keys only; prices are the team's check")
                .doesNotThrowAnyException();
        assertThat(Providers.pricing(priced, "default")).isEqualTo(new Pricing(0.4, 1.6));
        assertThat(Providers.pricing(unpriced, "local")).isEqualTo(Pricing.FREE);
    }

    @Test
    void cli_and_scripted_aliases_are_left_to_their_own_checks() {
        SynodConfig config = config("""
                models:
                  coder: { provider: cli, command: ["claude", "-p"], prompt: stdin }
                  demo: { provider: scripted, script: agents.yaml }
                """);

        assertThatCode(() -> Providers.validate(config, List.of("coder", "demo"), Map.of())).doesNotThrowAnyException();
    }

    @Test
    void every_provider_builds_its_langchain4j_model() {
        SynodConfig config = config("""
                models:
                  a: { provider: openai, model: gpt-4.1-mini, max-tokens: 100, temperature: 0 }
                  b: { provider: anthropic, model: claude-sonnet-4-5 }
                  c: { provider: ollama, model: llama3 }
                  d: { provider: gemini, model: gemini-2.5-flash, max-tokens: 100, timeout: 30s }
                """);
        Map<String, String> env = Map.of("OPENAI_API_KEY", "k1", "ANTHROPIC_API_KEY", "k2", "GEMINI_API_KEY", "k3");

        Providers.validate(config, List.of("a", "b", "c", "d"), env);

        assertThat(List.of("a", "b", "c", "d")).map(alias -> Providers.chatModel(config, alias, env, Retries.system()).provider())
                .containsExactly(ModelProvider.OPEN_AI, ModelProvider.ANTHROPIC, ModelProvider.OLLAMA, ModelProvider.GOOGLE_AI_GEMINI);
    }

    @Test
    void gemini_without_its_key_is_refused_before_anything_runs() {
        SynodConfig config = config("models:\n  g: { provider: gemini, model: gemini-2.5-flash }\n");

        assertThatThrownBy(() -> Providers.chatModel(config, "g", Map.of("OPENAI_API_KEY", "k"), Retries.system()))
                .isInstanceOf(SynodException.InvalidInput.class)
                .hasMessageContaining("GEMINI_API_KEY, which is not set");
    }
}
