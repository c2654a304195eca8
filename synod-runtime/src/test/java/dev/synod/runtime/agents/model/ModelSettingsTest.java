package dev.synod.runtime.agents.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synod.core.SynodException;
import dev.synod.runtime.config.SynodConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModelSettingsTest {
    static final Path FILE = Path.of("proj", "synod.yaml");

    static ModelSettings settings(String yamlMapping) {
        SynodConfig config = SynodConfig.parse("models:\n  default: " + yamlMapping + "\n", FILE);
        return Providers.settings(config, "default");
    }

    @Test
    void reads_every_setting() {
        ModelSettings s = settings("{ provider: openai, model: gpt-4.1-mini, base-url: \"http://127.0.0.1:8000/v1\","
                + " temperature: 0.3, max-tokens: 2048, timeout: 90s, api-key-env: VLLM_KEY,"
                + " price-per-million-input: 0.4, price-per-million-output: 1.6 }");

        assertThat(s.provider()).isEqualTo(Provider.OPENAI);
        assertThat(s.model()).isEqualTo("gpt-4.1-mini");
        assertThat(s.baseUrl()).contains(URI.create("http://127.0.0.1:8000/v1"));
        assertThat(s.temperature()).contains(0.3);
        assertThat(s.maxTokens()).contains(2048);
        assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(s.keyVariable()).contains("VLLM_KEY");
        assertThat(s.pricing()).contains(new Pricing(0.4, 1.6));
        assertThat(s.describe()).isEqualTo("models.default (openai gpt-4.1-mini at http://127.0.0.1:8000/v1)");
    }

    @Test
    void defaults_read_the_providers_key_for_its_own_server_only() {
        ModelSettings own = settings("{ provider: anthropic, model: claude-sonnet-4-5 }");
        ModelSettings elsewhere = settings("{ provider: openai, model: qwen, base-url: \"http://127.0.0.1:8080\" }");

        assertThat(own.keyVariable()).contains("ANTHROPIC_API_KEY");
        assertThat(own.endpoint()).isEqualTo("https://api.anthropic.com/v1/");
        assertThat(own.timeout()).isEqualTo(ModelSettings.DEFAULT_TIMEOUT);
        assertThat(own.pricing()).isEmpty();
        assertThat(elsewhere.keyVariable()).as("OPENAI_API_KEY must not go to another server").isEmpty();
        assertThat(settings("{ provider: ollama, model: llama3 }").keyVariable()).isEmpty();
        assertThat(settings("{ provider: gemini, model: gemini-2.5-flash }").keyVariable()).contains("GEMINI_API_KEY");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "500ms | PT0.5S",
        "45s   | PT45S",
        "2m    | PT2M",
        "1h    | PT1H"})
    void reads_durations(String text, Duration expected) {
        assertThat(settings("{ provider: openai, model: m, timeout: " + text + " }").timeout()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{ provider: openai, model: m, max_tokens: 5 }          | models.default.max_tokens: unknown key; did you mean 'max-tokens'? (a model alias of provider openai takes api-key-env, base-url,",
        "{ provider: openai, model: m, colour: blue }           | models.default.colour: unknown key (a model alias of provider openai takes",
        "{ provider: openai }                                   | models.default.model: expected the provider's model name, such as gpt-4.1-mini, found nothing",
        "{ provider: openai, model: [a, b] }                    | models.default.model: expected the provider's model name, such as gpt-4.1-mini, found a list",
        "{ provider: openai, model: m, temperature: hot }       | models.default.temperature: expected a number from 0 to 2, found 'hot'",
        "{ provider: openai, model: m, temperature: 3 }         | models.default.temperature: expected a number from 0 to 2, found 3",
        "{ provider: openai, model: m, max-tokens: 0 }          | models.default.max-tokens: expected a whole number of at least 1, found 0",
        "{ provider: openai, model: m, max-tokens: 1.5 }        | models.default.max-tokens: expected a whole number of at least 1, found 1.5",
        "{ provider: openai, model: m, timeout: 60 }            | models.default.timeout: expected a duration such as 500ms, 90s, 2m or 1h, found 60",
        "{ provider: openai, model: m, timeout: 0s }            | models.default.timeout: expected a duration of at least 1ms, found '0s'",
        "{ provider: ollama, model: m, base-url: localhost:11434 }   | models.default.base-url: expected an http or https URL such as http://127.0.0.1:11434, found 'localhost:11434'",
        "{ provider: ollama, model: m, base-url: \"ftp://host/x\" }  | models.default.base-url: expected an http or https URL",
        "{ provider: ollama, model: m, base-url: \"http://a b\" }    | models.default.base-url: expected an http or https URL",
        "{ provider: openai, model: m, base-url: \"http://u:pw@h/v1\" } | models.default.base-url: expected an http or https URL such as http://127.0.0.1:11434, found a URL with user info (not shown, in case it holds a secret); give keys with api-key-env",
        "{ provider: openai, model: m, base-url: \"http://h/v1?key=sk-1\" } | models.default.base-url: expected an http or https URL such as http://127.0.0.1:11434, found a URL with a query (not shown, in case it holds a secret); give keys with api-key-env",
        "{ provider: openai, model: m, price-per-million-input: 1 }  | models.default.price-per-million-output: is missing; expected both prices when price-per-million-input is given",
        "{ provider: openai, model: m, price-per-million-input: -1, price-per-million-output: 1 } | models.default.price-per-million-input: expected an amount of US dollars of at least 0, found -1"})
    void rejects_bad_settings_naming_file_key_expected_and_found(String mapping, String message) {
        assertThatThrownBy(() -> settings(mapping))
                .isInstanceOf(SynodException.InvalidInput.class)
                .hasMessageStartingWith(FILE + ":2:")
                .hasMessageContaining(message.strip())
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void a_key_pasted_into_api_key_env_is_not_echoed() {
        String key = "sk-proj-abcdefghijklmnop-0123456789";

        assertThatThrownBy(() -> settings("{ provider: openai, model: m, api-key-env: \"" + key + "\" }"))
                .isInstanceOf(SynodException.InvalidInput.class)
                .hasMessageContaining("models.default.api-key-env: expected the name of an environment variable")
                .hasMessageNotContaining(key)
                .hasMessageNotContaining("abcdefghijklmnop");
    }

    @Test
    void the_parser_takes_plain_maps_too() {
        ModelSettings s = Providers.settings(SynodConfig.parse("models: { x: { provider: gemini, model: gemini-2.5-pro } }", FILE), "x");

        assertThat(s.provider()).isEqualTo(Provider.GEMINI);
        assertThat(s.alias()).isEqualTo("x");
    }
}
