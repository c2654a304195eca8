package dev.synod.runtime.agents.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synod.core.Agent;
import dev.synod.runtime.agents.Instructions;
import dev.synod.testkit.InMemoryBlobStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A CLI agent running real processes: shell scripts written by each test. */
class CliAgentTest {
    private static final String OPENAI_KEY = "sk-openai-must-not-pass-0123456789";
    private static final String ANTHROPIC_KEY = "sk-ant-passed-on-purpose-9876543210";
    private static final Pattern BLOB = Pattern.compile("(?:blob|synod show) ([0-9a-f]{64})");

    @TempDir
    Path tmp;

    private Path workspace;
    private Path bin;
    private final Map<String, String> parent = new HashMap<>();
    private final Session session = new Session();

    @BeforeEach
    void setUp() throws Exception {
        workspace = Files.createDirectories(tmp.resolve("work/ws"));
        bin = Files.createDirectories(tmp.resolve("bin"));
        parent.put("PATH", System.getenv("PATH"));
        parent.put("HOME", tmp.toString());
        parent.put("LANG", "C.UTF-8");
        parent.put("OPENAI_API_KEY", OPENAI_KEY);
        parent.put("ANTHROPIC_API_KEY", ANTHROPIC_KEY);
        parent.put("UNRELATED_SETTING", "from the parent");
    }

    /** Counts heartbeats, keeps blobs, and refuses when told to. */
    static final class Session implements Agent.Session {
        final AtomicInteger beats = new AtomicInteger();
        final InMemoryBlobStore blobs = new InMemoryBlobStore();
        volatile Optional<String> refusal = Optional.empty();

        @Override
        public List<Agent.Turn> turns() {
            return List.of();
        }

        @Override
        public void record(Agent.Turn turn) {
            throw new AssertionError("a CLI agent records no turns");
        }

        @Override
        public Optional<String> refusal() {
            return refusal;
        }

        @Override
        public void heartbeat() {
            beats.incrementAndGet();
        }

        @Override
        public dev.synod.core.BlobStore blobs() {
            return blobs;
        }
    }

    private static Agent.Assignment assignment(List<String> diagnostics) {
        return new Agent.Assignment("r7", "api", 2, "dev[2]", "role dev[2]: produces api \"api/**\"", List.of("api/**", "docs/api.md"),
                List.of("spec"), diagnostics, Map.of("money", "long cents"), Duration.ofMinutes(1));
    }

    private CliAgent agent(CliSettings.Prompt prompt, List<String> env, Optional<Duration> timeout, String... command) {
        return new CliAgent("coder", new CliSettings(List.of(command), prompt, env, timeout), ProcessLauncher.direct(), parent,
                Optional.empty());
    }

    private CliAgent agent(String body) throws Exception {
        return agent(CliSettings.Prompt.STDIN, List.of(), Optional.empty(), Scripts.write(bin, "agent.sh", body).toString());
    }

    private String blob(String text) {
        // The transcript's hash comes last: the output quoted before it may name other blobs.
        Matcher m = BLOB.matcher(text);
        String hash = null;
        while (m.find()) {
            hash = m.group(1);
        }
        assertThat(hash).as("a blob hash in: %s", text).isNotNull();
        return new String(session.blobs.get(hash).orElseThrow(), StandardCharsets.UTF_8);
    }

    // ---- how the instructions arrive ----

    @Test
    void the_instructions_arrive_on_standard_input() throws Exception {
        Agent.Outcome outcome = agent("cat > got.txt\n").perform(assignment(List.of()), workspace, session);

        assertThat(outcome).isInstanceOf(Agent.Outcome.Finished.class);
        String got = Files.readString(workspace.resolve("got.txt"));
        assertThat(got).startsWith(Instructions.produce(assignment(List.of())))
                .contains("role dev[2]: produces api", "`money`: long cents", "`spec`", "- `api/**`", "- `docs/api.md`",
                        "Do not commit");
    }

