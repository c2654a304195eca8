package dev.synod.runtime.agents.cli;

import dev.synod.core.Agent;
import dev.synod.core.Event;
import dev.synod.runtime.agents.DetachedSession;
import dev.synod.runtime.agents.Instructions;
import dev.synod.runtime.internal.Directories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An external coding agent (Claude Code, Codex CLI, Aider, Gemini CLI, …) run as a process in the
 * role's workspace ({@code provider: cli}, ARCHITECTURE.md §5). It receives {@link Instructions}
 * (with the team's prompt, as model agents do) by standard input, a file or an argument; its
 * environment is scrubbed to a few basics, the {@code SYNOD_*} variables and the names the model
 * alias lists under {@code env} (in the sandbox, {@code HOME} and {@code TMPDIR} are its private
 * {@code /tmp}). Every chunk of output is a heartbeat; the output is kept, capped, in a
 * {@link Transcript} stored as a blob whose hash the summary or the failure names.
 *
 * <ul>
 *   <li>perform: exit status 0 finishes the attempt (its output is what it left in the workspace,
 *       and its last lines of output are the summary); any other status fails it, with the last
 *       lines of output as the reason; a program that cannot start at all is
 *       {@link Outcome.Misconfigured}, so the engine spends no further attempt on it.</li>
 *   <li>review: exit status 0 and a last line {@link Verdicts#REVIEW_EXAMPLE}; anything else rejects.</li>
 *   <li>decide: exit status 0 and a last line {@link Verdicts#DECIDE_EXAMPLE}; anything else is a
 *       {@link CliAgentException}, which the engine reports as a crash of the leader.</li>
 * </ul>
 *
 * When its thread is interrupted (the step's timeout) the whole process tree is killed.
 */
public final class CliAgent implements Agent {
    /** The variables of Synod's environment every CLI agent gets, when they are set. */
    public static final List<String> BASICS = List.of("PATH", "HOME", "USER", "LANG", "LC_ALL", "TZ", "TMPDIR");

    /** Linux's limit on one argument (MAX_ARG_STRLEN, 32 pages), less its terminating NUL. */
    private static final int MAX_ARGUMENT_BYTES = 32 * 4096 - 1;
    private static final int TAIL_LINES = 20;
    private static final int TAIL_CHARS = 2000;

    private static final String PRODUCE_CLOSING = """

            ## When you are done

            Leave your work as files in the current directory and stop. Do not commit: Synod commits what \
            you leave, checks it against the files you may write, and runs the team's checks on it. Your last \
            lines of output become the summary of this attempt.
            """;

    private final String alias;
    private final CliSettings settings;
    private final ProcessLauncher launcher;
    private final Map<String, String> environment;
    private final Optional<String> prompt;

    /**
     * @param alias       the model alias, named in messages
     * @param settings    checked settings (see {@link CliSettings#checkedAgainst})
     * @param launcher    how processes start: directly or in the sandbox
     * @param environment Synod's environment, from which {@link #BASICS} and the alias's {@code env} are taken
     * @param prompt      the team's {@code prompt} file, relative to the workspace root, if it declares one
     */
    public CliAgent(String alias, CliSettings settings, ProcessLauncher launcher, Map<String, String> environment,
                    Optional<String> prompt) {
        this.alias = alias;
        this.settings = settings;
        this.launcher = launcher;
        this.environment = Map.copyOf(environment);
        this.prompt = prompt;
    }

    @Override
    public Outcome perform(Assignment a, Path workspace) throws InterruptedException {
        return perform(a, workspace, new DetachedSession());
    }

    @Override
    public Review review(Assignment a, Path workspace) throws InterruptedException {
        return review(a, workspace, new DetachedSession());
    }

    @Override
    public Decision decide(DecisionRequest request) throws InterruptedException {
        return decide(request, new DetachedSession());
    }

    @Override
    public Outcome perform(Assignment a, Path workspace, Session session) throws InterruptedException {
        Map<String, String> vars = variables(a.run(), a.role(), a.step(), a.attempt(), "produce");
        vars.put("SYNOD_ARTIFACT", a.step());
        vars.put("SYNOD_WRITE_SCOPE", String.join("\n", a.writeScope()));
        return switch (runOnTask(Instructions.produce(a), PRODUCE_CLOSING, workspace, vars, session)) {
            case Run.NotStarted n -> new Outcome.Failed(n.reason(), Event.Usage.NONE);
            case Run.CannotStart c -> new Outcome.Misconfigured(c.reason(), Event.Usage.NONE);
            case Run.Ran r when r.succeeded() -> new Outcome.Finished(summary(r), Event.Usage.NONE);
            case Run.Ran r -> new Outcome.Failed(failure(r, "working"), Event.Usage.NONE);
        };
    }

    @Override
    public Review review(Assignment a, Path workspace, Session session) throws InterruptedException {
        String artifact = a.inputs().isEmpty() ? a.step() : a.inputs().get(0);
        Map<String, String> vars = variables(a.run(), a.role(), a.step(), a.attempt(), "review");
        vars.put("SYNOD_ARTIFACT", artifact);
        vars.put("SYNOD_WRITE_SCOPE", "");
        String closing = "\n## Your verdict\n\nEnd your answer with one line holding only a JSON object: "
                + "{\"approve\": true, \"comment\": \"why\"} to accept `" + artifact + "`, or "
                + "{\"approve\": false, \"comment\": \"what must change\"} to reject it.\n";
        return switch (runOnTask(Instructions.review(a), closing, workspace, vars, session)) {
            case Run.NotStarted n -> new Review(false, n.reason(), Event.Usage.NONE);
            case Run.CannotStart c -> Review.misconfigured(c.reason(), Event.Usage.NONE);
            case Run.Ran r when r.succeeded() -> {
                Verdicts.Result<Verdicts.Review> verdict = Verdicts.review(r.transcript().lastStdoutLine());
                yield verdict.value().map(v -> new Review(v.approve(), v.comment(), Event.Usage.NONE))
                        .orElseGet(() -> new Review(false, alias + " gave no verdict: " + verdict.problem()
                                + transcriptNote(r), Event.Usage.NONE));
            }
            case Run.Ran r -> new Review(false, failure(r, "reviewing"), Event.Usage.NONE);
        };
    }

    @Override
    public Decision decide(DecisionRequest request, Session session) throws InterruptedException {
        Map<String, String> vars = variables(request.run(), request.role(), request.step(), 1, "decide");
        vars.put("SYNOD_WRITE_SCOPE", "");
        vars.put("SYNOD_QUESTIONS", String.join("\n", request.questions().keySet()));
        StringBuilder example = new StringBuilder();
        request.questions().forEach((q, options) -> example.append(example.isEmpty() ? "" : ", ").append('"').append(q)
                .append("\": \"").append(options.isEmpty() ? "your answer" : options.get(0)).append('"'));
        String closing = "\n## Your answer\n\nEnd your answer with one line holding only a JSON object, such as "
                + "{\"answers\": {" + example + "}, \"rationale\": \"why\"}.\n";
        // A decide that reads its inputs runs where the engine checked them out (the engine discards
        // that directory); one that reads nothing runs in a scratch directory of its own.
        Path scratch = request.workspace() == null ? Directories.temporary("synod-decide-") : null;
        Path dir = scratch == null ? request.workspace() : scratch;
        try {
            return switch (run(Instructions.decide(request) + closing, dir, vars, session)) {
                case Run.NotStarted n -> throw new CliAgentException(n.reason());
                case Run.CannotStart c -> throw new CliAgentException(c.reason());
                case Run.Ran r when r.succeeded() -> {
                    Verdicts.Result<Verdicts.Decision> answers = Verdicts.decide(r.transcript().lastStdoutLine(),
                            request.questions());
                    Verdicts.Decision d = answers.value().orElseThrow(() -> new CliAgentException(alias
                            + " gave no answers: " + answers.problem() + transcriptNote(r)));
                    yield new Decision(d.answers(), d.rationale(), Event.Usage.NONE);
                }
                case Run.Ran r -> throw new CliAgentException(failure(r, "deciding"));
            };
        } finally {
            if (scratch != null) {
                Directories.deleteTree(scratch, "the scratch directory");
            }
        }
    }

    // ---- one run of the program ----

    /** How one run of the program went. */
    private sealed interface Run {
        /** Nothing was started, for {@code reason}. */
        record NotStarted(String reason) implements Run {
        }

        /** The program could not be started (not found, not executable): its command must change. */
        record CannotStart(String reason) implements Run {
        }

        /** The program ran and ended; {@code blob} is the hash of its stored transcript. */
        record Ran(CliProcess.Ended ended, Transcript transcript, String blob) implements Run {
            boolean succeeded() {
                return ended instanceof CliProcess.Ended.Exited e && e.status() == 0;
            }
        }
    }

    /**
     * Runs the program on the instructions {@code head}, the team's task (its prompt file, read from
     * {@code workspace}) and {@code closing}; not at all when the prompt file cannot be read.
     */
    private Run runOnTask(String head, String closing, Path workspace, Map<String, String> vars, Session session)
            throws InterruptedException {
        String task;
        try {
            task = Instructions.task(workspace, prompt);
        } catch (IOException e) {
            return new Run.NotStarted(alias + " was not started: the team's prompt file " + prompt.orElse("")
                    + " could not be read: " + e.getMessage());
        }
        return run(head + task + closing, workspace, vars, session);
    }

    private Run run(String instructions, Path directory, Map<String, String> vars, Session session)
            throws InterruptedException {
        Optional<String> refusal = session.refusal();
        if (refusal.isPresent()) {
            return new Run.NotStarted(alias + " was not started: " + refusal.get());
        }
        Map<String, String> secrets = new LinkedHashMap<>();
        settings.env().forEach(name -> Optional.ofNullable(environment.get(name)).ifPresent(v -> secrets.put(name, v)));
        Transcript transcript = new Transcript(secrets);
        Map<String, String> env = environment(directory, vars, secrets);
        List<String> command = new ArrayList<>(settings.command());
        Optional<String> input = Optional.empty();
        List<Path> readable = new ArrayList<>();
        Path promptDir = null;
        try {
            switch (settings.prompt()) {
                case STDIN -> input = Optional.of(instructions);
                case ARG -> {
                    int bytes = instructions.getBytes(StandardCharsets.UTF_8).length;
                    if (bytes > MAX_ARGUMENT_BYTES) {
                        return new Run.NotStarted(alias + " was not started: its instructions are " + bytes + " bytes, "
                                + "more than one argument may hold (" + MAX_ARGUMENT_BYTES + "); use prompt: file or stdin");
                    }
                    command.add(instructions);
                }
                case FILE -> {
                    promptDir = Directories.temporary("synod-prompt-");
                    Path file = promptDir.resolve("instructions.md");
                    Files.writeString(file, instructions);
                    env.put("SYNOD_PROMPT_FILE", file.toString());
                    command.replaceAll(arg -> arg.replace(CliSettings.PROMPT_FILE_PLACEHOLDER, file.toString()));
                    readable.add(promptDir);
                }
            }
            String instructionsBlob = session.blobs().put(instructions.getBytes(StandardCharsets.UTF_8));
            transcript.note("agent " + alias + " in role " + vars.get("SYNOD_ROLE") + ", " + vars.get("SYNOD_TASK") + " "
                    + vars.get("SYNOD_STEP") + ", attempt " + vars.get("SYNOD_ATTEMPT"));
            transcript.note("command: " + String.join(" ", settings.prompt() == CliSettings.Prompt.ARG
                    ? append(settings.command(), "<instructions>") : command));
            transcript.note("instructions: " + instructions.length() + " characters by " + settings.prompt().name()
                    .toLowerCase(java.util.Locale.ROOT) + ", blob " + instructionsBlob);
            long start = System.nanoTime();
            CliProcess.Ended ended;
            try {
                ended = CliProcess.run(launcher, new ProcessLauncher.Launch(command, directory, env, readable), input,
                        transcript, session::heartbeat, settings.timeout());
            } catch (IOException e) {
                return new Run.CannotStart(cannotStart(e.getMessage()));
            }
            if (ended instanceof CliProcess.Ended.Exited exited) {
                Optional<String> failure = launcher.startFailure(exited.status(), transcript.tail(true, 1, TAIL_CHARS));
                if (failure.isPresent()) {
                    return new Run.CannotStart(cannotStart(failure.get()));
                }
            }
            transcript.note(switch (ended) {
                case CliProcess.Ended.Exited e -> "exit status " + e.status();
                case CliProcess.Ended.Overran o -> "stopped after its timeout of " + o.limit().toSeconds() + "s";
            } + " after " + (System.nanoTime() - start) / 1_000_000 + " ms");
            String blob = session.blobs().put(transcript.text().getBytes(StandardCharsets.UTF_8));
            return new Run.Ran(ended, transcript, blob);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the instructions of " + alias, e);
        } finally {
            if (promptDir != null) {
                Directories.deleteTree(promptDir, "the scratch directory");
            }
        }
    }

    private Map<String, String> environment(Path directory, Map<String, String> vars, Map<String, String> secrets) {
        Map<String, String> env = new TreeMap<>();
        for (String name : BASICS) {
            Optional.ofNullable(environment.get(name)).ifPresent(v -> env.put(name, v));
        }
        env.putAll(secrets);
        // Plain text in the transcript; and git inside the workspace must not find the project's
        // repository around .synod/work, which is not the agent's to commit to.
        env.put("NO_COLOR", "1");
        Path parent = directory.toAbsolutePath().getParent();
        if (parent != null) {
            env.put("GIT_CEILING_DIRECTORIES", parent.toString());
        }
        env.putAll(vars);
        return env;
    }

    private static Map<String, String> variables(String run, String role, String step, int attempt, String task) {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("SYNOD_RUN", run);
        vars.put("SYNOD_ROLE", role);
        vars.put("SYNOD_STEP", step);
        vars.put("SYNOD_ATTEMPT", Integer.toString(attempt));
        vars.put("SYNOD_TASK", task);
        return vars;
    }

    private String summary(Run.Ran run) {
        String said = run.transcript().tail(false, TAIL_LINES, TAIL_CHARS);
        return (said.isBlank() ? alias + " printed nothing" : said) + "\n\n(" + alias + ": exit status 0, "
                + run.transcript().lines() + " lines of output; transcript: synod show " + run.blob() + ")";
    }

    private String failure(Run.Ran run, String doing) {
        String how = switch (run.ended()) {
            case CliProcess.Ended.Exited e -> "exited with status " + e.status();
            case CliProcess.Ended.Overran o -> "ran past its timeout of " + o.limit().toSeconds() + "s and was stopped";
        };
        String out = run.transcript().tail(false, TAIL_LINES / 2, TAIL_CHARS / 2);
        String err = run.transcript().tail(true, TAIL_LINES / 2, TAIL_CHARS / 2);
        return alias + " (" + Path.of(settings.command().get(0)).getFileName() + ") " + how + " while " + doing
                + (out.isBlank() ? "" : "; the last lines of its output:\n" + out)
                + (err.isBlank() ? "" : (out.isBlank() ? "; " : "\nand ") + "the last lines of its error output:\n" + err)
                + transcriptNote(run);
    }

    private String cannotStart(String why) {
        return alias + " could not start " + settings.command().get(0) + ": " + why.strip() + "; check models." + alias
                + ".command in synod.yaml (the program must exist and be executable where the agent runs, inside the "
                + "sandbox too)";
    }

    private static String transcriptNote(Run.Ran run) {
        return "\n(transcript: synod show " + run.blob() + ")";
    }

    private static List<String> append(List<String> list, String last) {
        List<String> out = new ArrayList<>(list);
        out.add(last);
        return out;
    }

    /** A CLI agent's answer that cannot be used, such as a decide without the JSON line. */
    public static final class CliAgentException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CliAgentException(String message) {
            super(message);
        }
    }
}
