package dev.synod.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * People in a run, with real {@code synod} processes: a person who produces an artifact after an
 * escalation, in a personal directory that survives a SIGKILL of the run; a person's review
 * across a restart; a person's files held to the write scope like an agent's, and a person giving
 * an attempt up; a person's ballot in a {@code vote}.
 */
class PeopleRunTest {
    /** A writer whose only attempt crashes, so the step escalates to a person. */
    static final String ESCALATING = """
            synod 1

            team notes {
              defaults within 10m

              role writer model scripted

              writer -> human : notes "notes/**"
                gate exists
                retry 0
                else escalate human
            }
            """;

    static final String CRASHING_WRITER = """
            writer:
              produce:
                notes:
                  - crash: "the model answered garbage"
            """;

    static final String SYNOD_YAML = "models:\n  scripted: { provider: scripted, script: agents.yaml }\n";

    @TempDir
    Path dir;

    @Test
    void a_person_produces_an_escalated_artifact_whose_edits_survive_a_kill_and_pass_its_gate() throws Exception {
        write(ESCALATING, CRASHING_WRITER);

        // given a run killed while it waits for the person to produce notes
        CrashHarnessTest.Child first = CrashHarnessTest.Child.start(dir, "run", dir.toString());
        awaitOutput(first, "waiting for a person to produce notes");
        first.process().destroyForcibly().waitFor();
        String run = runId(first.output());
        Path personal = dir.resolve(".synod/work/human").resolve(run).resolve("notes.attempt-2");
        assertThat(first.output()).contains("edit the files in " + personal + " (instructions in " + personal + ".txt)",
                "synod answer " + run + " notes --approve (or --reject --comment …)");
        assertThat(personal.resolve("team.synod")).as("the attempt's starting tree is copied").exists();
        assertThat(Files.readString(personal.resolveSibling("notes.attempt-2.txt")))
                .contains("# Produce `notes` (attempt 2)", "- `notes/**`", "attempt 1 by writer crashed: the model answered garbage",
                        "synod answer " + run + " notes --approve");

        // when the person edits a file there and the run resumes
        Files.createDirectories(personal.resolve("notes"));
        Files.writeString(personal.resolve("notes/BY_HAND.md"), "# Written by a person\n");
        CrashHarnessTest.Child resumed = CrashHarnessTest.Child.start(dir, "resume");
        awaitOutput(resumed, "waiting for a person to produce notes");

        // then the edit survived, and synod status lists the person's step with the directory
        assertThat(personal.resolve("notes/BY_HAND.md")).hasContent("# Written by a person");
        JsonNode status = new ObjectMapper().readTree(Run.synod("status", "--dir", dir.toString(), "--json").out());
        assertThat(status.get("personal")).hasSize(1);
        assertThat(status.get("personal").get(0).get("step").asText()).isEqualTo("notes");
        assertThat(status.get("personal").get(0).get("kind").asText()).isEqualTo("produce");
        assertThat(status.get("personal").get(0).get("directory").asText()).isEqualTo(personal.toString());
        assertThat(Run.synod("status", "--dir", dir.toString()).out())
                .contains("waiting for a person: notes (produce, edit the files in " + personal + ")");

        // and the approval commits the person's files, which the hand-off's gate checks
        Run answer = Run.synod("answer", "--dir", dir.toString(), "notes", "--approve", "--comment", "wrote it by hand");
        assertThat(answer.exit()).as(answer.toString()).isZero();
        assertThat(resumed.waitFor()).as(resumed.output()).isZero();
        assertThat(resumed.output()).contains("notes#2: produced", "(wrote it by hand)", "notes#2: gate exists: pass");
        assertThat(fileOnRelease("notes/BY_HAND.md")).isEqualTo("# Written by a person\n");
        assertThat(dir.resolve(".synod/answers").resolve(run)).as("the answer was consumed").isEmptyDirectory();
    }

    @Test
    void a_review_by_a_person_waits_across_a_kill_and_the_approval_finishes_the_run() throws Exception {
        write("""
                synod 1

                team notes {
                  defaults within 10m

                  role writer model scripted

                  writer -> human : notes "notes/**"
                    gate exists
                    review human
                }
                """, """
                writer:
                  produce:
                    notes:
                      - write: { notes/NOTES.md: "# Notes\\n" }
                        summary: notes written
                """);

        CrashHarnessTest.Child first = CrashHarnessTest.Child.start(dir, "run", dir.toString());
        awaitOutput(first, "waiting for a person: synod answer");
        first.process().destroyForcibly().waitFor();

        CrashHarnessTest.Child resumed = CrashHarnessTest.Child.start(dir, "resume");
        awaitOutput(resumed, "waiting for a person: synod answer");
        assertThat(resumed.output()).contains("resuming human:notes#1");
        JsonNode personal = new ObjectMapper().readTree(Run.synod("status", "--dir", dir.toString(), "--json").out())
                .get("personal");
        assertThat(personal.get(0).get("kind").asText()).isEqualTo("review");
        assertThat(personal.get(0).has("directory")).isFalse();

        Run answer = Run.synod("answer", "--dir", dir.toString(), "notes", "--approve");
        assertThat(answer.exit()).as(answer.toString()).isZero();
        assertThat(resumed.waitFor()).as(resumed.output()).isZero();
        assertThat(fileOnRelease("notes/NOTES.md")).isEqualTo("# Notes\n");
    }

