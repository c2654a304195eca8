package dev.synod.testkit.stub;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One request a stub received, in arrival order.
 *
 * @param index   its position among the requests of the server, from 0
 * @param method  the HTTP method, such as {@code POST}
 * @param path    the request path, such as {@code /v1/chat/completions}
 * @param headers header names in lower case to their values
 * @param body    the body as text
 * @param json    the body parsed as JSON, or empty when it is not JSON
 */
public record RecordedRequest(int index, String method, String path, Map<String, List<String>> headers, String body,
                              Optional<JsonNode> json) {
    public RecordedRequest {
        headers = Map.copyOf(headers);
    }

    /** The first value of header {@code name} (any case), if it was sent. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The parsed body; fails when the body was not JSON. */
    public JsonNode jsonBody() {
        return json.orElseThrow(() -> new IllegalStateException("request " + index + " to " + path
                + " had no JSON body; found: " + body));
    }
}