    @Test
    void the_instructions_arrive_in_a_file_named_by_the_placeholder_and_the_variable() throws Exception {
        Path script = Scripts.write(bin, "agent.sh", """
                cp "$2" got.txt
                echo "$2" > path.txt
                [ "$2" = "$SYNOD_PROMPT_FILE" ] && echo same > same.txt
                """);
        CliAgent agent = agent(CliSettings.Prompt.FILE, List.of(), Optional.empty(), script.toString(), "--message-file",
                "{prompt-file}");

        assertThat(agent.perform(assignment(List.of()), workspace, session)).isInstanceOf(Agent.Outcome.Finished.class);

        assertThat(Files.readString(workspace.resolve("got.txt"))).startsWith(Instructions.produce(assignment(List.of())));
        assertThat(workspace.resolve("same.txt")).exists();
        Path promptFile = Path.of(Files.readString(workspace.resolve("path.txt")).strip());
        assertThat(promptFile).isAbsolute().doesNotExist();
        assertThat(promptFile.startsWith(workspace)).as("the prompt file is outside the workspace").isFalse();
    }

    @Test
    void the_instructions_arrive_as_the_last_argument() throws Exception {
        Path script = Scripts.write(bin, "agent.sh", """
                for a in "$@"; do last="$a"; done
                printf '%s' "$last" > got.txt
                printf '%s' "$1" > first.txt
                """);
        CliAgent agent = agent(CliSettings.Prompt.ARG, List.of(), Optional.empty(), script.toString(), "-p");

        assertThat(agent.perform(assignment(List.of()), workspace, session)).isInstanceOf(Agent.Outcome.Finished.class);

        assertThat(Files.readString(workspace.resolve("first.txt"))).isEqualTo("-p");
        assertThat(Files.readString(workspace.resolve("got.txt"))).startsWith(Instructions.produce(assignment(List.of())));
    }

    @Test
    void instructions_too_long_for_an_argument_fail_before_anything_starts() throws Exception {
        Path script = Scripts.write(bin, "agent.sh", "touch started.txt\n");
        CliAgent agent = agent(CliSettings.Prompt.ARG, List.of(), Optional.empty(), script.toString());
        Agent.Assignment huge = new Agent.Assignment("r7", "api", 1, "dev", "x".repeat(200_000), List.of("api/**"),
                List.of(), List.of(), Map.of(), Duration.ofMinutes(1));

        Agent.Outcome outcome = agent.perform(huge, workspace, session);

        assertThat(outcome).isInstanceOf(Agent.Outcome.Failed.class);
        assertThat(((Agent.Outcome.Failed) outcome).reason()).contains("more than one argument may hold", "use prompt: file");
        assertThat(workspace.resolve("started.txt")).doesNotExist();
    }

    @Test
    void the_previous_attempts_diagnostics_are_in_the_instructions() throws Exception {
        agent("cat > got.txt\n").perform(assignment(List.of("api/Api.java:3:1: ';' expected")), workspace, session);

        assertThat(Files.readString(workspace.resolve("got.txt"))).contains("previous attempt was not accepted",
                "api/Api.java:3:1: ';' expected");
    }

    // ---- the environment ----

    @Test
    void the_environment_holds_the_basics_the_synod_variables_and_only_the_listed_keys() throws Exception {
        Path script = Scripts.write(bin, "agent.sh", "env > env.txt\npwd > pwd.txt\n");
        CliAgent agent = agent(CliSettings.Prompt.STDIN, List.of("ANTHROPIC_API_KEY"), Optional.empty(), script.toString());

        agent.perform(assignment(List.of()), workspace, session);

        Map<String, String> env = new HashMap<>();
        for (String line : Files.readAllLines(workspace.resolve("env.txt"))) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                env.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        assertThat(env).containsEntry("SYNOD_RUN", "r7").containsEntry("SYNOD_ROLE", "dev[2]")
                .containsEntry("SYNOD_STEP", "api").containsEntry("SYNOD_ARTIFACT", "api")
                .containsEntry("SYNOD_ATTEMPT", "2").containsEntry("SYNOD_TASK", "produce")
                .containsEntry("PATH", System.getenv("PATH")).containsEntry("HOME", tmp.toString())
                .containsEntry("LANG", "C.UTF-8").containsEntry("ANTHROPIC_API_KEY", ANTHROPIC_KEY)
                .containsEntry("GIT_CEILING_DIRECTORIES", workspace.getParent().toString())
                .doesNotContainKeys("OPENAI_API_KEY", "UNRELATED_SETTING", "SYNOD_PROMPT_FILE");
        // The write scope is one glob a line, which env prints over two lines.
        assertThat(Files.readString(workspace.resolve("env.txt"))).contains("SYNOD_WRITE_SCOPE=api/**\ndocs/api.md\n");
        assertThat(Files.readString(workspace.resolve("pwd.txt")).strip()).isEqualTo(workspace.toRealPath().toString());
    }

