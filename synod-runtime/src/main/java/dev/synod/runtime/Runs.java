package dev.synod.runtime;

import dev.synod.core.Agent;
import dev.synod.core.BlobStore;
import dev.synod.core.Event;
import dev.synod.core.Gate;
import dev.synod.core.Interpreter;
import dev.synod.core.Journal;
import dev.synod.core.Plan;
import dev.synod.core.PlanCompiler;
import dev.synod.core.Replay;
import dev.synod.core.RunInfo;
import dev.synod.core.State;
import dev.synod.core.SynodException;
import dev.synod.core.Workspace;
import dev.synod.lang.CheckResult;
import dev.synod.lang.SourceFile;
import dev.synod.lang.Synod;
import dev.synod.lang.model.TeamModel;
import dev.synod.runtime.agents.Agents;
import dev.synod.runtime.agents.model.TeamView;
import dev.synod.runtime.config.SynodConfig;
import dev.synod.runtime.engine.Engine;
import dev.synod.runtime.engine.Progress;
import dev.synod.runtime.engine.RunLock;
import dev.synod.runtime.engine.LocalStorage;
import dev.synod.runtime.engine.TurnBlobs;
import dev.synod.runtime.gates.CompileGate;
import dev.synod.runtime.gates.Gates;
import dev.synod.runtime.gates.LintGate;
import dev.synod.runtime.workspace.GitRepository;
import dev.synod.runtime.workspace.WorkingTreeSnapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * The runs of one directory: starting, resuming, inspecting and answering them. The directory
 * holds {@code team.synod} and {@code synod.yaml}; Synod keeps its state under {@code .synod/}
 * (journal, blobs, scratch workspaces, answers, lock).
 */
public final class Runs implements AutoCloseable {
    private static final DateTimeFormatter RUN_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final Path directory;
    private final Path state;
    private final LocalStorage storage;
    private final Journal journal;
    private final BlobStore blobs;
    private final dev.synod.core.Clock clock;
    private final RandomGenerator random;

    private Runs(Path directory, LocalStorage storage, dev.synod.core.Clock clock, RandomGenerator random) {
        this.directory = directory;
        this.state = directory.resolve(".synod");
        this.storage = storage;
        this.journal = storage.journal();
        this.blobs = storage.blobs();
        this.clock = clock;
        this.random = random;
    }

    /**
     * Opens the stored runs of {@code directory} to inspect, resume or answer them; creates
     * nothing, so {@code status} or {@code log} in a directory without runs leaves it as it was.
     *
     * @throws SynodException.InvalidInput when the directory does not exist or has no runs
     * @throws SynodException.Corrupted when its journal cannot be trusted
     */
    public static Runs open(Path directory, dev.synod.core.Clock clock) {
        Path dir = existingDirectory(directory);
        return new Runs(dir, LocalStorage.open(dir), clock, new SecureRandom());
    }

    /**
     * Opens the runs of {@code directory} to start a new one, creating {@code .synod/} and the
     * journal when they do not exist yet; run ids and seeds from a {@link SecureRandom}.
     */
    public static Runs openOrCreate(Path directory, dev.synod.core.Clock clock) {
        return openOrCreate(directory, clock, new SecureRandom());
    }

    /**
     * {@link #openOrCreate(Path, dev.synod.core.Clock)} with the source of randomness given.
     *
     * @param random where the random part of run ids and each run's seed come from (tests fix it)
     */
    public static Runs openOrCreate(Path directory, dev.synod.core.Clock clock, RandomGenerator random) {
        Path dir = existingDirectory(directory);
        return new Runs(dir, LocalStorage.openOrCreate(dir), clock, random);
    }

