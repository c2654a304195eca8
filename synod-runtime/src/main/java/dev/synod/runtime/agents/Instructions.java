package dev.synod.runtime.agents;

import dev.synod.core.Agent;
import dev.synod.runtime.agents.model.internal.loop.Caps;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an agent is told (ARCHITECTURE.md §4): its role's contract, the decisions so far, the
 * artifacts it received, the files it may write and what went wrong in its previous attempt,
 * as Markdown, and the team's task ({@link #task}). How to hand the result back differs between
 * kinds of agent, so each appends its own closing section.
 */
public final class Instructions {
    /** The most characters of the team's prompt file the instructions carry. */
    public static final int PROMPT_CHARS = 16 * 1024;
    /** The most characters of one decision record the instructions quote. */
    public static final int RECORD_CHARS = 8 * 1024;
    /** Where the engine commits decision records, relative to the workspace root. */
    public static final String RECORDS_DIRECTORY = "docs/decisions";

    private Instructions() {
    }

    /** The instructions for one attempt at producing an artifact. */
    public static String produce(Agent.Assignment a) {
        StringBuilder out = new StringBuilder();
        out.append("# Produce `").append(a.step()).append("` (attempt ").append(a.attempt()).append(")\n\n")
                .append("You are `").append(a.role()).append("` on a team of agents coordinated by Synod (run ")
                .append(a.run()).append("). The current directory holds the project as your work starts from it.\n");
        contract(out, a.contract());
        decisions(out, a.decisions());
        records(out, a.records());
        out.append("\n## Artifacts you received\n\n");
        if (a.inputs().isEmpty()) {
            out.append("None: you start from the project as it is.\n");
        } else {
            out.append("Their files are in the current directory: ").append(ticked(a.inputs())).append(".\n");
        }
        out.append("\n## Files you may write\n\n")
                .append("Create, change or delete only files whose paths (relative to the current directory) match:\n\n");
        a.writeScope().forEach(glob -> out.append("- `").append(glob).append("`\n"));
        out.append("\nA change to any other file rejects the whole attempt.\n");
        if (!a.conflicts().isEmpty()) {
            out.append("\n## Merge conflicts to resolve\n\n")
                    .append("Your workspace starts from the merge of ").append(String.join(", ", a.inputs()))
                    .append(". These files hold both sides of a conflict between `<<<<<<<`, `=======` and `>>>>>>>`")
                    .append(" lines; resolve each, and leave no marker behind:\n\n");
            a.conflicts().forEach(path -> out.append("- `").append(path).append("`\n"));
        }
        previous(out, a);
        if (!a.diagnostics().isEmpty()) {
            out.append("\n## What went wrong in the previous attempt\n\n")
                    .append("Your previous attempt was not accepted. Fix these problems:\n\n");
            a.diagnostics().forEach(d -> out.append("    ").append(d.replace("\n", "\n    ")).append('\n'));
        }
        return out.toString();
    }

    /**
     * Which files an earlier attempt left in the workspace (issue 10, point 3): a retry or an
     * escalation continues from them, so the agent is told to mend them rather than start over.
     */
    private static void previous(StringBuilder out, Agent.Assignment a) {
        Agent.Previous p = a.previous();
        if (p == null) {
            return;
        }
        out.append("\n## What the previous attempt left\n\n")
                .append("Attempt ").append(p.attempt()).append(" (by `").append(p.role()).append("`) was not accepted");
        if (p.attempt() < a.attempt() - 1) {
            out.append(", and the attempts after it left nothing (they crashed or timed out)");
        }
        if (p.files().isEmpty()) {
            out.append(". It left no files within your write scope.\n");
            return;
        }
        out.append(". Its files within your write scope are in the current directory as it left them:\n\n");
        p.files().forEach(path -> out.append("- `").append(path).append("`\n"));
        out.append("\nFix what the problems below call for and keep the rest; delete a file only if it must go.\n");
    }

