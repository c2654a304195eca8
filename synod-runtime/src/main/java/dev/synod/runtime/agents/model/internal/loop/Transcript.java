package dev.synod.runtime.agents.model.internal.loop;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ChatMessageDeserializer;
import dev.langchain4j.data.message.ChatMessageSerializer;
import dev.langchain4j.internal.JsonSchemaElementUtils;
import dev.synod.core.BlobStore;
import dev.synod.core.Event;
import dev.synod.core.SynodException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The blobs of a journaled turn (ARCHITECTURE.md §3). A request blob holds what was sent: the
 * messages added since the previous request, that request's hash, and the tool specifications, so
 * the whole conversation can be followed back without storing it again at every turn. A response
 * blob holds the model's message and the turn's usage. Neither holds a key or a header: a
 * {@code ChatRequest} has none, the model client keeps them.
 */
public final class Transcript {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Transcript() {
    }

    /**
     * The request blob of turn {@code turn}.
     *
     * @param previous the hash of the previous turn's request blob, or null for the first turn
     * @param added    the messages added since that request
     */
    public static byte[] request(int turn, String previous, List<ChatMessage> added, List<ToolSpecification> tools) {
        ObjectNode root = JSON.createObjectNode();
        root.put("turn", turn);
        root.put("previous", previous);
        root.set("messages", tree(ChatMessageSerializer.messagesToJson(added)));
        ArrayNode specs = root.putArray("tools");
        for (ToolSpecification t : tools) {
            ObjectNode spec = specs.addObject();
            spec.put("name", t.name());
            spec.put("description", t.description());
            spec.set("parameters", t.parameters() == null ? null : JSON.valueToTree(JsonSchemaElementUtils.toMap(t.parameters())));
        }
        return bytes(root);
    }

    /** The response blob of a turn: the model's message, the tokens it reported, the usage counted. */
    public static byte[] response(AiMessage message, String finishReason, Event.Usage usage) {
        ObjectNode root = JSON.createObjectNode();
        root.set("message", tree(ChatMessageSerializer.messageToJson(message)));
        root.put("finishReason", finishReason);
        ObjectNode u = root.putObject("usage");
        u.put("inputTokens", usage.inputTokens());
        u.put("outputTokens", usage.outputTokens());
        u.put("usd", usage.usd());
        return bytes(root);
    }

    /**
     * The model's message of a journaled turn.
     *
     * @throws SynodException.Corrupted when the blob is missing or is not a response blob
     */
    public static AiMessage answer(BlobStore blobs, String hash, int turn) {
        byte[] bytes = blobs.get(hash).orElseThrow(() -> new SynodException.Corrupted("the answer of turn " + turn
                + " (blob " + hash + ") is missing from the blob store", null));
        try {
            JsonNode message = JSON.readTree(bytes).get("message");
            if (message != null && ChatMessageDeserializer.messageFromJson(message.toString()) instanceof AiMessage ai) {
                return ai;
            }
        } catch (java.io.IOException | RuntimeException e) {
            throw new SynodException.Corrupted("the answer of turn " + turn + " (blob " + hash + ") cannot be read: "
                    + e.getMessage(), e);
        }
        throw new SynodException.Corrupted("the answer of turn " + turn + " (blob " + hash + ") holds no model message", null);
    }

    /**
     * Every message sent in the request with this hash, oldest first, following the chain of
     * previous requests.
     */
    public static List<ChatMessage> conversation(BlobStore blobs, String requestHash) {
        List<List<ChatMessage>> parts = new ArrayList<>();
        for (String hash = requestHash; hash != null; ) {
            String current = hash;
            byte[] bytes = blobs.get(current).orElseThrow(() -> new SynodException.Corrupted("request blob " + current
                    + " is missing from the blob store", null));
            try {
                JsonNode node = JSON.readTree(bytes);
                parts.add(0, ChatMessageDeserializer.messagesFromJson(node.get("messages").toString()));
                hash = node.get("previous").isNull() ? null : node.get("previous").asText();
            } catch (java.io.IOException | RuntimeException e) {
                throw new SynodException.Corrupted("request blob " + current + " cannot be read: " + e.getMessage(), e);
            }
        }
        List<ChatMessage> out = new ArrayList<>();
        parts.forEach(out::addAll);
        return out;
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("LangChain4j wrote JSON that does not parse: " + e.getMessage(), e);
        }
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsString(node).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a transcript blob could not be written as JSON: " + e.getMessage(), e);
        }
    }
}
