package dev.synod.runtime.agents.model.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * What a provider's successful answer must hold before LangChain4j reads it. LangChain4j 1.11
 * trusts the shape of a 2xx answer, so an OpenAI-compatible server that answers without
 * {@code choices} surfaces as a {@code NullPointerException} from deep inside it; checked here,
 * the answer fails with a {@link MalformedAnswerException} that says what was expected and found.
 * A body that is not JSON at all is left to LangChain4j, whose parse error says so.
 */
@FunctionalInterface
interface AnswerShape {
    /** Any answer is taken as it is. */
    AnswerShape ANY = (status, body) -> Optional.empty();

    /** OpenAI's chat completions: a JSON object with a non-empty {@code choices} list. */
    AnswerShape OPENAI = (status, body) -> {
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
        if (json == null || json.isMissingNode()) {
            return Optional.empty();
        }
        String found;
        if (!json.isObject()) {
            found = "a JSON " + json.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        } else {
            JsonNode choices = json.path("choices");
            if (choices.isArray() && !choices.isEmpty()) {
                return Optional.empty();
            }
            found = choices.isMissingNode() || choices.isNull() ? "no 'choices'"
                    : choices.isArray() ? "an empty 'choices' list"
                    : "'choices' as a " + choices.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        }
        return Optional.of("openai answered HTTP " + status + " without choices: expected a JSON object with a non-empty "
                + "'choices' list, found " + found);
    };

    /** Why a successful answer of {@code status} with {@code body} cannot be read, or empty when it can. */
    Optional<String> problem(int status, String body);
}