    /**
     * The instructions for reviewing an attempt; {@code a.inputs()} names the artifact under review,
     * then the artifacts its producer received (which the reviewer may read too).
     */
    public static String review(Agent.Assignment a) {
        String artifact = a.inputs().isEmpty() ? a.step() : a.inputs().get(0);
        List<String> received = a.inputs().size() < 2 ? List.of() : a.inputs().subList(1, a.inputs().size());
        StringBuilder out = new StringBuilder();
        out.append("# Review `").append(artifact).append("` (attempt ").append(a.attempt()).append(")\n\n")
                .append("You are `").append(a.role()).append("` on a team of agents coordinated by Synod (run ")
                .append(a.run()).append("). The current directory holds the project with the files of attempt ")
                .append(a.attempt()).append(" at `").append(artifact).append("`");
        if (!received.isEmpty()) {
            out.append(", and the files of what its producer received, ").append(ticked(received))
                    .append(", which you may read to judge it against them");
        }
        out.append(". Judge whether it does what the team needs; do not change any file.\n");
        contract(out, a.contract());
        decisions(out, a.decisions());
        records(out, a.records());
        return out.toString();
    }

    /**
     * The instructions for answering the questions of a decide: as its leader, as its fallback
     * (with the rounds that found no quorum), or as one voter's ballot in a round (with, after the
     * first round of a {@code vote} decide, the previous round's anonymous tally and rationales).
     */
    public static String decide(Agent.DecisionRequest r) {
        StringBuilder out = new StringBuilder();
        out.append("# Decide ").append(ticked(List.copyOf(r.questions().keySet()))).append("\n\n")
                .append("You are `").append(r.role()).append("` on a team of agents coordinated by Synod (run ")
                .append(r.run()).append(")");
        if (r.ballot()) {
            out.append(", and you cast one voter's ballot in round ").append(r.round()).append(" on these questions. ")
                    .append("An answer that reaches the quorum of ballots settles its question for the whole team.\n");
        } else if (!r.context().isEmpty()) {
            out.append(", and you settle these questions for the whole team as the fallback: the voters found no ")
                    .append("quorum. Every later member of the team receives your answers.\n");
        } else {
            out.append(", and you settle these questions for the whole team. Every later member ")
                    .append("of the team receives your answers.\n");
        }
        out.append("\n## Questions\n\n");
        r.questions().forEach((question, options) -> {
            out.append("- `").append(question).append("`: ");
            if (options.isEmpty()) {
                out.append("an open question; answer in a few words.\n");
            } else {
                out.append("answer with exactly one of ");
                out.append(String.join(", ", options.stream().map(o -> "\"" + o + "\"").toList())).append(".\n");
            }
        });
        deliberation(out, r.deliberation());
        if (!r.context().isEmpty()) {
            out.append("\n## Why you are asked\n\n");
            r.context().forEach(line -> out.append("- ").append(line).append('\n'));
        }
        if (!r.inputs().isEmpty()) {
            out.append("\n## Artifacts you may read\n\n")
                    .append("Their files are in your workspace, to read and not to change: ").append(ticked(r.inputs()))
                    .append(".\n");
        }
        decisions(out, r.decisions());
        return out.toString();
    }

    /**
     * What a voter of a later {@code vote} round is shown: the previous round's tally per question,
     * in no voter's name ({@code Round 1 found no quorum: money: long cents 1, BigDecimal 1}), and
     * its rationales.
     */
    private static void deliberation(StringBuilder out, dev.synod.core.Voting.Deliberation d) {
        if (d == null) {
            return;
        }
        out.append("\n## The previous round\n\n");
        List<String> parts = new java.util.ArrayList<>();
        d.tally().forEach((q, tally) -> {
            List<String> options = new java.util.ArrayList<>();
            tally.forEach((option, n) -> options.add(option + " " + n));
            parts.add(q + ": " + (options.isEmpty() ? "no ballot" : String.join(", ", options)));
        });
        out.append("Round ").append(d.round()).append(" found no quorum: ").append(String.join("; ", parts));
        if (d.noBallot() > 0) {
            out.append("; no ballot ").append(d.noBallot());
        }
        out.append(".\n");
        if (!d.rationales().isEmpty()) {
            out.append("\nIts rationales, in no voter's name:\n\n");
            d.rationales().forEach(rationale -> out.append("- ").append(rationale.strip().replace("\n", "\n  ")).append('\n'));
        }
        out.append("\nWeigh them and cast your ballot again; you may keep or change your answers.\n");
    }

