package dev.synod.runtime.engine.internal;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import dev.synod.core.Event;
import dev.synod.core.Journals;
import dev.synod.core.SynodException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.CRC32;

/**
 * An event as a row of the {@code events} table stores it: its type name, its JSON body, and a
 * CRC32 of the body's UTF-8 bytes, so a body changed or damaged after it was written is caught
 * on read.
 */
record StoredEvent(String type, String body, long crc) {
    private static final Map<Class<?>, String> TYPE_NAMES = Arrays
            .stream(Event.class.getAnnotation(JsonSubTypes.class).value())
            .collect(Collectors.toUnmodifiableMap(JsonSubTypes.Type::value, JsonSubTypes.Type::name));

    /** The row of {@code event}; the JSON is built in the caller's thread, not the writer's. */
    static StoredEvent of(Event event) {
        if (event == null) {
            throw new SynodException.InvalidInput("expected an event to append, found null");
        }
        String body = Journals.toJson(event);
        return new StoredEvent(typeName(event.getClass()), body, crc(body));
    }

    /**
     * The event this row holds, read as seq {@code expectedSeq} of {@code run}.
     *
     * @throws SynodException.Corrupted when the row is not the event that was written there
     */
    Event verify(Path file, String run, long expectedSeq, long seq) {
        if (seq != expectedSeq) {
            throw corrupted(file, run, expectedSeq, "expected event seq " + expectedSeq + " next, found seq " + seq
                    + (seq > expectedSeq ? " (an event is missing)" : ""));
        }
        long actual = crc(body);
        if (actual != crc) {
            throw corrupted(file, run, seq, "expected the body's CRC32 to be the stored " + hex(crc) + ", found "
                    + hex(actual) + " (the body changed after it was written)");
        }
        Event event;
        try {
            event = Journals.fromJson(body);
        } catch (SynodException.Corrupted e) {
            throw new SynodException.Corrupted(where(file, run, seq) + e.getMessage(), e);
        }
        String parsedType = typeName(event.getClass());
        if (!parsedType.equals(type)) {
            throw corrupted(file, run, seq, "expected an event of the stored type " + type + ", found a body of type "
                    + parsedType);
        }
        return event;
    }

    private static String typeName(Class<?> eventClass) {
        String name = TYPE_NAMES.get(eventClass);
        if (name == null) {
            // Event is sealed and every subtype is registered, so this is a bug in Event itself.
            throw new IllegalStateException("no JSON type name for " + eventClass.getName() + " in Event's @JsonSubTypes");
        }
        return name;
    }

    private static long crc(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }

    private static String hex(long crc) {
        return String.format("%08x", crc);
    }

    private static SynodException.Corrupted corrupted(Path file, String run, long seq, String message) {
        return new SynodException.Corrupted(where(file, run, seq) + message, null);
    }

    private static String where(Path file, String run, long seq) {
        return "the journal at " + file + " is corrupted at run " + run + ", seq " + seq + ": ";
    }
}
