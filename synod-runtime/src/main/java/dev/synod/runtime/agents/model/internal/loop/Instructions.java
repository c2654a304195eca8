package dev.synod.runtime.agents.model.internal.loop;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.synod.core.Agent;
import dev.synod.lang.WriteScope;
import dev.synod.runtime.agents.model.TaskHeader;
import dev.synod.runtime.agents.model.TeamView;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The opening messages of a task (ARCHITECTURE.md §4): a system message with the rules of the
 * loop, and a first user message that starts with the {@link TaskHeader} and carries the role's
 * contract, the team's prompt, the decisions so far, the received artifacts with their files, the
 * write scope and the previous attempt's diagnostics. Built only from the assignment and the
 * workspace's files, so a resumed attempt rebuilds exactly the same messages.
 */
public final class Instructions {
    /** The glob of the decision records every agent may read. */
    public static final String DECISIONS = "docs/decisions/**";
    /** How many files of one area the instructions name at most. */
    static final int FILES_NAMED = 50;
    /** The most characters of the team's prompt file the instructions carry. */
    static final int PROMPT_CHARS = 16 * 1024;

    private Instructions() {
    }

    /** The opening of an attempt to produce a hand-off's artifact. */
    public static List<ChatMessage> produce(Agent.Assignment a, Path workspace, TeamView team, List<PathGuard.Area> inputs,
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
                a refused call comes back as an error and changes nothing. Follow the decisions taken so far. Nobody \
                answers questions during the task: decide sensibly and say so in your summary.
                """.formatted(a.role());
        List<Path> files = files(workspace);
        StringBuilder user = begin(TaskHeader.Kind.PRODUCE, a, workspace, team);
        section(user, "What you received");
        if (inputs.isEmpty()) {
            user.append("Nothing: you start from the project's files.\n\n");
        } else {
            inputs.forEach(in -> area(user, in, workspace, files));
            user.append('\n');
        }
        section(user, "Your write scope");
        area(user, new PathGuard.Area(a.step(), a.writeScope()), workspace, files);
        user.append("Write only there: changes elsewhere are refused.\n\n");
        section(user, "Gates that check your work");
        user.append(gates.isEmpty() ? "None that you can run yourself.\n\n"
                : String.join(", ", gates) + " (run them yourself with run_gate before you finish).\n\n");
        if (!a.diagnostics().isEmpty()) {
            section(user, "What went wrong in your previous attempt");
            a.diagnostics().forEach(d -> user.append(d).append('\n'));
            user.append('\n');
        }
        user.append("When your work is done, call finish with a summary.\n");
        return List.of(SystemMessage.from(system), UserMessage.from(user.toString()));
    }

    /** The opening of a review of an attempt's files. */
    public static List<ChatMessage> review(Agent.Assignment a, Path workspace, TeamView team, List<PathGuard.Area> reviewed)
            throws IOException {
        String system = """
                You are %s, one agent of a team of coding agents, reviewing another agent's work. Its files are in \
                the directory you work in. Read them with list_files and read_file (paths relative to the root, such \
                as "src/Main.java"; the runtime refuses reads outside the artifact under review and the decision \
                records). Then call approve or reject, once, with a comment. A rejection sends the work back to its \
                author with your comment, so say exactly what must change.
                """.formatted(a.role());
        List<Path> files = files(workspace);
        StringBuilder user = begin(TaskHeader.Kind.REVIEW, a, workspace, team);
        section(user, "What you review");
        reviewed.forEach(in -> area(user, in, workspace, files));
        user.append("\nWhen you have read enough, call approve or reject.\n");
        return List.of(SystemMessage.from(system), UserMessage.from(user.toString()));
    }

    /** The opening of a leader's decide. */
    public static List<ChatMessage> decide(Agent.DecisionRequest r, List<String> questionTexts) {
        String system = """
                You are %s, the leader who settles design questions for a team of coding agents before it works \
                in parallel. Answer every question by calling decide once: for each question one of its options \
                (any short answer for a question without options), and your rationale.
                """.formatted(r.role());
        StringBuilder user = new StringBuilder(new TaskHeader(r.role(), TaskHeader.Kind.DECIDE, r.step(), 1,
                List.copyOf(r.questions().keySet())).render()).append("\n\n");
        decisions(user, r.decisions());
        section(user, "Questions");
        questionTexts.forEach(q -> user.append(q).append('\n'));
        user.append("\nCall decide with an answer for every question.\n");
        return List.of(SystemMessage.from(system), UserMessage.from(user.toString()));
    }

    /** The header, the contract, the team's prompt and the decisions: how every produce and review task begins. */
    private static StringBuilder begin(TaskHeader.Kind kind, Agent.Assignment a, Path workspace, TeamView team)
            throws IOException {
        StringBuilder user = new StringBuilder(new TaskHeader(a.role(), kind, a.step(), a.attempt(), List.of()).render())
                .append("\n\n");
        contract(user, a.contract());
        prompt(user, workspace, team);
        decisions(user, a.decisions());
        return user;
    }

    private static void section(StringBuilder out, String title) {
        out.append("## ").append(title).append("\n\n");
    }

    private static void contract(StringBuilder out, String contract) {
        if (contract != null && !contract.isBlank()) {
            section(out, "Your contract");
            out.append(contract.strip()).append("\n\n");
        }
    }

    private static void prompt(StringBuilder out, Path workspace, TeamView team) throws IOException {
        if (team.prompt().isEmpty()) {
            return;
        }
        Path file = workspace.resolve(team.prompt().get()).normalize();
        // The prompt file comes from the run's starting tree; a link there is not followed.
        if (!file.startsWith(workspace) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        section(out, "The team's task (" + team.prompt().get() + ")");
        out.append(Caps.cut(Files.readString(file, StandardCharsets.UTF_8).strip(), PROMPT_CHARS)).append("\n\n");
    }

    private static void decisions(StringBuilder out, Map<String, String> decisions) {
        section(out, "Decisions so far");
        if (decisions.isEmpty()) {
            out.append("None yet.\n\n");
            return;
        }
        decisions.forEach((q, answer) -> out.append("- ").append(q).append(": ").append(answer).append('\n'));
        out.append("Their records are under ").append(DECISIONS.replace("/**", "/")).append(".\n\n");
    }

    private static void area(StringBuilder out, PathGuard.Area area, Path workspace, List<Path> files) {
        WriteScope scope = WriteScope.of(area.globs());
        List<String> inside = files.stream().map(p -> workspace.relativize(p).toString().replace('\\', '/'))
                .filter(scope::contains).toList();
        out.append("- ").append(area.label()).append(" (").append(String.join(", ", area.globs())).append("): ");
        if (inside.isEmpty()) {
            out.append("no files yet\n");
            return;
        }
        out.append(String.join(", ", inside.subList(0, Math.min(FILES_NAMED, inside.size()))));
        if (inside.size() > FILES_NAMED) {
            out.append(" and ").append(inside.size() - FILES_NAMED).append(" more (list_files shows them)");
        }
        out.append('\n');
    }

    /** The regular files of the workspace, sorted, links and {@code .git} left out. */
    private static List<Path> files(Path workspace) throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(workspace)) {
            walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> !workspace.relativize(p).toString().replace('\\', '/').matches("(.*/)?\\.git/.*"))
                    .sorted().forEach(out::add);
        }
        return out;
    }
}
