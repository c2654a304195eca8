package dev.synod.runtime.engine;

import dev.synod.core.Agent;
import dev.synod.core.Budget;
import dev.synod.core.Clock;
import dev.synod.core.Event;
import dev.synod.core.Gate;
import dev.synod.core.Journal;
import dev.synod.core.Plan;
import dev.synod.core.PlanCompiler;
import dev.synod.core.Workspace;
import dev.synod.lang.CheckOptions;
import dev.synod.lang.SourceFile;
import dev.synod.lang.Synod;
import dev.synod.runtime.gates.ExistsGate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/** A small team, a git repository in a temporary directory, and agents whose behaviour a test sets. */
final class TestTeam {
    static final String SOURCE = """
            synod 1
            team shop {
              defaults within 1m retry 1
              role architect model m
              role dev[2] model m
              role lead model m
              question money "How is money represented?" options "long cents", "BigDecimal"
              architect -> all : api "api/**"
                gate exists
                freeze
              decide money by leader architect
              par {
                for d in dev[*] {
                  d -> lead : impl[d] "src/{d}/**"
                    reads api
                    gate exists
                    else escalate lead
                }
              }
              lead -> human : release "RELEASE.md"
                reads impl[*]
                gate exists
                review human
            }
            """;

    final Path dir;
    final Plan plan;
    final Map<String, AtomicInteger> invocations = new ConcurrentHashMap<>();
    /** What an agent does: role and assignment to files written (null: crash). */
    volatile BiFunction<String, Agent.Assignment, Map<String, String>> behaviour = TestTeam::defaultFiles;

    TestTeam(Path dir) throws IOException {
        this(dir, SOURCE);
    }

    TestTeam(Path dir, String source) throws IOException {
        this.dir = dir;
        Files.writeString(dir.resolve("README.md"), "a shop\n");
        this.plan = PlanCompiler.compile(Synod.check(new SourceFile("team.synod", source), CheckOptions.none()));
    }

    static Map<String, String> defaultFiles(String role, Agent.Assignment a) {
        return switch (a.step()) {
            case "api" -> Map.of("api/Api.java", "interface Api {}\n");
            case "release" -> Map.of("RELEASE.md", "released with " + a.decisions() + "\n");
            default -> Map.of(a.writeScope().get(0).replace("**", "Impl.java"), "class Impl {} // " + role + "\n");
        };
    }

    Agent agent(String role) {
        return new Agent() {
            @Override
            public Outcome perform(Assignment a, Path workspace) throws InterruptedException {
                invocations.computeIfAbsent(a.step() + "#" + a.attempt(), k -> new AtomicInteger()).incrementAndGet();
                Map<String, String> files = behaviour.apply(role, a);
                if (files == null) {
                    return new Outcome.Failed("scripted crash", Event.Usage.NONE);
                }
                try {
                    for (var f : files.entrySet()) {
                        Path p = workspace.resolve(f.getKey());
                        Files.createDirectories(p.getParent());
                        Files.writeString(p, f.getValue());
                    }
                } catch (IOException e) {
                    return new Outcome.Failed(e.toString(), Event.Usage.NONE);
                }
                return new Outcome.Finished("wrote " + files.keySet(), new Event.Usage(10, 5, 0));
            }

            @Override
            public Review review(Assignment a, Path workspace) {
                return new Review(true, "fine", Event.Usage.NONE);
            }

            @Override
            public Decision decide(DecisionRequest request) {
                return new Decision(Map.of("money", "long cents"), "simplest", Event.Usage.NONE);
            }
        };
    }

    Engine engine(Journal journal, Workspace workspace, boolean autoApprove) {
        return engine(journal, workspace, autoApprove, Map.of("exists", new ExistsGate()));
    }

    Engine engine(Journal journal, Workspace workspace, boolean autoApprove, Map<String, Gate> gates) {
        Map<String, Agent> agents = new java.util.LinkedHashMap<>();
        for (String role : List.of("architect", "dev[1]", "dev[2]", "lead")) {
            agents.put(role, agent(role));
        }
        return new Engine(new Engine.Setup(plan, Budget.UNLIMITED, journal, new dev.synod.testkit.InMemoryBlobStore(), workspace,
                dir.resolve(".synod/work"),
                dir.resolve(".synod/answers"), agents, gates, role -> "contract of " + role, Clock.SYSTEM,
                new Engine.Options(autoApprove, false, Duration.ofMillis(20)), line -> { }));
    }
}
