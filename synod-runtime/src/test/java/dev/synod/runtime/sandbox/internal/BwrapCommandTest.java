package dev.synod.runtime.sandbox.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.runtime.sandbox.Sandbox;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BwrapCommandTest {
    @Test
    void probe_passes_where_bubblewrap_works() throws Exception {
        assertThat(BwrapCommand.probe(BwrapCommand.program(), System.getenv())).isEmpty();
    }

    @Test
    void probe_names_the_fix_when_bubblewrap_is_missing() throws Exception {
        assertThat(BwrapCommand.probe("/nonexistent/bwrap", Map.of())).hasValueSatisfying(message -> assertThat(message)
                .contains("bubblewrap is not installed", "apt-get install bubblewrap", "sandbox: none")
                .doesNotContain("\n"));
    }

    /** How often {@code words} appear in a row in {@code args}. */
    private static long count(List<String> args, String... words) {
        return IntStream.rangeClosed(0, args.size() - words.length)
                .filter(i -> args.subList(i, i + words.length).equals(List.of(words))).count();
    }

    @Test
    void read_only_binds_under_usr_are_left_to_the_usr_bind() {
        // /usr is shown read-only already; callers bind what they need (a JDK, Maven) without deciding it.
        Sandbox.Spec spec = Sandbox.Spec.of(Path.of("/work/tree"), List.of("true")).withBinds(List.of(
                Sandbox.Bind.readOnly(Path.of("/usr/lib/jvm/jdk")), Sandbox.Bind.readOnly(Path.of("/opt/jdk")),
                Sandbox.Bind.writable(Path.of("/usr/local/scratch")), Sandbox.Bind.readOnly(Path.of("/usrx"))));

        List<String> args = BwrapCommand.of(spec, Map.of("PATH", "/usr/bin"), List.of("true"));

        assertThat(count(args, "--ro-bind", "/usr/lib/jvm/jdk", "/usr/lib/jvm/jdk")).isEqualTo(0);
        assertThat(count(args, "--ro-bind", "/usr", "/usr")).isEqualTo(1);
        assertThat(count(args, "--ro-bind", "/opt/jdk", "/opt/jdk")).isEqualTo(1);
        assertThat(count(args, "--ro-bind", "/usrx", "/usrx")).isEqualTo(1);
        assertThat(count(args, "--bind", "/usr/local/scratch", "/usr/local/scratch")).isEqualTo(1);
    }

    @Test
    void home_and_tmpdir_are_the_private_tmp_whatever_the_caller_passes() {
        Sandbox.Spec spec = Sandbox.Spec.of(Path.of("/work/tree"), List.of("true"));

        List<String> args = BwrapCommand.of(spec, Map.of("PATH", "/usr/bin", "HOME", "/root"), List.of("true"));

        assertThat(count(args, "--tmpfs", "/tmp")).isEqualTo(1);
        assertThat(count(args, "--setenv", "HOME", "/tmp")).isEqualTo(1);
        assertThat(count(args, "--setenv", "TMPDIR", "/tmp")).isEqualTo(1);
        assertThat(args).doesNotContain("/root");
    }
}