    @Test
    void in_the_sandbox_home_is_a_writable_directory() throws Exception {
        // Synod's own HOME, as a root user's, does not exist inside the sandbox.
        parent.put("HOME", "/root");
        parent.put("TMPDIR", tmp.resolve("host-only-tmp").toString());
        Path script = Scripts.write(bin, "agent.sh", """
                echo "$HOME" > home.txt
                if [ -d "$HOME" ] && mkdir -p "$HOME/.config/agent" && echo state > "$HOME/.config/agent/state"; then
                  echo writable >> home.txt
                fi
                if [ -d "$TMPDIR" ] && touch "$TMPDIR/scratch"; then echo writable > tmpdir.txt; fi
                """);
        CliAgent agent = new CliAgent("coder", new CliSettings(List.of(script.toString()), CliSettings.Prompt.STDIN,
                List.of(), Optional.empty()), SandboxedLauncher.checked(parent), parent, Optional.empty());

        assertThat(agent.perform(assignment(List.of()), workspace, session)).isInstanceOf(Agent.Outcome.Finished.class);

        List<String> home = Files.readAllLines(workspace.resolve("home.txt"));
        assertThat(home).as("HOME and whether it is a writable directory").hasSize(2).last().isEqualTo("writable");
        assertThat(home.get(0)).isNotEqualTo("/root");
        assertThat(workspace.resolve("tmpdir.txt")).hasContent("writable");
    }

    @Test
    void a_key_that_is_not_listed_does_not_reach_the_process() throws Exception {
        Path script = Scripts.write(bin, "agent.sh", "echo \"[$OPENAI_API_KEY][$ANTHROPIC_API_KEY]\" > keys.txt\n");
        CliAgent agent = agent(CliSettings.Prompt.STDIN, List.of(), Optional.empty(), script.toString());

        agent.perform(assignment(List.of()), workspace, session);

        assertThat(Files.readString(workspace.resolve("keys.txt")).strip()).isEqualTo("[][]");
    }

    @Test
    void a_passed_key_printed_by_the_agent_is_left_out_of_the_summary_and_the_transcript() throws Exception {
        Path script = Scripts.write(bin, "agent.sh", "echo \"using key $ANTHROPIC_API_KEY\"\necho \"key $ANTHROPIC_API_KEY\" >&2\n");
        CliAgent agent = agent(CliSettings.Prompt.STDIN, List.of("ANTHROPIC_API_KEY"), Optional.empty(), script.toString());

        Agent.Outcome.Finished finished = (Agent.Outcome.Finished) agent.perform(assignment(List.of()), workspace, session);

        String transcript = blob(finished.summary());
        assertThat(finished.summary()).doesNotContain(ANTHROPIC_KEY).contains("using key [ANTHROPIC_API_KEY left out]");
        assertThat(transcript).doesNotContain(ANTHROPIC_KEY).contains("! key [ANTHROPIC_API_KEY left out]");
    }

