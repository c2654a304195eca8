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

    /**
     * A shop project whose scripted dev writes Java that does not compile and then fixes it: the
     * compile gate fails attempt 1 of hand-off {@code cart} and passes attempt 2.
     */
    static void writeCompileRetry(Path dir) throws IOException {
        Files.writeString(dir.resolve("README.md"), "a shop\n");
        Files.writeString(dir.resolve("team.synod"), """
                synod 1
                team shop {
                  defaults within 2m retry 1
                  role dev model scripted
                  role lead model scripted
                  dev -> lead : cart "src/main/java/shop/**"
                    gate compile
                }
                """);
        Files.writeString(dir.resolve("synod.yaml"), """
                models:
                  scripted: { provider: scripted, script: agents.yaml }
                """);
        Files.writeString(dir.resolve("agents.yaml"), """
                dev:
                  produce:
                    cart:
                      - write:
                          src/main/java/shop/Cart.java: "package shop;\\n\\nclass Cart {\\n    int total() {\\n        return count;\\n    }\\n}\\n"
                        summary: a cart that does not compile
                      - write:
                          src/main/java/shop/Cart.java: "package shop;\\n\\nclass Cart {\\n    int count;\\n\\n    int total() {\\n        return count;\\n    }\\n}\\n"
                        summary: the cart, fixed
                """);
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
