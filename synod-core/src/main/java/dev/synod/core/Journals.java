package dev.synod.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The JSON form of events and commands, as the journal stores them. */
public final class Journals {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(new Jdk8Module())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private Journals() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String toJson(Event event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an event could not be written as JSON: " + event, e);
        }
    }

    /**
     * The event a JSON document holds.
     *
     * @throws SynodException.Corrupted when the document is not an event of this version
     */
    public static Event fromJson(String json) {
        try {
            return MAPPER.readValue(json, Event.class);
        } catch (JsonProcessingException e) {
            String shown = json.length() > 200 ? json.substring(0, 200) + "…" : json;
            throw new SynodException.Corrupted("expected a journal event, found " + shown + " ("
                    + e.getOriginalMessage() + ")", e);
        }
    }
}
