package dev.synod.lang.internal.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class JsonWriterTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String quoted(String s) {
        StringBuilder out = new StringBuilder();
        JsonWriter.quote(s, out);
        return out.toString();
    }

    @Test
    void escapes_quotes_backslashes_and_control_characters() {
        assertThat(quoted("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
        assertThat(quoted("\n\r\t\b\f")).isEqualTo("\"\\n\\r\\t\\b\\f\"");
        assertThat(quoted("\u0000\u001f\u007f")).isEqualTo("\"\\u0000\\u001f\u007f\"");
        assertThat(quoted("\u2028\u2029")).isEqualTo("\"\\u2028\\u2029\"");
    }

    @Test
    void keeps_surrogate_pairs_and_escapes_lone_surrogates() {
        assertThat(quoted("é😀")).isEqualTo("\"é😀\"");
        assertThat(quoted("\ud83d")).isEqualTo("\"\\ud83d\"");
        assertThat(quoted("\ude00x")).isEqualTo("\"\\ude00x\"");
    }

    @Property
    void every_string_parses_back_to_itself(@ForAll String s) throws IOException {
        assertThat(JSON.readTree(quoted(s)).asText()).isEqualTo(s);
    }

    @Test
    void writes_nested_objects_and_arrays_with_one_member_per_line() throws IOException {
        String doc = new JsonWriter().beginObject()
                .name("s").value("x")
                .name("n").value(-3)
                .name("b").value(true)
                .name("z").nullValue()
                .name("empty").beginArray().endArray()
                .name("list").beginArray().value(1).beginObject().endObject().endArray()
                .endObject().finish();
        assertThat(doc).isEqualTo("""
                {
                  "s": "x",
                  "n": -3,
                  "b": true,
                  "z": null,
                  "empty": [],
                  "list": [
                    1,
                    {}
                  ]
                }
                """);
        JsonNode node = JSON.readTree(doc);
        assertThat(node.get("list").get(0).asInt()).isEqualTo(1);
    }

    @Test
    void refuses_a_value_without_a_name_in_an_object() {
        assertThatThrownBy(() -> new JsonWriter().beginObject().value("x"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("needs a name");
    }

    @Test
    void refuses_a_name_outside_an_object_and_a_mismatched_close() {
        assertThatThrownBy(() -> new JsonWriter().beginArray().name("x")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new JsonWriter().beginArray().endObject()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new JsonWriter().beginObject().name("a").endObject())
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refuses_an_incomplete_document_and_a_second_top_level_value() {
        assertThatThrownBy(() -> new JsonWriter().beginObject().finish()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new JsonWriter().finish()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new JsonWriter().value(1).value(2)).isInstanceOf(IllegalStateException.class);
    }
}