    private static Path existingDirectory(Path directory) {
        Path dir = directory.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new SynodException.InvalidInput("no such directory: " + directory);
        }
        return dir;
    }

    /** What a run executes, rebuilt from the files it started with. */
    public record Loaded(Plan plan, SynodConfig config, CheckResult checked) {
    }

    /** Reads, checks and compiles the directory's {@code team.synod} with its {@code synod.yaml}. */
    public Loaded load(String teamText, Optional<String> configText) {
        return load(directory, teamText, configText);
    }

    private static Loaded load(Path directory, String teamText, Optional<String> configText) {
        Optional<SynodConfig> parsed = parse(directory, configText);
        CheckResult checked = Synod.check(new SourceFile(directory.resolve("team.synod").toString(), teamText),
                SynodConfig.checkOptions(parsed, directory));
        return compile(directory, checked, parsed);
    }

    private static Optional<SynodConfig> parse(Path directory, Optional<String> configText) {
        return configText.map(t -> SynodConfig.parse(t, directory.resolve("synod.yaml")));
    }

    /** The plan of a checked team, with its configuration checked against it; refuses a team with errors. */
    private static Loaded compile(Path directory, CheckResult checked, Optional<SynodConfig> parsed) {
        SynodConfig config = parsed.orElse(SynodConfig.none(directory.resolve("synod.yaml")));
        Plan plan = PlanCompiler.compile(checked);
        config.checkAgainst(checked.model().orElseThrow());
        return new Loaded(plan, config, checked);
    }

    /**
     * A start that passed every check, built before anything is created in the run directory:
     * what it runs, its gates (the sandbox found usable) and its agents (their keys found).
     */
    public record Accepted(Path directory, Loaded loaded, String teamText, Optional<String> configText,
                           Map<String, Gate> gates, Map<String, Agent> agents) implements Acceptance {
    }

    /** A start refused because {@code team.synod} has errors: every diagnostic, to show with its source. */
    public record TeamErrors(SourceFile source, CheckResult checked) implements Acceptance {
    }

    /** What {@link #accept} found: a start that may go ahead, or the team's errors. */
    public sealed interface Acceptance permits Accepted, TeamErrors {
    }

    /**
     * Runs every check a start needs (the team, {@code synod.yaml}, the team's {@code prompt} file,
     * what this runtime can run, the gates' sandbox, the agents' keys and programs) and creates
     * nothing: a refused start leaves {@code directory} exactly as it was (no {@code .git}, no
     * {@code .synod/}, no commit).
     *
     * @param warnings where the sandbox's warnings go
     * @return the accepted start, or the team's errors (every diagnostic, for the caller to show)
     * @throws SynodException.InvalidInput naming the first other check that failed
     */
    public static Acceptance accept(Path directory, Consumer<String> warnings) {
        Path dir = existingDirectory(directory);
        String teamText = read(dir.resolve("team.synod"), "team.synod");
        Optional<String> configText = Files.exists(dir.resolve("synod.yaml"))
                ? Optional.of(SynodConfig.text(dir.resolve("synod.yaml"))) : Optional.empty();
        Optional<SynodConfig> parsed = parse(dir, configText);
        SourceFile source = new SourceFile(dir.resolve("team.synod").toString(), teamText);
        CheckResult checked = Synod.check(source, SynodConfig.checkOptions(parsed, dir));
        if (checked.hasErrors()) {
            return new TeamErrors(source, checked);
        }
        Loaded loaded = compile(dir, checked, parsed);
        TeamModel model = checked.model().orElseThrow();
        // The checker has looked for the prompt file (S061, a warning to check); a run cannot start without it.
        if (checked.diagnostics().stream().anyMatch(d -> d.code().equals("S061"))) {
            String prompt = model.prompt().orElseThrow();
            throw new SynodException.InvalidInput(dir.resolve("team.synod") + ": the team's prompt \"" + prompt
                    + "\" does not exist (expected a file at " + dir.resolve(prompt).normalize()
                    + "); create it or remove the prompt line");
        }
        Map<String, Gate> gates = gates(dir, loaded, warnings);
        Map<String, Agent> agents = Agents.forTeam(model, loaded.config(), dir, TeamView.of(model, gates));
        return new Accepted(dir, loaded, teamText, configText, gates, agents);
    }

    /**
     * Reads every file {@code synod.yaml} names (the agent scripts, the lint configuration), as a
     * run does before it starts: {@code synod check} calls it too, so the two refuse the same files.
     *
     * @param directory the run directory, which those paths are relative to
     * @throws SynodException.InvalidInput naming the setting and what is wrong with its file
     */
    public static void checkNamedFiles(SynodConfig config, Path directory) {
        Agents.scripts(config, directory);
        LintGate.configure(config);
    }

    /** A new run of the directory's team, driven until it finishes (or waits, without {@code waitForHumans}). */
    public Engine.Result start(Engine.Options options, Consumer<String> progress, Consumer<String> runId) {
        return switch (accept(directory, progress)) {
            case Accepted accepted -> start(accepted, options, progress, runId);
            // The team's first error, as a resumed run whose team no longer compiles reports it.
            case TeamErrors errors -> throw new SynodException.InvalidInput(PlanCompiler.firstError(errors.checked()));
        };
    }

    /**
     * A new run of a start that was {@linkplain #accept accepted}, driven until it finishes (or
     * waits). Only now is the directory made a git repository if it is not one, and the files on
     * disk (uncommitted edits included) recorded as the run's start commit on
     * {@code refs/synod/start/<run>} ({@link WorkingTreeSnapshot}), the base its agents start from.
     * {@code runId} hears the run's id once its run-started event is journaled, so an id that was
     * told can always be resumed.
     */
    public Engine.Result start(Accepted accepted, Engine.Options options, Consumer<String> progress, Consumer<String> runId) {
        return start(accepted, options, Progress.lines(progress), runId);
    }

    /** {@link #start(Accepted, Engine.Options, Consumer, Consumer)} that tells {@code progress} every event as it is journaled. */
    public Engine.Result start(Accepted accepted, Engine.Options options, Progress progress, Consumer<String> runId) {
        if (!accepted.directory().equals(directory)) {
            throw new IllegalArgumentException("a start accepted for " + accepted.directory() + " cannot run in " + directory);
        }
        Loaded loaded = accepted.loaded();
        try (RunLock lock = RunLock.acquire(state.resolve("lock"), directory.toString());
             GitRepository workspace = workspace()) {
            String run = newRunId();
            lock.claim(run);
            String base = workspace.recordStart(run, clock.now());
            String planBlob = blobs.put(accepted.teamText().getBytes(StandardCharsets.UTF_8));
            String configBlob = accepted.configText().map(t -> blobs.put(t.getBytes(StandardCharsets.UTF_8))).orElse(null);
            try (Engine engine = engine(loaded, workspace, accepted.agents(), accepted.gates(), options, progress)) {
                return engine.start(new Engine.Start(run, planBlob, configBlob, base,
                                loaded.config().seed().orElseGet(random::nextLong)),
                        () -> runId.accept(run));
            }
        }
    }

    /**
     * The directory's repository, its new objects staged in the journal: durable with the events
     * that name them, in one commit, and flushed into git as a pack when the run sets its branch.
     * Objects an earlier process left in the journal are flushed into git first.
     */
    private GitRepository workspace() {
        GitRepository repo = GitRepository.openOrInit(directory);
        try {
            repo.stageObjectsIn(storage.objectLog());
            return repo;
        } catch (RuntimeException e) {
            repo.close();
            throw e;
        }
    }

    /**
     * Continues a run where its journal stops.
     *
     * @throws SynodException.Corrupted before anything is flushed, built or journaled, when a blob
     *     the resumed run would read back (a journaled model turn's) is missing or damaged
     */
    public Engine.Result resume(String run, Engine.Options options, Consumer<String> progress) {
        return resume(run, options, Progress.lines(progress));
    }

    /** {@link #resume(String, Engine.Options, Consumer)} that tells {@code progress} every event as it is journaled. */
    public Engine.Result resume(String run, Engine.Options options, Progress progress) {
        try (RunLock lock = RunLock.acquire(state.resolve("lock"), directory.toString())) {
            lock.claim(run);
            List<Event> events = journal.read(run);
            Loaded loaded = loaded(run, events);
            State folded = Interpreter.fold(loaded.plan(), loaded.config().budget(), events);
            TurnBlobs.verify(run, folded, blobs, state.resolve("blobs"));
            try (Workspace workspace = workspace()) {
                Map<String, Gate> gates = gates(directory, loaded, progress::notice);
                Map<String, Agent> agents = agents(loaded, gates);
                try (Engine engine = engine(loaded, workspace, agents, gates, options, progress)) {
                    return engine.drive(run, folded);
                }
            }
        }
    }

    /**
     * The gates of a run: the sandboxed ones and those of {@code synod.yaml} ({@link Gates}), and
     * the in-process {@code compile} and {@code lint}. Built before the run id is given, so a bad
     * gate setting stops the run before anything is journaled.
     */
    private static Map<String, Gate> gates(Path directory, Loaded loaded, Consumer<String> progress) {
        Map<String, Gate> gates = new java.util.LinkedHashMap<>(Gates.forRun(loaded.config(), loaded.plan(), progress));
        gates.put("compile", CompileGate.configure(loaded.config(), directory, progress));
        gates.put("lint", LintGate.configure(loaded.config()));
        return gates;
    }

    /** The agents of a run; model agents may run the run's gates on themselves. */
    private Map<String, Agent> agents(Loaded loaded, Map<String, Gate> gates) {
        TeamModel model = loaded.checked().model().orElseThrow();
        return Agents.forTeam(model, loaded.config(), directory, TeamView.of(model, gates));
    }

    private Engine engine(Loaded loaded, Workspace workspace, Map<String, Agent> agents, Map<String, Gate> gates,
                          Engine.Options options, Progress progress) {
        CheckResult checked = loaded.checked();
        return new Engine(new Engine.Setup(loaded.plan(), loaded.config().budget(), journal, blobs, workspace, work(),
                answers(), agents, gates, role -> contract(checked, role), clock,
                options.withMaxFileBytes(loaded.config().limits().fileSizeBytes()), progress));
    }

    /** The contract of {@code role}: its projection of the checked team, empty for a role the team does not have. */
    public static String contract(CheckResult checked, String role) {
        try {
            return Synod.project(checked, role).toText();
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /** The plan and configuration a run started with, from its journaled blobs. */
    public Loaded loaded(String run) {
        return loaded(run, journal.read(run));
    }

    /** {@link #loaded(String)} from the run's events, read once by the caller. */
    private Loaded loaded(String run, List<Event> events) {
        if (events.isEmpty() || !(events.get(0) instanceof Event.RunStarted started)) {
            throw new SynodException.Corrupted("run " + run + " does not begin with a run-started event", null);
        }
        String team = blob(started.plan(), run);
        Optional<String> config = Optional.ofNullable(started.config()).map(c -> blob(c, run));
        return load(team, config);
    }

    private String blob(String hash, String run) {
        java.util.Optional<byte[]> content;
        try {
            content = blobs.get(hash);
        } catch (SynodException.Corrupted damaged) {
            throw new SynodException.Corrupted("run " + run + " started from blob " + hash + " (its team.synod or "
                    + "synod.yaml), which cannot be read: " + damaged.getMessage(), damaged);
        }
        return new String(content.orElseThrow(() -> new SynodException.Corrupted("run " + run
                + " refers to blob " + hash + ", which is missing from " + state.resolve("blobs"), null)),
                StandardCharsets.UTF_8);
    }


    /**
     * The run's id: the given one if it exists, else the most recent run of the directory. A run
     * whose process was killed before its first event was journaled never started, and is skipped.
     */
    public String resolve(Optional<String> run) {
        List<RunInfo> runs = journal.runs().stream().filter(r -> !journal.read(r.id()).isEmpty()).toList();
        if (run.isPresent()) {
            if (runs.stream().noneMatch(r -> r.id().equals(run.get()))) {
                throw new SynodException.InvalidInput("no run '" + run.get() + "' in " + directory + (runs.isEmpty()
                        ? "; it has no runs yet (start one with synod run)"
                        : "; its runs are " + String.join(", ", runs.stream().map(RunInfo::id).toList())));
            }
            return run.get();
        }
        if (runs.isEmpty()) {
            throw new SynodException.InvalidInput("no runs in " + directory + "; start one with synod run");
        }
        return runs.get(runs.size() - 1).id();
    }

    public List<Event> events(String run) {
        return journal.read(run);
    }

    /** The folded state of a run. */
    public State state(String run) {
        List<Event> events = journal.read(run);
        Loaded loaded = loaded(run, events);
        return Interpreter.fold(loaded.plan(), loaded.config().budget(), events);
    }

    /** Re-derives every command of a run's journal; empty when it replays exactly. */
    public Optional<Replay.Mismatch> replay(String run) {
        List<Event> events = journal.read(run);
        Loaded loaded = loaded(run, events);
        return Replay.check(loaded.plan(), loaded.config().budget(), events);
    }

    /**
     * Merges a finished run's branch (such as {@code synod/r1}) into the branch checked out in the
     * project's working tree, as {@code git merge} would ({@code synod run --merge}), under the
     * run lock and with every object the journal still stages in git first.
     */
    public dev.synod.runtime.workspace.BranchMerge mergeRelease(String branch) {
        try (RunLock lock = RunLock.acquire(state.resolve("lock"), directory.toString());
             GitRepository repo = workspace()) {
            return repo.mergeIntoCurrentBranch(branch);
        }
    }

    public Path directory() {
        return directory;
    }

    /** The blobs of the directory's runs (transcripts, team files), to read them back. */
    public BlobStore blobs() {
        return blobs;
    }

    /** Where the blobs are stored, one file per hash under a directory of its first two digits. */
    public Path blobDirectory() {
        return state.resolve("blobs");
    }

    /**
     * Whether a live process holds the directory's run lock for {@code run}: then the run is
     * active. A lock left by a killed process, or by a process that ran another run, does not count.
     *
     * @return the holding process's id
     */
    public java.util.OptionalLong activeProcess(String run) {
        return RunLock.holder(state.resolve("lock")).filter(h -> run.equals(h.run()))
                .map(h -> java.util.OptionalLong.of(h.pid())).orElse(java.util.OptionalLong.empty());
    }

    public Path answers() {
        return state.resolve("answers");
    }

    /** Where effects make their working directories, people's personal directories among them. */
    public Path work() {
        return state.resolve("work");
    }

    private String newRunId() {
        byte[] bytes = new byte[2];
        random.nextBytes(bytes);
        return "r" + RUN_TIME.format(clock.now()) + "-" + HexFormat.of().formatHex(bytes);
    }

    private static String read(Path file, String what) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new SynodException.InvalidInput("no " + what + " in " + file.getParent() + (what.equals("team.synod")
                    ? "; create one with synod init" : ""));
        } catch (IOException e) {
            throw new SynodException.InvalidInput("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        storage.close();
    }
}