    @Test
    void a_key_at_every_offset_around_the_line_cut_is_left_out_of_the_transcript_and_the_summary() throws Exception {
        // A line longer than CliProcess.MAX_LINE is cut into pieces; a key that straddled a cut used
        // to reach the transcript blob and the summary in two halves, neither of which redaction
        // recognised. The script prints OFFSET filler characters, the key, then more of the line.
        Path script = Scripts.write(bin, "agent.sh", """
                k=$(cat offset)
                { head -c "$k" /dev/zero | tr '\\0' x; printf '%s' "$ANTHROPIC_API_KEY"; head -c 100 /dev/zero | tr '\\0' y; echo; }
                """);
        CliAgent agent = agent(CliSettings.Prompt.STDIN, List.of("ANTHROPIC_API_KEY"), Optional.empty(), script.toString());

        for (int offset = CliProcess.MAX_LINE - 64; offset <= CliProcess.MAX_LINE + 64; offset++) {
            Files.writeString(workspace.resolve("offset"), Integer.toString(offset));
            Agent.Outcome.Finished finished = (Agent.Outcome.Finished) agent.perform(assignment(List.of()), workspace, session);
            String transcript = blob(finished.summary());

            assertThat(transcript).as("the transcript at offset %d", offset).contains("[ANTHROPIC_API_KEY left out]");
            for (String text : List.of(transcript, finished.summary())) {
                for (int i = 0; i + 8 <= ANTHROPIC_KEY.length(); i++) {
                    assertThat(text).as("part of the key at offset %d", offset)
                            .doesNotContain(ANTHROPIC_KEY.substring(i, i + 8));
                }
            }
        }
    }

    // ---- how an attempt ends ----

    @Test
    void exit_status_zero_finishes_with_the_last_output_as_summary_and_the_transcript_as_a_blob() throws Exception {
        Agent.Outcome outcome = agent("""
                mkdir -p api && echo 'interface Api {}' > api/Api.java
                echo "working" >&2
                echo "wrote api/Api.java"
                """).perform(assignment(List.of()), workspace, session);

        assertThat(outcome).isInstanceOf(Agent.Outcome.Finished.class);
        String summary = ((Agent.Outcome.Finished) outcome).summary();
        assertThat(summary).startsWith("wrote api/Api.java").contains("exit status 0").doesNotContain("working");
        assertThat(blob(summary)).contains("[synod] command: " + bin.resolve("agent.sh"), "! working", "wrote api/Api.java",
                "[synod] exit status 0");
        assertThat(workspace.resolve("api/Api.java")).hasContent("interface Api {}");
        Matcher instructions = Pattern.compile("instructions: \\d+ characters by stdin, blob ([0-9a-f]{64})").matcher(blob(summary));
        assertThat(instructions.find()).isTrue();
        assertThat(new String(session.blobs.get(instructions.group(1)).orElseThrow(), StandardCharsets.UTF_8))
                .startsWith(Instructions.produce(assignment(List.of())));
    }

    @Test
    void a_nonzero_exit_fails_with_the_tail_of_the_output() throws Exception {
        Agent.Outcome outcome = agent("""
                i=1
                while [ $i -le 40 ]; do echo "line $i"; i=$((i+1)); done
                echo "boom: the model refused" >&2
                exit 3
                """).perform(assignment(List.of()), workspace, session);

        assertThat(outcome).isInstanceOf(Agent.Outcome.Failed.class);
        String reason = ((Agent.Outcome.Failed) outcome).reason();
        assertThat(reason).contains("coder (agent.sh) exited with status 3", "line 40",
                "the last lines of its error output:\nboom: the model refused").doesNotContain("line 1\n", "line 30\n");
        assertThat(blob(reason)).contains("line 1\n", "line 40");
    }

