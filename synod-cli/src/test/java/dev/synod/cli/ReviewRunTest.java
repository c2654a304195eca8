package dev.synod.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.core.Clock;
import dev.synod.core.Event;
import dev.synod.runtime.Runs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reviewer agent judges an attempt against what its producer received: it may read the
 * artifact under review and the hand-off's {@code reads} through {@code read_file}.
 */
class ReviewRunTest {
    @TempDir
    Path dir;

    @Test
    void a_reviewer_reads_an_input_of_the_hand_off_it_reviews() throws Exception {
        Files.writeString(dir.resolve("team.synod"), """
                synod 1

                team notes {
                  defaults within 10m

                  role planner model scripted
                  role writer model scripted
                  role critic model scripted

                  planner -> writer, critic : plan "plan/**"
                    gate exists

                  writer -> critic : notes "notes/**"
                    reads plan
                    gate exists
                    review critic
                }
                """);
        Files.writeString(dir.resolve("agents.yaml"), """
                planner:
                  produce:
                    plan:
                      - write: { plan/PLAN.md: "three chapters, one per season\\n" }
                        summary: the plan
                writer:
                  produce:
                    notes:
                      - write: { notes/NOTES.md: "# Notes\\n" }
                        summary: the notes
                critic:
                  review:
                    notes:
                      turns:
                        - calls:
                            - read_file: { path: plan/PLAN.md }
                        - calls:
                            - approve: { comment: the notes follow the plan }
                """);
        Files.writeString(dir.resolve("synod.yaml"), "models:\n  scripted: { provider: scripted, script: agents.yaml }\n");

        Run run = Run.synod("run", dir.toString(), "--yes");

        assertThat(run.exit()).as(run.toString()).isZero();
        // The reviewer's second request carries what read_file answered: the plan's text, not a refusal.
        String request = secondRequestOf("review:notes#1:critic");
        assertThat(request).contains("three chapters, one per season").doesNotContain("may not read");
    }

    /** The request blob of the second journaled model turn of {@code command}. */
    private String secondRequestOf(String command) throws Exception {
        try (Runs runs = Runs.open(dir, Clock.SYSTEM)) {
            String id = runs.resolve(Optional.empty());
            List<Event.TurnRecorded> turns = runs.events(id).stream().filter(e -> e instanceof Event.TurnRecorded t
                    && t.command().equals(command)).map(e -> (Event.TurnRecorded) e).toList();
            assertThat(turns).as("turns of %s", command).hasSizeGreaterThanOrEqualTo(2);
            String hash = turns.get(1).request();
            Path blob = dir.resolve(".synod/blobs").resolve(hash.substring(0, 2)).resolve(hash.substring(2));
            return Files.readString(blob, StandardCharsets.UTF_8);
        }
    }
}
