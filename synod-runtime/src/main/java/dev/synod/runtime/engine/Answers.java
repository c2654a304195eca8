package dev.synod.runtime.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.synod.core.SynodException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;

/**
 * The inbox of answers from people: {@code synod answer} drops a file per question under
 * {@code .synod/answers/<run>/}; the engine, the run's only journal writer, picks it up and
 * journals it. A run that is not active finds its answers waiting when it resumes.
 */
public final class Answers {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A person's answer: approve or reject with a comment, or the chosen options of a decide. */
    public record Answer(boolean approved, String comment, Map<String, String> options) {
        public Answer {
            options = Map.copyOf(options);
        }
    }

    private Answers() {
    }

    static Path file(Path answers, String run, String commandId) {
        return answers.resolve(run).resolve(Effects.directoryName(commandId) + ".json");
    }

    /** Leaves an answer for the command {@code commandId} of {@code run}, atomically. */
    public static void write(Path answers, String run, String commandId, Answer answer) {
        Path target = file(answers, run, commandId);
        try {
            Files.createDirectories(target.getParent());
            ObjectNode node = JSON.createObjectNode();
            node.put("approved", answer.approved());
            node.put("comment", answer.comment());
            ObjectNode options = node.putObject("options");
            answer.options().forEach(options::put);
            Path tmp = Files.createTempFile(target.getParent(), ".answer", ".tmp");
            Files.writeString(tmp, JSON.writeValueAsString(node));
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new SynodException.InvalidInput("could not write the answer to " + target + ": " + e.getMessage(), e);
        }
    }

    /** The answer waiting for a command, if any; a malformed file is reported, not ignored. */
    static Optional<Answer> read(Path answers, String run, String commandId) {
        Path file = file(answers, run, commandId);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(Files.readString(file));
            Map<String, String> options = new java.util.LinkedHashMap<>();
            node.path("options").fields().forEachRemaining(e -> options.put(e.getKey(), e.getValue().asText()));
            return Optional.of(new Answer(node.path("approved").asBoolean(false), node.path("comment").asText(""), options));
        } catch (IOException e) {
            throw new SynodException.InvalidInput("the answer in " + file + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    static void consumed(Path answers, String run, String commandId) {
        try {
            Files.deleteIfExists(file(answers, run, commandId));
        } catch (IOException e) {
            throw new SynodException.Retriable("could not remove the answered question " + file(answers, run, commandId), e);
        }
    }
}