    @ParameterizedTest(name = "sandboxed {0}, program {1}")
    @CsvSource({"false, not executable, Permission denied", "false, missing, No such file or directory",
            "true, not executable, Permission denied", "true, missing, No such file or directory"})
    void a_program_that_cannot_start_is_a_configuration_fault_naming_the_command(boolean sandboxed, String program,
                                                                                String why) throws Exception {
        Path command = bin.resolve("no-such-agent");
        if (program.equals("not executable")) {
            command = Scripts.write(bin, "agent.sh", "echo hi\n");
            Files.setPosixFilePermissions(command, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        }
        CliAgent agent = new CliAgent("coder", new CliSettings(List.of(command.toString()), CliSettings.Prompt.STDIN,
                List.of(), Optional.empty()), sandboxed ? SandboxedLauncher.checked(parent) : ProcessLauncher.direct(), parent,
                Optional.empty());

        Agent.Outcome outcome = agent.perform(assignment(List.of()), workspace, session);

        Path shown = command;
        assertThat(outcome).isInstanceOfSatisfying(Agent.Outcome.Misconfigured.class, m -> assertThat(m.reason())
                .contains("coder could not start " + shown, why, "check models.coder.command"));
    }

    @Test
    void a_spent_budget_starts_nothing() throws Exception {
        session.refusal = Optional.of("the run's budget of 100 tokens is spent");

        Agent.Outcome outcome = agent("touch started.txt\n").perform(assignment(List.of()), workspace, session);

        assertThat(outcome).isInstanceOf(Agent.Outcome.Failed.class);
        assertThat(((Agent.Outcome.Failed) outcome).reason()).contains("was not started", "100 tokens");
        assertThat(workspace.resolve("started.txt")).doesNotExist();
    }

    @Test
    void output_is_a_heartbeat_and_silence_is_not() throws Exception {
        agent("sleep 0.1\n").perform(assignment(List.of()), workspace, session);
        assertThat(session.beats).hasValue(0);

        agent("echo one\nsleep 0.1\necho two\n").perform(assignment(List.of()), workspace, session);
        assertThat(session.beats.get()).isPositive();
    }

    @Test
    void its_own_timeout_stops_a_silent_program() throws Exception {
        Path script = Scripts.write(bin, "agent.sh", "echo $$ > pid.txt\nexec sleep 60\n");
        CliAgent agent = agent(CliSettings.Prompt.STDIN, List.of(), Optional.of(Duration.ofSeconds(1)), script.toString());

        Agent.Outcome outcome = agent.perform(assignment(List.of()), workspace, session);

        assertThat(outcome).isInstanceOf(Agent.Outcome.Failed.class);
        assertThat(((Agent.Outcome.Failed) outcome).reason()).contains("ran past its timeout of 1s and was stopped");
        long pid = Long.parseLong(Files.readString(workspace.resolve("pid.txt")).strip());
        assertThat(Scripts.stops(pid, Duration.ofSeconds(5))).isTrue();
    }

    @Test
    @Timeout(30)
    void an_interrupt_kills_the_whole_process_tree() throws Exception {
        // The program, a background sleep, and a shell that started a sleep of its own: four processes.
        CliAgent agent = agent("""
                echo $$ >> pids.txt
                sleep 300 &
                echo $! >> pids.txt
                sh -c 'sleep 301 & echo $! >> pids.txt; wait' &
                echo $! >> pids.txt
                wait
                """);
        CompletableFuture<Agent.Outcome> done = new CompletableFuture<>();
        Thread worker = Thread.ofVirtual().start(() -> {
            try {
                done.complete(agent.perform(assignment(List.of()), workspace, session));
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        });
        List<Long> pids = Scripts.pids(workspace.resolve("pids.txt"), 4, Duration.ofSeconds(10));
        assertThat(pids).allMatch(Scripts::running);

        worker.interrupt();

        assertThatThrownBy(() -> done.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(InterruptedException.class);
        for (long pid : pids) {
            assertThat(Scripts.stops(pid, Duration.ofSeconds(5))).as("process %d stopped", pid).isTrue();
        }
    }

    @Test
    @Timeout(30)
    void a_background_process_holding_the_output_does_not_hold_up_the_attempt() throws Exception {
        Agent.Outcome outcome = agent("(sleep 10; echo late) &\necho done\n").perform(assignment(List.of()), workspace, session);

        assertThat(outcome).isInstanceOf(Agent.Outcome.Finished.class);
        assertThat(((Agent.Outcome.Finished) outcome).summary()).startsWith("done").doesNotContain("late");
    }

    // ---- reviews and decides ----

    @Test
    void a_review_is_the_json_verdict_on_the_last_line() throws Exception {
        Agent.Review review = agent("""
                echo "Looking at api/Api.java"
                echo '```json'
                echo '{"approve": false, "comment": "add a test for refunds"}'
                echo '```'
                """).review(assignment(List.of()), workspace, session);

        assertThat(review.approved()).isFalse();
        assertThat(review.comment()).isEqualTo("add a test for refunds");
    }

    @Test
    void a_review_without_a_verdict_rejects_and_says_what_was_expected() throws Exception {
        Agent.Review review = agent("echo 'Looks good to me!'\n").review(assignment(List.of()), workspace, session);

        assertThat(review.approved()).isFalse();
        assertThat(review.comment()).contains("coder gave no verdict", "{\"approve\": true", "found 'Looks good to me!'");
    }

    @Test
    void a_failing_reviewer_rejects_with_its_output() throws Exception {
        Agent.Review review = agent("echo 'no credits left' >&2\nexit 2\n").review(assignment(List.of()), workspace, session);

        assertThat(review.approved()).isFalse();
        assertThat(review.comment()).contains("exited with status 2 while reviewing", "no credits left");
    }

    @Test
    void the_review_task_reaches_the_process() throws Exception {
        Agent.Review review = agent("""
                cat > /dev/null
                echo "{\\"approve\\": true, \\"comment\\": \\"$SYNOD_TASK of $SYNOD_ARTIFACT\\"}"
                """).review(assignment(List.of()), workspace, session);

        assertThat(review.approved()).isTrue();
        assertThat(review.comment()).isEqualTo("review of spec");
    }

    private static Agent.DecisionRequest decision() {
        return new Agent.DecisionRequest("r7", "decide:money", "architect", Map.of("shop.money",
                List.of("long cents", "BigDecimal"), "shop.storage", List.of()), Map.of(), Duration.ofMinutes(1));
    }

    @Test
    void a_decision_is_the_json_answers_on_the_last_line() throws Exception {
        Agent.Decision decision = agent("""
                cat > prompt.txt
                echo 'Thinking about money...'
                echo '{"answers": {"money": "long cents", "shop.storage": "sqlite", "other": "x"}, "rationale": "exact"}'
                """).decide(decision(), session);

        assertThat(decision.answers()).containsOnly(Map.entry("shop.money", "long cents"), Map.entry("shop.storage", "sqlite"));
        assertThat(decision.rationale()).isEqualTo("exact");
    }

    @Test
    void the_decide_instructions_name_the_questions_and_their_options() throws Exception {
        Path out = tmp.resolve("decide-prompt.txt");
        agent("cat > " + out + "\necho '{\"answers\": {}}'\n").decide(decision(), session);

        assertThat(Files.readString(out)).contains("`shop.money`: answer with exactly one of \"long cents\", \"BigDecimal\"",
                "`shop.storage`: an open question", "{\"answers\": {");
    }

    @Test
    void a_decision_without_answers_is_an_error_that_says_what_was_expected() throws Exception {
        CliAgent agent = agent("echo 'I pick long cents'\n");

        assertThatThrownBy(() -> agent.decide(decision(), session)).isInstanceOf(CliAgent.CliAgentException.class)
                .hasMessageContaining("coder gave no answers").hasMessageContaining("{\"answers\":")
                .hasMessageContaining("found 'I pick long cents'");
    }

    @Test
    void a_ballot_runs_in_the_decides_workspace_and_answers_with_the_json_line() throws Exception {
        Path ws = Files.createDirectories(tmp.resolve("decide-ws"));
        Files.createDirectories(ws.resolve("api"));
        Files.writeString(ws.resolve("api/Api.java"), "interface Api {}\n");
        Agent.DecisionRequest ballot = new Agent.DecisionRequest("r7", "decide:money", "architect",
                Map.of("money", List.of("long cents", "BigDecimal")), Map.of(), Duration.ofMinutes(1), true, 2,
                new dev.synod.core.Voting.Deliberation(1, Map.of("money", Map.of("long cents", 1)), 1, List.of("exact")),
                List.of("api"), ws, List.of());

        Agent.Decision decision = agent("""
                cat > prompt.txt
                test -f api/Api.java || exit 3
                echo '{"answers": {"money": "BigDecimal"}, "rationale": "read the api"}'
                """).decide(ballot, session);

        assertThat(decision.answers()).containsExactly(Map.entry("money", "BigDecimal"));
        assertThat(decision.rationale()).isEqualTo("read the api");
        assertThat(Files.readString(ws.resolve("prompt.txt"))).contains("you cast one voter's ballot in round 2")
                .contains("Round 1 found no quorum: money: long cents 1; no ballot 1.")
                .contains("{\"answers\": {\"money\": \"long cents\"}, \"rationale\": \"why\"}");
        assertThat(ws).isDirectory();
    }
}
