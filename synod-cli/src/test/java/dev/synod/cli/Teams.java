package dev.synod.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small choreographies the command tests run on. */
final class Teams {
    /** A team that checks clean. */
    static final String VALID = """
            synod 1

            team demo {
              defaults within 10m

              role writer model default
              role reader model default

              writer -> reader : notes "docs/notes.md"
                gate exists
            }
            """;

    /** {@link #VALID} without the gate: error S020 on the hand-off at line 9. */
    static final String MISSING_GATE = """
            synod 1

            team demo {
              defaults within 10m

              role writer model default
              role reader model default

              writer -> reader : notes "docs/notes.md"
            }
            """;

    /** A valid team with a question it never decides: warning S056 at line 9, nothing else. */
    static final String UNDECIDED_QUESTION = """
            synod 1

            team demo {
              defaults within 10m

              role writer model default
              role reader model default

              question style "Tabs or spaces?" options "tabs", "spaces"

              writer -> reader : notes "docs/notes.md"
                gate exists
            }
            """;

    /** A gate that only a synod.yaml can define: S010 without one. */
    static final String CUSTOM_GATE = """
            synod 1

            team demo {
              defaults within 10m

              role writer model default
              role reader model default

              writer -> reader : notes "docs/notes.md"
                gate typecheck
            }
            """;

    /** A syntax error (S001) at line 6: a keyword where a role name is expected. */
    static final String SYNTAX_ERROR = """
            synod 1

            team demo {
              defaults within 10m

              role gate model default
            }
            """;

    private Teams() {
    }

    static Path write(Path dir, String name, String text) {
        try {
            Path file = dir.resolve(name);
            Files.createDirectories(file.getParent());
            return Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
