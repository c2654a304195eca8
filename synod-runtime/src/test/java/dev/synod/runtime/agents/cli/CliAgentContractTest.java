package dev.synod.runtime.agents.cli;

import dev.synod.core.Agent;
import dev.synod.testkit.AgentContract;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The agent contract for a CLI agent whose program is a shell script that acts on SYNOD_TASK and SYNOD_ARTIFACT. */
class CliAgentContractTest extends AgentContract {
    private static final String SCRIPT = """
            cat > /dev/null
            case "$SYNOD_TASK" in
              produce)
                case "$SYNOD_ARTIFACT" in
                  feature) mkdir -p src && echo 'class Cart {}' > src/Cart.java && echo "wrote the cart" ;;
                  broken) echo "the model answered garbage" >&2; exit 1 ;;
                  slow) sleep 10; echo 'class Slow {}' > src/Slow.java ;;
                esac ;;
              review) echo '{"approve": true, "comment": "looks right"}' ;;
              decide) echo '{"answers": {"shop.money": "long cents", "storage": "sqlite"}, "rationale": "simplest"}' ;;
            esac
            """;

    @TempDir
    Path bin;

    private CliAgent agent;

    @BeforeEach
    void writeScript() throws IOException {
        Path script = Scripts.write(bin, "agent.sh", SCRIPT);
        agent = new CliAgent("coder", new CliSettings(List.of(script.toString()), CliSettings.Prompt.STDIN, List.of(),
                Optional.empty()), ProcessLauncher.direct(), Map.of("PATH", System.getenv("PATH")), Optional.empty());
    }

    private static Agent.Assignment assignment(String step) {
        return new Agent.Assignment("r1", step, 1, "dev", "contract of dev", List.of("src/**"), List.of(), List.of(),
                Map.of(), Duration.ofMinutes(1));
    }

    @Override
    protected Agent agent() {
        return agent;
    }

    @Override
    protected Agent.Assignment performable() {
        return assignment("feature");
    }

    /** Exits with status 1: a CLI agent that cannot do the work says so by its exit status. */
    @Override
    protected Agent.Assignment failing() {
        return assignment("broken");
    }

    @Override
    protected Agent.Assignment blocking() {
        return assignment("slow");
    }

    @Override
    protected Agent.Assignment reviewable() {
        return new Agent.Assignment("r1", "feature", 1, "dev", "contract of dev", List.of(), List.of("feature"), List.of(),
                Map.of(), Duration.ofMinutes(1));
    }

    @Override
    protected Agent.DecisionRequest decidable() {
        return new Agent.DecisionRequest("r1", "decide:shop.money,shop.storage", "dev", Map.of("shop.money",
                List.of("long cents", "BigDecimal"), "shop.storage", List.of()), Map.of(), Duration.ofMinutes(1));
    }
}
