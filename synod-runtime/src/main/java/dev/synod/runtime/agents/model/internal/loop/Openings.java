package dev.synod.runtime.agents.model.internal.loop;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.synod.core.Agent;
import dev.synod.lang.WriteScope;
import dev.synod.runtime.agents.Instructions;
import dev.synod.runtime.agents.model.TaskHeader;
import dev.synod.runtime.agents.model.TeamView;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The opening messages of a task of the tool loop: a system message with the loop's rules, and a
 * first user message that starts with the {@link TaskHeader}, carries the {@link Instructions}
 * every agent is told (contract, decisions, received artifacts, write scope, the previous
 * attempt's diagnostics) and the team's prompt, and adds what a model working through tools needs
 * besides: the files it can read now, the gates it can run, and how to hand its work back. Built
 * only from the assignment and the workspace's files, so a resumed attempt rebuilds exactly the
 * same messages.
 */
public final class Openings {
    /** The glob of the decision records every agent may read. */
    public static final String DECISIONS = "docs/decisions/**";
    /** How many files of one area the opening names at most. */
    static final int FILES_NAMED = 50;

    private Openings() {
    }

    /**
     * The opening of an attempt to produce a hand-off's artifact.
     *
     * @param readable what it may read besides its write scope: the received artifacts and the decision records
     */
    public static List<ChatMessage> produce(Agent.Assignment a, Path workspace, TeamView team, List<PathGuard.Area> readable,
                                            List<String> gates) throws IOException {
        String system = """
                You are %s, one agent of a team of coding agents. You work alone in a directory that holds the \
                project's files and the artifacts you received; other agents work on their own parts at the same time.

                Work only through the tools:
                - list_files and read_file look at the files you may read.
                - write_file, edit_file and delete_file change files within your write scope.
                - run_gate runs one of the gates of your hand-off on your files, so you can check your work before \
                you finish; the runtime runs the gates again after you finish.
                - finish ends your attempt with a short summary of what you did; your files are then committed and checked.

                Paths are relative to the directory's root, such as "src/Main.java". The runtime refuses reads outside \
                the files you received, your write scope and the decision records, and changes outside your write scope; \
                a refused call comes back as an error and changes nothing. Nobody answers questions during the task: \
                decide sensibly and say so in your summary.
                """.formatted(a.role());
        StringBuilder user = header(new TaskHeader(a.role(), TaskHeader.Kind.PRODUCE, a.step(), a.attempt(), List.of()))
                .append(Instructions.produce(a));
        user.append(Instructions.task(workspace, team.prompt()));
        List<PathGuard.Area> areas = new ArrayList<>(readable);
        areas.add(new PathGuard.Area("your write scope", a.writeScope()));
        files(user, workspace, areas);
        section(user, "Gates that check your work");
        user.append(gates.isEmpty() ? "None that you can run yourself.\n"
                : String.join(", ", gates) + ": run them yourself with run_gate before you finish.\n");
        section(user, "Handing your work back");
        user.append("Change the files with the tools, then call finish with a summary of what you did.\n");
        return List.of(SystemMessage.from(system), UserMessage.from(user.toString()));
    }

    /**
     * The opening of a review of an attempt's files.
     *
     * @param readable the artifact under review, the artifacts its author received and the decision records
     */
    public static List<ChatMessage> review(Agent.Assignment a, Path workspace, TeamView team, List<PathGuard.Area> readable)
            throws IOException {
        String system = """
                You are %s, one agent of a team of coding agents, reviewing another agent's work. Its files are in \
                the directory you work in. Read them with list_files and read_file (paths relative to the root, such \
                as "src/Main.java"; the runtime refuses reads outside the artifact under review, the artifacts \
                its author received and the decision records). Then call approve or reject, once, with a comment. \
                A rejection sends the work back to its author with your comment, so say exactly what must change.
                """.formatted(a.role());
        StringBuilder user = header(new TaskHeader(a.role(), TaskHeader.Kind.REVIEW, a.step(), a.attempt(), List.of()))
                .append(Instructions.review(a));
        user.append(Instructions.task(workspace, team.prompt()));
        files(user, workspace, readable);
        section(user, "Handing your verdict back");
        user.append("When you have read enough, call approve or reject with your comment.\n");
        return List.of(SystemMessage.from(system), UserMessage.from(user.toString()));
    }

    /**
     * The opening of a decide: a leader's or a fallback's, answered through {@code decide}, or one
     * voter's ballot, cast through {@code vote}.
     *
     * @param questionTexts one line per question with its text, where the team gives one
     * @param tool          the answering tool's name, {@code decide} or {@code vote}
     * @param readable      what the read tools may read, or null when the loop has none
     */
    public static List<ChatMessage> decide(Agent.DecisionRequest r, List<String> questionTexts, String tool,
                                           String readable) {
        String system = r.ballot() ? """
                You are %s, one voter among several who settle design questions for a team of coding agents \
                before it works in parallel. Cast your ballot by calling vote once: for each question one of its \
                options (any short answer for a question without options), and your rationale.
                """.formatted(r.role()) : """
                You are %s, the leader who settles design questions for a team of coding agents before it works \
                in parallel. Answer every question by calling decide once: for each question one of its options \
                (any short answer for a question without options), and your rationale.
                """.formatted(r.role());
        StringBuilder user = header(new TaskHeader(r.role(), TaskHeader.Kind.DECIDE, r.step(), r.round(),
                List.copyOf(r.questions().keySet()))).append(Instructions.decide(r));
        if (!questionTexts.isEmpty()) {
            section(user, "What the questions ask");
            questionTexts.forEach(q -> user.append(q).append('\n'));
        }
        if (readable != null) {
            section(user, "Reading");
            user.append("You may read (read_file, list_files), and not write: ").append(readable).append(".\n");
        }
        section(user, r.ballot() ? "Handing your ballot back" : "Handing your answers back");
        user.append("Call ").append(tool).append(" once, with an answer for every question and your rationale.\n");
        return List.of(SystemMessage.from(system), UserMessage.from(user.toString()));
    }

    /** The opening of a leader's decide that reads nothing. */
    public static List<ChatMessage> decide(Agent.DecisionRequest r, List<String> questionTexts) {
        return decide(r, questionTexts, "decide", null);
    }

    private static StringBuilder header(TaskHeader header) {
        return new StringBuilder(header.render()).append("\n\n");
    }

    private static void section(StringBuilder out, String title) {
        out.append("\n## ").append(title).append("\n\n");
    }

    /** The files of each area present in the workspace now, so the model knows what to read first. */
    private static void files(StringBuilder out, Path workspace, List<PathGuard.Area> areas) throws IOException {
        section(out, "The files you can read now");
        List<String> present = files(workspace);
        for (PathGuard.Area area : areas) {
            if (area.globs().isEmpty()) {
                continue;
            }
            WriteScope scope = WriteScope.of(area.globs());
            List<String> inside = present.stream().filter(scope::contains).toList();
            out.append("- ").append(area.label()).append(" (").append(String.join(", ", area.globs())).append("): ");
            if (inside.isEmpty()) {
                out.append("no files yet\n");
                continue;
            }
            out.append(String.join(", ", inside.subList(0, Math.min(FILES_NAMED, inside.size()))));
            if (inside.size() > FILES_NAMED) {
                out.append(" and ").append(inside.size() - FILES_NAMED).append(" more (list_files shows them)");
            }
            out.append('\n');
        }
    }

    /** The regular files of the workspace by path, sorted; links and {@code .git} are left out. */
    private static List<String> files(Path workspace) throws IOException {
        try (Stream<Path> walk = Files.walk(workspace)) {
            return walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> workspace.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> !p.matches("(.*/)?\\.git/.*"))
                    .sorted().toList();
        }
    }
}
