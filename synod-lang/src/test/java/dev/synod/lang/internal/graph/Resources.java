package dev.synod.lang.internal.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.lang.ParseResult;
import dev.synod.lang.SourceFile;
import dev.synod.lang.Synod;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads the golden files under {@code /graph} and parses choreographies for the graph tests. */
final class Resources {
    private Resources() {
    }

    static String read(String name) {
        try (InputStream in = Resources.class.getResourceAsStream("/graph/" + name)) {
            assertThat(in).as("test resource /graph/%s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ParseResult parse(String text) {
        return Synod.parse(new SourceFile("test.synod", text));
    }
}
