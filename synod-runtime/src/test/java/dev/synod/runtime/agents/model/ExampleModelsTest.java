package dev.synod.runtime.agents.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.synod.runtime.config.SynodConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The bank example runs on scripted agents; its synod.yaml gives, commented, the two lines that
 * run it with real models. Put in place of the scripted ones, as its README says, they pass the
 * checks a run makes before it starts, given keys, and price every call.
 */
class ExampleModelsTest {
    // Surefire runs in the module's directory; the examples sit beside the modules.
    static final Path BANK = Path.of("..", "examples", "bank", "synod.yaml");

    @Test
    void the_bank_examples_real_model_lines_validate_and_price_its_models() throws Exception {
        List<String> lines = Files.readAllLines(BANK);
        String real = lines.stream().filter(l -> l.matches("#\\s+(default|critic):\\s*\\{ provider: (openai|anthropic).*"))
                .map(l -> "  " + l.substring(1).strip()).reduce((a, b) -> a + "\n" + b).orElseThrow();
        StringBuilder swapped = new StringBuilder();
        for (String line : lines) {
            if (line.matches("\\s+(default|critic):\\s*\\{ provider: scripted.*")) {
                if (line.strip().startsWith("default")) {
                    swapped.append(real).append('\n');
                }
            } else {
                swapped.append(line).append('\n');
            }
        }
        SynodConfig config = SynodConfig.parse(swapped.toString(), BANK);

        assertThat(config.models()).containsOnlyKeys("default", "critic");
        assertThatCode(() -> Providers.validate(config, config.models().keySet(),
                Map.of("OPENAI_API_KEY", "k1", "ANTHROPIC_API_KEY", "k2"))).doesNotThrowAnyException();
        assertThat(Providers.pricing(config, "default")).isEqualTo(new Pricing(0.40, 1.60));
        assertThat(Providers.pricing(config, "critic")).isEqualTo(new Pricing(3.00, 15.00));
    }
}
