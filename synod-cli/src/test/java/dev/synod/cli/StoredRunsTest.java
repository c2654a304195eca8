package dev.synod.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The commands that inspect or continue runs ({@code status}, {@code log}, {@code resume},
 * {@code replay}, {@code answer}) read the stored runs and never create or repair them: in a
 * directory without runs, or with a journal that cannot be trusted, they say so (exit 2) and
 * leave every byte as it was.
 */
class StoredRunsTest {
    @TempDir
    Path dir;

    static Stream<Arguments> inspections() {
        return Stream.of(
                Arguments.of(List.of("status")),
                Arguments.of(List.of("status", "--json")),
                Arguments.of(List.of("log")),
                Arguments.of(List.of("resume", "--yes")),
                Arguments.of(List.of("replay")),
                Arguments.of(List.of("answer", "book", "--approve")));
    }

    private void team() throws IOException {
        for (String file : List.of("team.synod", "synod.yaml", "agents.yaml")) {
            try (InputStream in = StoredRunsTest.class.getResourceAsStream("/crash/" + file)) {
                Files.write(dir.resolve(file), in.readAllBytes());
            }
        }
    }

    private Run synod(List<String> command) {
        List<String> args = new java.util.ArrayList<>(List.of(command.get(0), "--dir", dir.toString()));
        args.addAll(command.subList(1, command.size()));
        return Run.synod(args.toArray(String[]::new));
    }

    /** Runs {@code synod COMMAND --dir DIR …}, which must exit 2 and leave every entry under the directory as it was. */
    private Run refusedLeavingTheTreeAsItWas(List<String> command) {
        Map<String, String> before = Snapshot.of(dir);
        Run run = synod(command);
        assertThat(run.exit()).as(run.toString()).isEqualTo(2);
        assertThat(Snapshot.of(dir)).as(run.toString()).isEqualTo(before);
        return run;
    }

    @ParameterizedTest
    @MethodSource("inspections")
    void a_directory_without_runs_is_left_as_it_was(List<String> command) throws IOException {
        team();
        Run run = refusedLeavingTheTreeAsItWas(command);

        assertThat(run.err()).as(run.toString()).isEqualTo("synod: no runs in " + dir.toAbsolutePath().normalize()
                + "; start one with synod run" + System.lineSeparator());
    }

    @ParameterizedTest
    @MethodSource("inspections")
    void an_empty_directory_of_synod_state_has_no_runs_and_is_left_as_it_was(List<String> command) throws IOException {
        team();
        Files.createDirectories(dir.resolve(".synod"));
        Run run = refusedLeavingTheTreeAsItWas(command);

        assertThat(run.err()).as(run.toString()).contains("no runs in " + dir.toAbsolutePath().normalize());
    }

    /** Each inspecting command with each file that is not a journal: empty, or with a garbage header. */
    static Stream<Arguments> damagedJournals() {
        return inspections().flatMap(command -> Stream.of(
                Arguments.of(command.get()[0], "", ".synod/synod.db is empty (0 bytes)"),
                Arguments.of(command.get()[0], "not a database at all, but long enough to have a header",
                        "is not a SQLite database")));
    }

    @ParameterizedTest
    @MethodSource("damagedJournals")
    void a_journal_that_is_not_one_is_reported_and_left_as_it_was(List<String> command, String content, String expected)
            throws IOException {
        team();
        Files.createDirectories(dir.resolve(".synod"));
        Files.writeString(dir.resolve(".synod/synod.db"), content);
        Run run = refusedLeavingTheTreeAsItWas(command);

        assertThat(run.err()).as(run.toString()).startsWith("synod: cannot trust the stored run: ").contains(expected)
                .contains("nothing was changed").doesNotContain("Exception");
    }

    @ParameterizedTest
    @MethodSource("inspections")
    void a_journal_emptied_after_a_run_is_reported_and_left_as_it_was(List<String> command) throws IOException {
        team();
        Run first = Run.synod("run", dir.toString(), "--yes");
        assertThat(first.exit()).as(first.toString()).isZero();
        Files.deleteIfExists(dir.resolve(".synod/synod.db-wal"));
        Files.deleteIfExists(dir.resolve(".synod/synod.db-shm"));
        Files.write(dir.resolve(".synod/synod.db"), new byte[0]);
        Run run = refusedLeavingTheTreeAsItWas(command);

        assertThat(run.err()).as(run.toString()).contains(".synod/synod.db is empty (0 bytes)");
    }

    @ParameterizedTest
    @MethodSource("inspections")
    void a_damaged_blob_of_the_team_a_run_started_from_is_reported_with_its_run(List<String> command) throws IOException {
        team();
        Run first = Run.synod("run", dir.toString(), "--yes");
        assertThat(first.exit()).as(first.toString()).isZero();
        String run = first.out().lines().findFirst().orElseThrow().substring("run ".length());
        String plan;
        try (dev.synod.runtime.Runs runs = dev.synod.runtime.Runs.open(dir, dev.synod.core.Clock.SYSTEM)) {
            plan = ((dev.synod.core.Event.RunStarted) runs.events(run).get(0)).plan();
        }
        Files.writeString(dir.resolve(".synod/blobs").resolve(plan.substring(0, 2)).resolve(plan.substring(2)),
                "synod 1\nteam edited {}\n");
        Run inspected = refusedLeavingTheTreeAsItWas(command);

        assertThat(inspected.err()).as(inspected.toString()).startsWith("synod: cannot trust the stored run: run " + run
                + " started from blob " + plan + " (its team.synod or synod.yaml), which cannot be read: the blob " + plan
                + " is damaged: its content hashes to ");
    }

    @org.junit.jupiter.api.Test
    void a_new_run_refuses_a_zero_length_journal_instead_of_starting_over() throws IOException {
        team();
        Files.createDirectories(dir.resolve(".synod"));
        Files.write(dir.resolve(".synod/synod.db"), new byte[0]);

        Run run = Run.synod("run", dir.toString(), "--yes");

        assertThat(run.exit()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).as(run.toString()).contains(".synod/synod.db is empty (0 bytes)");
        assertThat(dir.resolve(".synod/synod.db")).isEmptyFile();
    }
}