    /**
     * The team's task: the {@code prompt "FILE"} of {@code team.synod}, read from {@code workspace}
     * (which starts from the run's starting tree), as a section to follow {@link #produce} or
     * {@link #review}. Every kind of agent gets it, model and CLI alike, so that none works without
     * knowing what the team is building. Empty when the team declares no prompt, or when the file is
     * not a regular file inside the workspace (a link there is not followed).
     *
     * @param prompt the prompt file, relative to the workspace root
     * @throws IOException when the file is there but cannot be read
     */
    public static String task(Path workspace, Optional<String> prompt) throws IOException {
        if (prompt.isEmpty()) {
            return "";
        }
        Path root = workspace.toAbsolutePath().normalize();
        Path file = root.resolve(prompt.get()).normalize();
        if (!file.startsWith(root) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return "";
        }
        return "\n## The team's task (" + prompt.get() + ")\n\n"
                + Caps.cut(Files.readString(file, StandardCharsets.UTF_8).strip(), PROMPT_CHARS) + "\n";
    }

    private static void contract(StringBuilder out, String contract) {
        if (!contract.isBlank()) {
            out.append("\n## Your role's contract\n\n").append(contract.strip()).append('\n');
        }
    }

    private static void decisions(StringBuilder out, Map<String, String> decisions) {
        out.append("\n## Decisions already taken\n\n");
        if (decisions.isEmpty()) {
            out.append("None yet.\n");
            return;
        }
        out.append("They bind every member of the team:\n\n");
        decisions.forEach((q, answer) -> out.append("- `").append(q).append("`: ").append(answer).append('\n'));
    }

    /**
     * The decision records in full (issue 11, point 6), each cut at {@link #RECORD_CHARS} with a
     * word that it was cut: every later agent works from what the team decided and why.
     */
    private static void records(StringBuilder out, Map<String, String> records) {
        if (records.isEmpty()) {
            return;
        }
        out.append("\n## Decisions recorded (frozen: do not edit these files)\n");
        records.forEach((path, text) -> {
            out.append("\n### `").append(path).append("`\n\n");
            String body = text.strip();
            if (body.length() > RECORD_CHARS) {
                out.append(body, 0, RECORD_CHARS).append("\n\n(cut: the record has ").append(body.length())
                        .append(" characters, the first ").append(RECORD_CHARS).append(" are quoted; read the file for the rest)\n");
            } else {
                out.append(body).append('\n');
            }
        });
    }

    /**
     * The decision records a checked-out workspace holds: every regular {@code docs/decisions/*.md}
     * (a link is not followed), path relative to the root to text, sorted by path. A record that
     * cannot be read is quoted as a line saying why, so the agent still knows it is there.
     */
    public static Map<String, String> readRecords(Path workspace) {
        Path dir = workspace.resolve(RECORDS_DIRECTORY);
        Map<String, String> out = new java.util.TreeMap<>();
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return out;
        }
        List<Path> files;
        try (var listing = Files.list(dir)) {
            files = listing.filter(f -> f.getFileName().toString().endsWith(".md"))
                    .filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
        } catch (IOException e) {
            return out;
        }
        for (Path f : files) {
            String path = RECORDS_DIRECTORY + "/" + f.getFileName();
            try {
                out.put(path, Files.readString(f, StandardCharsets.UTF_8));
            } catch (IOException e) {
                out.put(path, "(this record could not be read: " + e.getMessage() + ")");
            }
        }
        return out;
    }

    private static String ticked(List<String> names) {
        return String.join(", ", names.stream().map(n -> "`" + n + "`").toList());
    }
}