    @Test
    void a_persons_file_outside_the_write_scope_rejects_the_attempt_like_an_agents() throws Exception {
        write(ESCALATING, CRASHING_WRITER);

        CrashHarnessTest.Child child = CrashHarnessTest.Child.start(dir, "run", dir.toString());
        awaitOutput(child, "waiting for a person to produce notes");
        Path personal = dir.resolve(".synod/work/human").resolve(runId(child.output())).resolve("notes.attempt-2");
        Files.createDirectories(personal.resolve("notes"));
        Files.writeString(personal.resolve("notes/NOTES.md"), "# Notes\n");
        Files.writeString(personal.resolve("README.md"), "not mine to write\n");
        Run answer = Run.synod("answer", "--dir", dir.toString(), "notes", "--approve");
        assertThat(answer.exit()).as(answer.toString()).isZero();

        assertThat(child.waitFor()).as(child.output()).isNotZero();
        assertThat(child.output()).contains("attempt 2 by human", "README.md", "outside the write scope")
                .doesNotContain("notes#2:0: gate");
    }

    @Test
    void a_person_who_gives_an_attempt_up_fails_it_with_the_comment() throws Exception {
        write(ESCALATING, CRASHING_WRITER);

        CrashHarnessTest.Child child = CrashHarnessTest.Child.start(dir, "run", dir.toString(), "--yes");
        awaitOutput(child, "waiting for a person to produce notes");
        // --yes approves reviews only: the attempt still waits for the person.
        assertThat(child.process().isAlive()).isTrue();
        Run wrong = Run.synod("answer", "--dir", dir.toString(), "notes", "--option", "x");
        assertThat(wrong.exit()).isEqualTo(SynodCli.EXIT_USAGE);
        assertThat(wrong.err()).contains("step 'notes' asks a person to produce it: answer it with --approve or --reject");
        Run answer = Run.synod("answer", "--dir", dir.toString(), "notes", "--reject", "--comment", "no time today");

        assertThat(answer.exit()).as(answer.toString()).isZero();
        assertThat(child.waitFor()).as(child.output()).isNotZero();
        assertThat(child.output()).contains("notes#2: crashed: the person gave up attempt 2: no time today",
                "hand-off notes failed after 2 attempts");
    }

    @Test
    void a_person_votes_in_a_vote_decide_with_synod_answer_option() throws Exception {
        write("""
                synod 1

                team bank {
                  defaults within 10m

                  role architect model scripted
                  role dev[2] model scripted

                  question money "How are amounts of money represented in the API?"
                    options "long cents", "BigDecimal"

                  decide money among dev[*], human by vote

                  architect -> all : api "src/API.md"
                    gate exists
                }
                """, """
                architect:
                  produce:
                    api:
                      - write: { src/API.md: "# API\\n" }
                        summary: the api
                dev[1]:
                  decide: { money: long cents }
                dev[2]:
                  decide: { money: BigDecimal }
                """);

        CrashHarnessTest.Child child = CrashHarnessTest.Child.start(dir, "run", dir.toString(), "--yes");
        awaitOutput(child, "waiting for a person: synod answer");
        assertThat(child.output()).contains("decide:money --option …");
        JsonNode personal = new ObjectMapper().readTree(Run.synod("status", "--dir", dir.toString(), "--json").out())
                .get("personal");
        assertThat(personal.get(0).get("kind").asText()).isEqualTo("vote");

        // a step that does not wait is refused, naming every step that does and what it asks
        Run notWaiting = Run.synod("answer", "--dir", dir.toString(), "api", "--approve");
        assertThat(notWaiting.exit()).isEqualTo(SynodCli.EXIT_USAGE);
        assertThat(notWaiting.err()).contains("step 'api' of run ", "does not wait for a person; waiting for a person: "
                + "decide:money (vote)");
        // an option the question does not have is refused before anything is written
        Run typo = Run.synod("answer", "--dir", dir.toString(), "decide:money", "--option", "float");
        assertThat(typo.exit()).isEqualTo(SynodCli.EXIT_USAGE);
        assertThat(typo.err()).contains("the answer to step 'decide:money' does not settle it:", "float");
        Run approve = Run.synod("answer", "--dir", dir.toString(), "decide:money", "--approve");
        assertThat(approve.exit()).isEqualTo(SynodCli.EXIT_USAGE);
        assertThat(approve.err()).contains("asks a person to vote: answer it with --option X");

        Run answer = Run.synod("answer", "--dir", dir.toString(), "decide:money", "--option", "long cents",
                "--comment", "cents never round");
        assertThat(answer.exit()).as(answer.toString()).isZero();
        assertThat(child.waitFor()).as(child.output()).isZero();
        String record = fileOnRelease("docs/decisions/0001-money.md");
        assertThat(record).contains("| human | long cents |", "cents never round", "Chosen option: \"long cents\"");
    }

    private void write(String team, String agents) throws IOException {
        Files.writeString(dir.resolve("team.synod"), team);
        Files.writeString(dir.resolve("agents.yaml"), agents);
        Files.writeString(dir.resolve("synod.yaml"), SYNOD_YAML);
    }

    /** Waits until {@code child} has printed {@code text}; fails after a minute, or when it ended first. */
    static void awaitOutput(CrashHarnessTest.Child child, String text) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!child.output().contains(text)) {
            assertThat(System.nanoTime() < until && child.process().isAlive())
                    .as("waiting for \"%s\" in:%n%s", text, child.output()).isTrue();
            Thread.sleep(20);
        }
    }

    /** The run's id from its first line of output ({@code run r…}). */
    private static String runId(String output) {
        return output.lines().filter(l -> l.startsWith("run r")).findFirst().orElseThrow().substring(4).trim();
    }

    private String fileOnRelease(String path) throws Exception {
        return ReleaseBranch.file(dir, path);
    }
}
