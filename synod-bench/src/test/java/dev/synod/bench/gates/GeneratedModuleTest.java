package dev.synod.bench.gates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.core.Gate;
import dev.synod.runtime.gates.CompileGate;
import dev.synod.runtime.sandbox.Sandbox;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratedModuleTest {
    @TempDir
    Path dir;

    @Test
    void the_module_has_ten_files_of_about_a_thousand_lines_and_twenty_tests() throws Exception {
        Map<String, String> files = GeneratedModule.files();
        int lines = GeneratedModule.write(dir);

        assertThat(files.keySet().stream().filter(f -> f.endsWith(".java"))).hasSize(10);
        assertThat(lines).isBetween(950, 1050);
        assertThat(files.values().stream().mapToLong(t -> t.lines().filter(l -> l.strip().equals("@Test")).count()).sum())
                .isEqualTo(20);
    }

    @Test
    void the_module_compiles_main_and_tests() throws Exception {
        GeneratedModule.write(dir);
        Path junit = Path.of(org.junit.jupiter.api.Test.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path opentest = Path.of(org.opentest4j.AssertionFailedError.class.getProtectionDomain().getCodeSource().getLocation()
                .toURI());
        CompileGate gate = new CompileGate(new CompileGate.Settings(21, List.of(junit.toString(), opentest.toString()), true,
                List.of("mvn")), dir.resolve("cache"), Sandbox.create(Sandbox.Mode.BWRAP, System.getenv(), warning -> { }));

        assertThat(gate.check(new Gate.Input(dir, null, List.of("src/**")))).isEqualTo(Gate.Verdict.pass());
    }
}
