package dev.synod.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.synod.runtime.gates.internal.ConsoleJar;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The examples of the repository run as the README says, offline, from a copy of their
 * directory: {@code synod run DIR --yes}. For {@code examples/bank}, what its script sets out to
 * show happens (a split {@code ben_or} decide settled by coins from {@code seed:}, a crashed
 * voter, a compile failure mended by the retry, an escalation to the lead, a person's approval),
 * and the release branch holds a Java library that compiles and whose tests pass when compiled
 * and run again here, outside Synod.
 */
class ExamplesTest {
    private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void the_bank_runs_offline_to_a_library_that_compiles_and_passes_its_tests() throws Exception {
        Path bank = copy(EXAMPLES.resolve("bank"), dir.resolve("bank"));

        Run run = Run.synod("run", bank.toString(), "--yes");

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).contains("approved automatically (--yes)");
        JsonNode status = new ObjectMapper().readTree(Run.synod("status", "--dir", bank.toString(), "--json").out());
        assertThat(status.get("status").asText()).isEqualTo("succeeded");
        JsonNode money = status.get("decisions").get(0);
        assertThat(money.get("question").asText()).isEqualTo("money");
        assertThat(money.get("outcome").asText()).isEqualTo("long cents");
        assertThat(money.get("how").asText()).isEqualTo("quorum in round 3");
        assertThat(money.get("firstRoundAgreement").asDouble()).isEqualTo(0.5);
        assertThat(money.get("ballotsByModel").toString()).isEqualTo("{\"default\":{\"long cents\":1},\"critic\":{\"BigDecimal\":1}}");
        JsonNode errors = status.get("decisions").get(1);
        assertThat(errors.get("outcome").asText()).isEqualTo("checked exceptions");
        assertThat(errors.get("how").asText()).isEqualTo("quorum in round 1");
        assertThat(step(status, "impl[dev3]").get("attempt").asInt()).isEqualTo(2);
        assertThat(step(status, "impl[dev2]").get("performer").asText()).isEqualTo("lead");
        assertThat(step(status, "impl[dev2]").get("attempt").asInt()).isEqualTo(5);
        assertThat(step(status, "release").get("status").asText()).isEqualTo("accepted");
        assertThat(Run.synod("log", "--dir", bank.toString()).out())
                .contains("src/main/java/bank/dev3/PercentFees.java:20:24: error: incompatible types: possible lossy conversion"
                        + " from double to long");

        String record = ReleaseBranch.file(bank, "docs/decisions/0001-money.md");
        assertThat(record).contains("| dev[3] | no ballot | gave no answers: the model answered garbage |",
                "| dev[1] | BigDecimal (coin) | no option had a strict majority in round 1: the voter's coin, drawn from the run's seed |",
                "| dev[2] | long cents (coin) |", "Chosen option: \"long cents\", quorum in round 3");
        assertThat(ReleaseBranch.file(bank, "src/main/java/bank/api/Bank.java")).contains("long balance(String account)");
        // Every parallel developer's instructions quote the decision records (dev[2]'s attempts crash before a turn: the lead's).
        for (String attempt : java.util.List.of("impl[dev1]#1", "impl[dev2]#5", "impl[dev3]#1", "tests#1")) {
            Run shown = Run.synod("show", attempt, bank.toString());
            assertThat(shown.exit()).as(shown.toString()).isZero();
            assertThat(shown.out()).as(attempt).contains("# 0001. How are amounts of money represented in the API?",
                    "Chosen option: \"long cents\", quorum in round 3", "# 0002. How does the API report a failed operation?");
        }

        Path release = ReleaseBranch.export(bank, dir.resolve("release"));
        Path classes = compile(release, "src/main/java", List.of(), dir.resolve("classes"));
        Path junit = ConsoleJar.shared().path();
        Path testClasses = compile(release, "src/test/java", List.of(classes, junit), dir.resolve("test-classes"));
        Process tests = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                junit.toString(), "execute", "--disable-banner", "--details=summary", "--fail-if-no-tests",
                "--class-path=" + classes + ":" + testClasses, "--scan-class-path").redirectErrorStream(true).start();
        String report = new String(tests.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(tests.waitFor()).as(report).isZero();
        // MemoryBankTest 4, ListLedgerTest 1, PercentFeesTest 4, EntryTest 1, the contract 3.
        assertThat(report).containsPattern("\\[\\s+13 tests successful\\s+]");

        Run replay = Run.synod("replay", "--dir", bank.toString());
        assertThat(replay.exit()).as(replay.toString()).isZero();
    }

    @Test
    void wordfreq_runs_offline_with_pythons_own_linter_and_test_runner_as_its_gates() throws Exception {
        Process probe = new ProcessBuilder("/usr/bin/python3", "-m", "pyflakes", "--version").redirectErrorStream(true).start();
        assertThat(probe.waitFor()).as("examples/wordfreq needs Debian's python3 and pyflakes: apt-get install python3 "
                + "python3-pyflakes (.ci/run installs them)").isZero();
        Path wordfreq = copy(EXAMPLES.resolve("wordfreq"), dir.resolve("wordfreq"));

        Run run = Run.synod("run", wordfreq.toString(), "--yes");

        assertThat(run.exit()).as(run.toString()).isZero();
        JsonNode status = new ObjectMapper().readTree(Run.synod("status", "--dir", wordfreq.toString(), "--json").out());
        assertThat(step(status, "impl[dev2]").get("attempt").asInt()).isEqualTo(2);
        assertThat(Run.synod("log", "--dir", wordfreq.toString()).out())
                .contains("FAIL: test_ties_are_in_alphabetical_order", "tests/test_dev2.py:12:1: AssertionError: Lists differ:");
        assertThat(ReleaseBranch.file(wordfreq, "docs/decisions/0001-case.md")).contains("Chosen option: \"fold case\"");

        Path release = ReleaseBranch.export(wordfreq, dir.resolve("release"));
        Process tests = new ProcessBuilder("/usr/bin/python3", "-m", "unittest", "discover", "-s", "tests")
                .directory(release.toFile()).redirectErrorStream(true).start();
        String report = new String(tests.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(tests.waitFor()).as(report).isZero();
        assertThat(report).contains("Ran 4 tests", "OK");
    }

    @Test
    void the_notes_run_offline_as_the_readme_says() throws Exception {
        Path notes = copy(EXAMPLES.resolve("notes"), dir.resolve("notes"));

        Run run = Run.synod("run", notes.toString(), "--yes");

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(ReleaseBranch.file(notes, "notes/BOOK.md")).startsWith("# Notes");
    }

    private static JsonNode step(JsonNode status, String name) {
        for (JsonNode s : status.get("steps")) {
            if (s.get("step").asText().equals(name)) {
                return s;
            }
        }
        throw new AssertionError("no step " + name + " in " + status);
    }

    /** Copies the tree {@code from} to {@code to}, as a user copies an example before running it; returns {@code to}. */
    static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
        return to;
    }




    private static Path compile(Path tree, String sources, List<Path> classpath, Path out) throws IOException {
        List<String> args = new ArrayList<>(List.of("--release", "21", "-d", out.toString()));
        if (!classpath.isEmpty()) {
            args.addAll(List.of("--class-path", String.join(":", classpath.stream().map(Path::toString).toList())));
        }
        try (Stream<Path> files = Files.walk(tree.resolve(sources))) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> args.add(f.toString()));
        }
        java.io.ByteArrayOutputStream errors = new java.io.ByteArrayOutputStream();
        int status = ToolProvider.getSystemJavaCompiler().run(null, errors, errors, args.toArray(String[]::new));
        assertThat(status).as("javac %s of the release branch: %s", sources, errors).isZero();
        return out;
    }
}
