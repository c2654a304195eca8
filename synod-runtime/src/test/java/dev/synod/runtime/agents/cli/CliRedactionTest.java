package dev.synod.runtime.agents.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.core.Agent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A key passed to a CLI agent is left out of what Synod keeps of its output even where the output
 * is cut: a line longer than {@link CliProcess#MAX_LINE} is cut into pieces, and a key that
 * straddled a cut used to reach the transcript blob and the summary in two halves, neither of which
 * redaction recognised.
 */
class CliRedactionTest {
    private static final String KEY = "sk-ant-api03-Zq7W2mX9pL4vR8tN1cB6yH3jK5fD0gS";
    private static final String HIDDEN = "[ANTHROPIC_API_KEY left out]";
    private static final Pattern TRANSCRIPT = Pattern.compile("transcript: blob ([0-9a-f]{64})");

    @TempDir
    Path tmp;

    @Test
    void a_key_at_every_offset_around_the_line_cut_is_left_out_of_the_transcript_and_the_summary() throws Exception {
        Path workspace = Files.createDirectories(tmp.resolve("ws"));
        // A line of OFFSET filler characters, then the key, then more of the line: the key starts
        // at OFFSET in a line longer than the cut.
        Path script = Scripts.write(tmp.resolve("bin"), "agent.sh", """
                k=$(cat offset)
                { head -c "$k" /dev/zero | tr '\\0' x; printf '%s' "$ANTHROPIC_API_KEY"; head -c 100 /dev/zero | tr '\\0' y; echo; }
                """);
        CliAgent agent = new CliAgent("coder", new CliSettings(List.of(script.toString()), CliSettings.Prompt.STDIN,
                List.of("ANTHROPIC_API_KEY"), Optional.empty()), ProcessLauncher.direct(),
                Map.of("PATH", System.getenv("PATH"), "ANTHROPIC_API_KEY", KEY));
        CliAgentTest.Session session = new CliAgentTest.Session();

        for (int offset = CliProcess.MAX_LINE - 64; offset <= CliProcess.MAX_LINE + 64; offset++) {
            Files.writeString(workspace.resolve("offset"), Integer.toString(offset));
            Agent.Outcome.Finished finished = (Agent.Outcome.Finished) agent.perform(new Agent.Assignment("r1", "notes", 1,
                    "dev", "", List.of("notes/**"), List.of(), List.of(), Map.of(), Duration.ofMinutes(1)), workspace, session);
            Matcher blob = TRANSCRIPT.matcher(finished.summary());
            assertThat(blob.find()).as("a transcript blob in the summary at offset %d", offset).isTrue();
            String transcript = new String(session.blobs.get(blob.group(1)).orElseThrow(), StandardCharsets.UTF_8);

            assertThat(transcript).as("the transcript at offset %d", offset).contains(HIDDEN);
            for (String text : List.of(transcript, finished.summary())) {
                for (int i = 0; i + 8 <= KEY.length(); i++) {
                    assertThat(text).as("part of the key at offset %d", offset).doesNotContain(KEY.substring(i, i + 8));
                }
            }
        }
    }
}
