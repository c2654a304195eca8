package dev.synod.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ModelResponseTest {
    @Test
    void has_exactly_the_requested_size_in_utf8_and_is_the_same_every_time() {
        String text = ModelResponse.ofBytes(ModelResponse.BENCHMARK_BYTES);

        assertThat(text.getBytes(StandardCharsets.UTF_8)).hasSize(4096);
        assertThat(ModelResponse.ofBytes(4096)).isEqualTo(text);
        assertThat(text).contains(" ", "\n", "\"quoted\"");
    }

    @Test
    void rejects_a_negative_size() {
        assertThatThrownBy(() -> ModelResponse.ofBytes(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bytes must not be negative, found -1");
    }
}
