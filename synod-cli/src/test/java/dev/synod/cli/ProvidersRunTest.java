package dev.synod.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.testkit.stub.AnthropicStub;
import dev.synod.testkit.stub.OllamaStub;
import dev.synod.testkit.stub.OpenAiStub;
import dev.synod.testkit.stub.Reply;
import dev.synod.testkit.stub.StubModelServer;
import dev.synod.testkit.stub.ToolCall;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A whole {@code synod run}, as a separate process, whose agent is a model behind each
 * provider's real LangChain4j client, talking over HTTP to a stub server that speaks the
 * provider's wire format: the files the model wrote reach the release branch, and no key from
 * the environment reaches the journal, the blobs, the output, the log or the status report.
 */
class ProvidersRunTest {
    private static final String KEY = "sk-e2e-0123456789abcdefSECRET";
    private static final String OTHER_KEY = "sk-other-9876543210zyxwvuSECRET";

    @TempDir
    Path dir;

    private static StubModelServer stub(String provider) {
        return switch (provider) {
            case "openai" -> new OpenAiStub();
            case "anthropic" -> new AnthropicStub();
            case "ollama" -> new OllamaStub();
            default -> throw new IllegalArgumentException(provider);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"openai", "anthropic", "ollama"})
    void a_model_behind_each_provider_completes_a_run_and_no_key_leaks(String provider) throws Exception {
        try (StubModelServer stub = stub(provider)) {
            stub.enqueue(
                    Reply.toolCalls(ToolCall.of("call_1", "write_file",
                            "{\"path\":\"notes/NOTES.md\",\"content\":\"# Notes by " + provider + "\\n\"}")).withUsage(900, 60),
                    Reply.toolCalls(ToolCall.of("call_2", "finish", "{\"summary\":\"wrote the notes\"}")).withUsage(1000, 10));
            Files.writeString(dir.resolve("README.md"), "a project\n");
            Files.writeString(dir.resolve("team.synod"), """
                    synod 1
                    team notes {
                      defaults within 2m retry 0
                      role writer model m
                      role reader model m
                      writer -> reader : notes "notes/**"
                        gate exists
                    }
                    """);
            String key = provider.equals("ollama") ? "" : ", api-key-env: SYNOD_E2E_KEY";
            Files.writeString(dir.resolve("synod.yaml"), "models:\n  m: { provider: " + provider + ", model: test-model, "
                    + "base-url: \"" + stub.baseUrl() + "\"" + key + " }\n");

            Result run = synod(List.of("run", dir.toString(), "--yes"));

            assertThat(run.exit()).as(run.output()).isZero();
            assertThat(run.output()).contains("succeeded");
            String id = run.output().lines().findFirst().orElseThrow().substring(4);
            assertThat(release(id)).containsEntry("notes/NOTES.md", "# Notes by " + provider + "\n");
            assertThat(stub.requests()).hasSize(2);
            if (provider.equals("openai")) {
                assertThat(stub.request(0).header("authorization")).hasValue("Bearer " + KEY);
            } else if (provider.equals("anthropic")) {
                assertThat(stub.request(0).header("x-api-key")).hasValue(KEY);
            }

            Result log = synod(List.of("log", "--dir", dir.toString()));
            Result status = synod(List.of("status", "--dir", dir.toString(), "--json"));
            assertThat(log.exit()).isZero();
            List<String> places = new ArrayList<>(List.of(run.output(), log.output(), status.output()));
            try (Stream<Path> files = Files.walk(dir.resolve(".synod"))) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    places.add(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
                }
            }
            try (Stream<Path> files = Files.walk(dir.resolve(".git"))) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    places.add(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
                }
            }
            assertThat(places).hasSizeGreaterThan(5).noneMatch(text -> text.contains(KEY) || text.contains(OTHER_KEY));
            // the journal does hold the run's model turns and their usage
            assertThat(log.output()).contains("writer");
        }
    }

    private Map<String, String> release(String run) throws IOException {
        try (Git git = Git.open(dir.toFile()); RevWalk walk = new RevWalk(git.getRepository())) {
            ObjectId commit = git.getRepository().resolve("synod/" + run);
            Map<String, String> files = new java.util.TreeMap<>();
            try (TreeWalk tree = new TreeWalk(git.getRepository())) {
                tree.addTree(walk.parseCommit(commit).getTree());
                tree.setRecursive(true);
                while (tree.next()) {
                    files.put(tree.getPathString(), new String(git.getRepository().open(tree.getObjectId(0)).getBytes(),
                            StandardCharsets.UTF_8));
                }
            }
            return files;
        }
    }

    private record Result(int exit, String output) {
    }

    /** {@code synod ARGS} as a separate process whose environment holds the keys. */
    private Result synod(List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "dev.synod.cli.SynodCli"));
        command.addAll(args);
        Path output = Files.createTempFile("synod-e2e", ".out");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            builder.environment().put("SYNOD_E2E_KEY", KEY);
            builder.environment().put("OPENAI_API_KEY", OTHER_KEY);
            builder.environment().put("ANTHROPIC_API_KEY", OTHER_KEY);
            Process p = builder.start();
            if (!p.waitFor(Duration.ofMinutes(3).toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("synod " + args + " did not end in 3 minutes: " + Files.readString(output));
            }
            return new Result(p.exitValue(), Files.readString(output));
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
