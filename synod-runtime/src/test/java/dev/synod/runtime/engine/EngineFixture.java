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
import dev.synod.runtime.workspace.GitRepository;
import dev.synod.testkit.FakeClock;
import dev.synod.testkit.InMemoryBlobStore;
import dev.synod.testkit.InMemoryJournal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What engine tests set up alike: a temporary directory with a {@code README.md} that becomes a
 * git repository, an in-memory journal and blob store, a fake clock, a team, agents (a lambda
 * each, or the scripted shop team), gates and options; {@link #start()} runs the team once as run
 * {@code r1}, and the journal queries read what it left. Setters return the fixture, so a test
 * says only what differs from the defaults.
 */
final class EngineFixture {
    /** The shop team: an architect, two developers in parallel, a decision and a human review. */
    static final String SHOP = """
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

    /**
     * A team of one hand-off, {@code notes} from role {@code a} to role {@code r} with the
     * {@code exists} gate.
     */
    static String oneStep(String within, int retry, String scope) {
        return """
                synod 1
                team t {
                  defaults within %s retry %d
                  role a model m
                  role r model m
                  a -> r : notes "%s"
                    gate exists
                }
                """.formatted(within, retry, scope);
    }

    /** What an agent does in its workspace; it may throw anything. */
    @FunctionalInterface
    interface Work {
        void perform(Agent.Assignment a, Path workspace, Agent.Session session) throws Exception;
    }

    final Path dir;
    final InMemoryJournal journal = new InMemoryJournal();
    final InMemoryBlobStore blobs = new InMemoryBlobStore();
    final FakeClock clock = new FakeClock();
    /** For the shop team's agents: how often each attempt ({@code step#attempt}) was performed. */
    final Map<String, AtomicInteger> invocations = new ConcurrentHashMap<>();
    /** What a shop agent does: role and assignment to files written (null: crash). */
    volatile BiFunction<String, Agent.Assignment, Map<String, String>> behaviour = EngineFixture::defaultFiles;

    private Plan plan;
    private Map<String, Agent> agents = Map.of();
    private Map<String, Gate> gates = Map.of("exists", new ExistsGate());
    private Engine.Options options = new Engine.Options(true, false, Duration.ofMillis(20));
    private Budget budget = Budget.UNLIMITED;
    private Consumer<String> progress = line -> { };
    private Progress listener;
    private Function<String, String> contracts = role -> "";
    private Clock engineClock = clock;

    /** A fixture in {@code dir}, with a {@code README.md} there. */
    EngineFixture(Path dir) throws IOException {
        this.dir = dir;
        readme("x\n");
    }

    /** Writes {@code README.md} anew. */
    EngineFixture readme(String text) throws IOException {
        Files.writeString(dir.resolve("README.md"), text);
        return this;
    }

    /** Checks and compiles the team the run executes. */
    EngineFixture team(String source) {
        plan = PlanCompiler.compile(Synod.check(new SourceFile("team.synod", source), CheckOptions.none()));
        return this;
    }

    /**
     * The shop team, its README, contracts by role, the system clock and, for each of its roles,
     * an agent that writes what {@link #behaviour} says.
     */
    EngineFixture shop() throws IOException {
        readme("a shop\n");
        team(SHOP);
        Map<String, Agent> shop = new LinkedHashMap<>();
        for (String role : List.of("architect", "dev[1]", "dev[2]", "lead")) {
            shop.put(role, shopAgent(role));
        }
        contracts = role -> "contract of " + role;
        // The shop's tests were written against the system clock (within 1m, a person's inbox
        // polled): they keep it.
        engineClock = Clock.SYSTEM;
        return agents(shop);
    }

    Plan plan() {
        if (plan == null) {
            throw new IllegalStateException("expected a team, found none: call team(...) first");
        }
        return plan;
    }

    EngineFixture agents(Map<String, Agent> agents) {
        this.agents = Map.copyOf(agents);
        return this;
    }

    /** Role {@code a} is {@code agent}, as in {@link #oneStep}. */
    EngineFixture agent(Agent agent) {
        return agents(Map.of("a", agent));
    }

    EngineFixture gates(Map<String, Gate> gates) {
        this.gates = Map.copyOf(gates);
        return this;
    }

    EngineFixture options(Engine.Options options) {
        this.options = options;
        return this;
    }

    /** The default options but {@code autoApprove}. */
    EngineFixture autoApprove(boolean autoApprove) {
        return options(new Engine.Options(autoApprove, false, Duration.ofMillis(20)));
    }

    /** The default options but the size limit. */
    EngineFixture maxFileBytes(long maxFileBytes) {
        return options(new Engine.Options(true, false, Duration.ofMillis(20), Engine.Options.GATE_LINGER, maxFileBytes));
    }

    EngineFixture budget(Budget budget) {
        this.budget = budget;
        return this;
    }

    EngineFixture progress(Consumer<String> progress) {
        this.progress = progress;
        return this;
    }

    /** The engine's progress listener, instead of the lines {@link #progress} hears. */
    EngineFixture listener(Progress listener) {
        this.listener = listener;
        return this;
    }

    EngineFixture contracts(Function<String, String> contracts) {
        this.contracts = contracts;
        return this;
    }

    /** The clock the engine reads: {@link #clock} unless a test gives another. */
    EngineFixture clock(Clock engineClock) {
        this.engineClock = engineClock;
        return this;
    }

    /** An engine over {@code journal} and {@code workspace}, with everything else this fixture holds. */
    Engine engine(Journal journal, Workspace workspace) {
        return new Engine(new Engine.Setup(plan(), budget, journal, blobs, workspace, dir.resolve(".synod/work"),
                dir.resolve(".synod/answers"), agents, gates, contracts, engineClock, options,
                listener != null ? listener : Progress.lines(progress)));
    }

    /** An engine over this fixture's journal. */
    Engine engine(Workspace workspace) {
        return engine(journal, workspace);
    }

    /** Runs the team once, as run {@code r1}, in a repository opened on the directory. */
    Engine.Result start() throws Exception {
        try (GitRepository repo = GitRepository.openOrInit(dir); Engine engine = engine(repo)) {
            return engine.start("r1", "plan", null, 1);
        }
    }

    // ---- the journal of run r1 ----

    List<Event> events() {
        return journal.read("r1");
    }

    <T extends Event> List<T> events(Class<T> type) {
        return events().stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The first attempt's result. */
    Event.AgentFinished finished() {
        return events(Event.AgentFinished.class).stream().findFirst().orElseThrow();
    }

    /** The result of agent command {@code command}. */
    Event.AgentFinished finished(String command) {
        return events(Event.AgentFinished.class).stream().filter(f -> f.command().equals(command)).findFirst()
                .orElseThrow(() -> new AssertionError("expected a result of " + command + ", found none"));
    }

    /** How the first attempt ended. */
    Event.Outcome outcome() {
        return finished().outcome();
    }

    /** The diagnostics of the first rejection of {@code command}. */
    List<String> rejection(String command) {
        return events(Event.AgentFinished.class).stream().filter(f -> f.command().equals(command))
                .map(Event.AgentFinished::outcome).filter(o -> o instanceof Event.Outcome.Rejected)
                .map(o -> ((Event.Outcome.Rejected) o).diagnostics()).findFirst().orElseThrow();
    }

    // ---- agents ----

    /** An agent that does {@code work} and finishes with the summary {@code done}; it approves and decides nothing. */
    static Agent agent(Work work) {
        return new Agent() {
            @Override
            public Outcome perform(Assignment a, Path workspace) {
                throw new AssertionError("the engine calls the form with a session");
            }

            @Override
            public Outcome perform(Assignment a, Path workspace, Session session) throws InterruptedException {
                try {
                    work.perform(a, workspace, session);
                } catch (InterruptedException | RuntimeException | Error e) {
                    throw e;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return new Outcome.Finished("done", Event.Usage.NONE);
            }

            @Override
            public Review review(Assignment a, Path workspace) {
                return new Review(true, "", Event.Usage.NONE);
            }

            @Override
            public Decision decide(DecisionRequest request) {
                return new Decision(Map.of(), "", Event.Usage.NONE);
            }
        };
    }

    /** What the shop team's agents write unless a test says otherwise. */
    static Map<String, String> defaultFiles(String role, Agent.Assignment a) {
        return switch (a.step()) {
            case "api" -> Map.of("api/Api.java", "interface Api {}\n");
            case "release" -> Map.of("RELEASE.md", "released with " + a.decisions() + "\n");
            default -> Map.of(a.writeScope().get(0).replace("**", "Impl.java"), "class Impl {} // " + role + "\n");
        };
    }

    private Agent shopAgent(String role) {
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
}
