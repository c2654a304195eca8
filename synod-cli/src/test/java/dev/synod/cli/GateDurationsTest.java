package dev.synod.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How long each gate took, as {@code synod status --json} and {@code synod log} give it, on real
 * runs of a scripted team whose first attempt does not compile: the first run checks both
 * attempts' trees, the second run of the same team in the same project meets the same trees and
 * reuses the first run's verdicts from the cache.
 */
class GateDurationsTest {
    @TempDir
    Path dir;

    private String run() throws IOException {
        Run run = Run.synod("run", dir.toString(), "--yes");
        assertThat(run.exit()).as(run.toString()).isZero();
        return run.out().lines().findFirst().orElseThrow().substring("run ".length());
    }

    private JsonNode history(String run) throws IOException {
        Run status = Run.synod("status", run, "--dir", dir.toString(), "--json");
        assertThat(status.exit()).as(status.toString()).isZero();
        for (JsonNode step : new ObjectMapper().readTree(status.out()).get("steps")) {
            if (step.get("step").asText().equals("cart")) {
                assertThat(step.get("attempt").asInt()).as("the current attempt stays a number").isEqualTo(2);
                return step.get("attempts");
            }
        }
        throw new AssertionError("no step cart in " + status.out());
    }

    @Test
    void status_json_gives_each_attempts_gates_with_verdict_cache_and_duration_and_log_prints_the_duration()
            throws IOException {
        Teams.writeCompileRetry(dir);

        String first = run();
        String second = run();

        JsonNode ran = history(first);
        assertThat(ran).hasSize(2);
        assertThat(ran.get(0).get("attempt").asInt()).isEqualTo(1);
        assertThat(ran.get(0).get("performer").asText()).isEqualTo("dev");
        JsonNode failed = ran.get(0).get("gates").get(0);
        assertThat(failed.get("gate").asText()).isEqualTo("compile");
        assertThat(failed.get("verdict").asText()).isEqualTo("fail");
        assertThat(failed.get("cached").asBoolean()).isFalse();
        assertThat(failed.get("millis").isIntegralNumber()).as(failed.toString()).isTrue();
        assertThat(failed.get("millis").asLong()).isNotNegative();
        JsonNode passed = ran.get(1).get("gates").get(0);
        assertThat(passed.get("verdict").asText()).isEqualTo("pass");
        assertThat(passed.get("cached").asBoolean()).isFalse();

        JsonNode reused = history(second);
        for (JsonNode attempt : reused) {
            JsonNode gate = attempt.get("gates").get(0);
            assertThat(gate.get("cached").asBoolean()).as(gate.toString()).isTrue();
            assertThat(gate.get("millis").isIntegralNumber()).as(gate.toString()).isTrue();
            assertThat(gate.get("millis").asLong()).isNotNegative();
        }
        assertThat(reused.get(0).get("gates").get(0).get("verdict").asText()).isEqualTo("fail");
        assertThat(reused.get(1).get("gates").get(0).get("verdict").asText()).isEqualTo("pass");

        String duration = "(<1 ms|\\d+ ms|\\d+\\.\\d s|\\d+m\\d{2}s)";
        String log = Run.synod("log", first, "--dir", dir.toString()).out();
        assertThat(log).containsPattern("cart#1: gate compile: fail in " + duration + "\n")
                .containsPattern("cart#2: gate compile: pass in " + duration + "\n");
        String cachedLog = Run.synod("log", second, "--dir", dir.toString()).out();
        assertThat(cachedLog).containsPattern("cart#2: gate compile: pass \\(cached\\) in " + duration + "\n");

        List<JsonNode> gateEvents = new ArrayList<>();
        for (String line : Run.synod("log", second, "--dir", dir.toString(), "--json").out().lines().toList()) {
            JsonNode event = new ObjectMapper().readTree(line);
            if (event.get("type").asText().equals("gate-finished")) {
                gateEvents.add(event);
            }
        }
        assertThat(gateEvents).hasSize(2).allSatisfy(e -> {
            assertThat(e.get("cached").asBoolean()).isTrue();
            assertThat(e.get("millis").asLong()).isNotNegative();
        });
    }
}
