package dev.synod.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimSweepTest {
    @TempDir
    Path dir;

    @Test
    void sweep_writes_csv_tables_and_png_charts() throws Exception {
        Run run = Run.synod("sim", "sweep", "--out", dir.toString(), "--trials", "2000", "--seed", "1");

        assertThat(run.exit()).as(run.toString()).isZero();
        for (String name : List.of("correlation", "protocols", "calls", "gate")) {
            List<String> csv = Files.readAllLines(dir.resolve(name + ".csv"));
            assertThat(csv.size()).as(name).isGreaterThan(5);
            byte[] png = Files.readAllBytes(dir.resolve(name + ".png"));
            // The PNG signature: a real image, drawn by the charting library.
            assertThat(png).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        }
        // Independent voters: the closed-form column of n = 3 is Condorcet's 0.784.
        assertThat(Files.readAllLines(dir.resolve("correlation.csv"))).anyMatch(l -> l.startsWith("3,0.0,") && l.endsWith(",0.78400"));
        // At equal calls (15 agents each), five independent models beat five times as many of one.
        List<String> calls = Files.readAllLines(dir.resolve("calls.csv"));
        assertThat(calls.get(0)).isEqualTo("protocol,voters,mean_calls,p_correct,stderr,p_consistent");
        assertThat(pCorrect(calls, "vote (5 models),15,")).isGreaterThan(pCorrect(calls, "vote (one model),15,") + 0.05);
        assertThat(calls).anyMatch(l -> l.startsWith("leader,1,1.000,"));
    }

    private static double pCorrect(List<String> csv, String prefix) {
        String line = csv.stream().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow();
        String[] cells = line.split(",");
        return Double.parseDouble(cells[cells.length - 3]);
    }
}
