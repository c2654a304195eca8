package dev.synod.runtime.gates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.core.Event;
import dev.synod.core.Gate;
import dev.synod.runtime.config.GateSettings;
import dev.synod.runtime.sandbox.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShGateTest {
    @TempDir
    Path tree;

    private static Gate gate(Duration timeout, int processes) {
        return ShGate.withArgument(Sandbox.create(Sandbox.Mode.BWRAP, System.getenv(), w -> { }), GateLimits.of("sh",
                new GateSettings(Optional.empty(), Optional.of(timeout), OptionalLong.empty(), OptionalInt.of(processes),
                        List.of())));
    }

    private Gate.Verdict run(Gate gate, String command) throws InterruptedException {
        // As the engine hands it to agents: through the one normalizer.
        return Diagnostics.normalize(gate.check(new Gate.Input(tree, command, List.of("**"))), tree);
    }

    @Test
    void normalizes_compiler_style_locations_relative_to_the_tree() throws Exception {
        Files.writeString(tree.resolve("app.ts"), "let x: number = 'a';\n");

        Gate.Verdict verdict = run(gate(Duration.ofMinutes(1), 64),
                "echo \"$PWD/app.ts:1:5: Type 'string' is not assignable to type 'number'.\" >&2; echo 'Found 1 error.'; exit 2");

        assertThat(verdict.diagnostics()).containsExactly("sh \"" + "echo \"$PWD/app.ts:1:5: Type 'string' is not "
                        + "assignable to type 'number'.\" >&2; echo 'Found 1 error.'; exit 2\" exited with status 2",
                "app.ts:1:5: Type 'string' is not assignable to type 'number'.", "Found 1 error.");
    }

    @Test
    void reports_an_overrun_with_the_key_that_changes_the_limit() throws Exception {
        Gate.Verdict verdict = run(gate(Duration.ofSeconds(1), 64), "echo started; sleep 86394");

        assertThat(verdict.kind()).isEqualTo(Event.Verdict.FAIL);
        assertThat(verdict.diagnostics()).containsExactly("sh \"echo started; sleep 86394\" did not finish within 1s "
                + "(gates.sh.timeout in synod.yaml); the sandbox killed its processes", "started");
    }

    @Test
    void contains_a_fork_bomb_and_says_so() throws Exception {
        Gate.Verdict verdict = run(gate(Duration.ofSeconds(3), 32), "bomb() { bomb | bomb & }; bomb; while :; do :; done");

        assertThat(verdict.kind()).isEqualTo(Event.Verdict.FAIL);
        // The bomb runs until the timeout, unless the one fork of the shell itself is refused first.
        assertThat(verdict.diagnostics().get(0)).containsAnyOf("did not finish within 3s", "reached its process limit of 32");
        if ("root".equals(System.getProperty("user.name"))) {
            // As root the limit is a pids cgroup, which counts the refused forks.
            assertThat(verdict.diagnostics().get(0)).contains("reached its process limit of 32 "
                    + "(gates.sh.processes in synod.yaml)");
        }
    }

    @Test
    void fails_when_it_reaches_its_process_limit_even_if_it_exits_0() throws Exception {
        // A subshell forks past the limit and dies of it; the command itself then exits 0. The
        // sleeps that did start are killed by the sandbox when the command ends.
        String command = "(i=0; while [ $i -lt 40 ]; do sleep 86397 & i=$((i+1)); done); exit 0";

        Gate.Verdict verdict = run(gate(Duration.ofMinutes(1), 8), command);

        assertThat(verdict.kind()).isEqualTo(Event.Verdict.FAIL);
        assertThat(verdict.diagnostics().get(0)).isEqualTo("sh \"" + command + "\" reached its process limit of 8 "
                + "(gates.sh.processes in synod.yaml): the sandbox refused to start more processes, so the check fails "
                + "whatever its exit status (it exited with status 0)");
    }

    @Test
    void is_an_error_without_a_command() throws Exception {
        assertThat(run(gate(Duration.ofMinutes(1), 8), null).kind()).isEqualTo(Event.Verdict.ERROR);
    }
}
