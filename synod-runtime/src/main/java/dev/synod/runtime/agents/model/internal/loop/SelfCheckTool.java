package dev.synod.runtime.agents.model.internal.loop;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.synod.core.Event;
import dev.synod.core.Gate;
import dev.synod.runtime.agents.model.SelfCheck;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * The {@code run_gate} tool: runs one of the hand-off's gates on a copy of the agent's files (so a
 * gate's own output never lands in the attempt) and answers with the verdict. Not authoritative:
 * the engine runs the gates again on the attempt's commit.
 */
public final class SelfCheckTool {
    private SelfCheckTool() {
    }

    public static <T> Tool<T> of(SelfCheck check, String step, List<String> gates, Path root) {
        ToolSpecification spec = Tool.spec("run_gate", "Runs one of your hand-off's gates on your files as they are now and "
                + "tells you its verdict.", JsonObjectSchema.builder().addEnumProperty("name", gates, "the gate").required("name")
                .build());
        return new Tool<>(spec, args -> {
            String name = args.text("name");
            if (!gates.contains(name)) {
                return Tool.Answer.error("no gate '" + name + "' to run; the gates of " + step + " are " + String.join(", ", gates));
            }
            Path copy = null;
            try {
                copy = Files.createTempDirectory("synod-self-check-");
                copyFiles(root, copy);
                Gate.Verdict verdict = check.run(step, name, copy);
                StringBuilder out = new StringBuilder("gate " + name + ": " + verdict.kind().name().toLowerCase(java.util.Locale.ROOT));
                verdict.diagnostics().forEach(d -> out.append('\n').append(d));
                return verdict.kind() == Event.Verdict.PASS ? Tool.Answer.ok(out.toString()) : Tool.Answer.error(out.toString());
            } catch (IOException | RuntimeException e) {
                return Tool.Answer.error("gate " + name + " could not run: " + e.getMessage());
            } finally {
                if (copy != null) {
                    delete(copy);
                }
            }
        });
    }

    /** Copies the regular files under {@code from}: links and {@code .git} are left out, as a commit leaves them out. */
    private static void copyFiles(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (dir.getFileName() != null && dir.getFileName().toString().equals(".git") && !dir.equals(from)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile()) {
                    Files.copy(file, to.resolve(from.relativize(file).toString()), LinkOption.NOFOLLOW_LINKS,
                            java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void delete(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover copy is scratch space under the run's work directory; it does not change the attempt.
        }
    }
}
