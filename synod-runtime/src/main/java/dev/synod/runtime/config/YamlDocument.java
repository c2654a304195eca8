package dev.synod.runtime.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.synod.core.SynodException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The text of a {@code synod.yaml} read as a tree, with the line and column of every key so that
 * a message can point at it. A key given twice in one mapping is refused here, naming both.
 */
final class YamlDocument {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    /** The streaming read that finds every key's place; it reports a repeated key itself, naming both places. */
    private static final YAMLFactory STREAMING = new YAMLFactory();

    /** A place in the file, 1-based. */
    record Location(int line, int column) {
    }

    private final Path file;
    private final JsonNode root;
    private final Map<String, Location> locations;

    private YamlDocument(Path file, JsonNode root, Map<String, Location> locations) {
        this.file = file;
        this.root = root;
        this.locations = locations;
    }

    /**
     * Parses {@code text}; {@code file} names it in messages.
     *
     * @throws SynodException.InvalidInput when it is not YAML or repeats a key, with the line and column
     */
    static YamlDocument parse(String text, Path file) {
        Map<String, Location> locations;
        try {
            locations = locate(text, file);
        } catch (IOException e) {
            throw new SynodException.InvalidInput(file + (e instanceof JsonProcessingException j ? at(j.getLocation()) : "")
                    + ": not valid YAML: " + oneLine(e instanceof JsonProcessingException j ? j.getOriginalMessage()
                    : e.getMessage()), e);
        }
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new SynodException.InvalidInput(file + at(e.getLocation()) + ": not valid YAML: "
                    + oneLine(e.getOriginalMessage()), e);
        }
        if (root == null || root.isMissingNode()) {
            root = YAML.nullNode();
        }
        return new YamlDocument(file, root, locations);
    }

    Path file() {
        return file;
    }

    /** The document as a node at the top level. */
    ConfigNode root() {
        return new ConfigNode(this, "", root);
    }

    /** Where the key at {@code path} ({@code models.default.provider}, {@code gates.x.env[1]}) is written, if known. */
    Optional<Location> location(String path) {
        return Optional.ofNullable(locations.get(path));
    }

    /**
     * Every key's path and location, from a streaming read of the text before the tree is built
     * (the tree keeps no locations). A key given twice in one mapping is refused here, with both
     * places.
     */
    private static Map<String, Location> locate(String text, Path file) throws IOException {
        Map<String, Location> out = new HashMap<>();
        // One frame per open container: its path, and for a list the index of the next item.
        Deque<String[]> paths = new ArrayDeque<>();
        Deque<int[]> indexes = new ArrayDeque<>();
        try (JsonParser p = STREAMING.createParser(text)) {
            String pendingKey = null;
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                String parent = paths.isEmpty() ? null : paths.peek()[0];
                boolean inList = !indexes.isEmpty() && indexes.peek()[0] >= 0;
                String here;
                if (t == JsonToken.FIELD_NAME) {
                    pendingKey = join(parent, p.currentName());
                    Location here2 = location(p.currentTokenLocation());
                    Location first = out.putIfAbsent(pendingKey, here2);
                    if (first != null) {
                        throw new SynodException.InvalidInput(file + ":" + here2.line() + ":" + here2.column() + ": "
                                + pendingKey + ": given twice in one mapping (first at line " + first.line() + ", column "
                                + first.column() + "); keep one");
                    }
                    continue;
                }
                if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    paths.pop();
                    indexes.pop();
                    continue;
                }
                if (inList) {
                    here = (parent == null ? "" : parent) + "[" + indexes.peek()[0]++ + "]";
                    out.putIfAbsent(here, location(p.currentTokenLocation()));
                } else {
                    here = pendingKey == null ? "" : pendingKey;
                }
                pendingKey = null;
                if (t == JsonToken.START_OBJECT) {
                    paths.push(new String[] {here.isEmpty() ? null : here});
                    indexes.push(new int[] {-1});
                } else if (t == JsonToken.START_ARRAY) {
                    paths.push(new String[] {here});
                    indexes.push(new int[] {0});
                }
            }
        }
        return out;
    }

    private static String join(String parent, String key) {
        return parent == null || parent.isEmpty() ? key : parent + "." + key;
    }

    private static Location location(JsonLocation l) {
        return new Location(l.getLineNr(), l.getColumnNr());
    }

    private static String at(JsonLocation l) {
        return l == null || l.getLineNr() < 1 ? "" : ":" + l.getLineNr() + ":" + l.getColumnNr();
    }

    /**
     * The YAML parser's message without its source excerpts: it spreads one problem over several
     * lines, quoting the text with carets on indented lines; the unindented ones say what is wrong.
     */
    private static String oneLine(String message) {
        if (message == null) {
            return "";
        }
        return message.lines()
                .filter(line -> !line.isBlank() && !Character.isWhitespace(line.charAt(0)))
                .collect(Collectors.joining(": "));
    }
}
