package dev.synod.runtime.agents.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.synod.runtime.config.SynodConfig;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The examples' model settings pass the checks a run makes before it starts, given keys. */
class ExampleModelsTest {
    // Surefire runs in the module's directory; the examples sit beside the modules.
    static final Path BANK = Path.of("..", "examples", "bank", "synod.yaml");

    @Test
    void the_bank_example_validates_and_prices_its_models() {
        SynodConfig config = SynodConfig.load(BANK);

        assertThatCode(() -> Providers.validate(config, config.models().keySet(),
                Map.of("OPENAI_API_KEY", "k1", "ANTHROPIC_API_KEY", "k2"))).doesNotThrowAnyException();
        assertThat(Providers.pricing(config, "default")).isEqualTo(new Pricing(0.40, 1.60));
        assertThat(Providers.pricing(config, "critic")).isEqualTo(new Pricing(3.00, 15.00));
    }
}
