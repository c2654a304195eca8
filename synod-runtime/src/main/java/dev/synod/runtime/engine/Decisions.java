package dev.synod.runtime.engine;

import dev.synod.core.Command;
import dev.synod.core.DecideProtocol;
import dev.synod.core.Plan;
import dev.synod.core.Voting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Decision records (ARCHITECTURE.md §7): validated answers, written as MADR files. */
final class Decisions {
    private Decisions() {
    }

    /**
     * Why these answers do not settle the questions, or null when they do: the same rule that
     * makes an answer a ballot ({@link DecideProtocol#invalid}).
     */
    static String validate(Map<String, List<String>> questions, Map<String, String> answers) {
        return DecideProtocol.invalid(questions, List.copyOf(questions.keySet()), answers);
    }

    /** The repository path of a question's record: {@code docs/decisions/NNNN-<question>.md}. */
    static String path(Plan plan, String question) {
        int number = 0;
        for (Plan.Step step : plan.steps()) {
            if (step instanceof Plan.Decide d) {
                for (String q : d.questions()) {
                    number++;
                    if (q.equals(question)) {
                        return String.format("docs/decisions/%04d-%s.md", number, q.replace('.', '-'));
                    }
                }
            }
        }
        throw new IllegalArgumentException("question " + question + " is not decided in the plan");
    }

    /**
     * Writes one MADR file per question of the decide into {@code dir}; returns their paths. A
     * record says the question, where it came from, the options, every round's ballots with their
     * rationales (which were coins, which adopted a majority), the outcome and how it was reached.
     */
    static List<String> write(Plan plan, Plan.Decide decide, Command.RecordDecision c, Path dir, Instant now)
            throws IOException {
        List<String> paths = new ArrayList<>();
        for (String q : decide.questions()) {
            Plan.Question question = plan.questions().get(q);
            String path = path(plan, q);
            Voting.Settlement settled = c.outcome().stream().filter(s -> s.question().equals(q)).findFirst().orElse(null);
            String how = settled != null ? settled.describe() : c.how();
            StringBuilder md = new StringBuilder();
            md.append("# ").append(path, path.lastIndexOf('/') + 1, path.lastIndexOf('/') + 5).append(". ")
                    .append(question.text()).append("\n\n");
            md.append("- Status: accepted (frozen: no later hand-off may change this file)\n- Date: ")
                    .append(now.atOffset(ZoneOffset.UTC).toLocalDate()).append('\n');
            md.append("- Decided by: ").append(deciders(decide)).append('\n');
            md.append("- How: ").append(how).append("\n\n## Context and problem statement\n\n")
                    .append(question.text()).append("\n\nQuestion `").append(q).append("` of team ").append(plan.team())
                    .append(", settled before the steps that follow it in the choreography");
            md.append(decide.reads().isEmpty() ? "." : ", with " + String.join(", ", decide.reads()) + " to read.");
            md.append("\n\n");
            if (!question.options().isEmpty()) {
                md.append("## Considered options\n\n");
                question.options().forEach(o -> md.append("- ").append(o).append('\n'));
                md.append('\n');
            }
            List<Voting.Round> rounds = c.rounds().stream().filter(r -> r.questions().contains(q)).toList();
            if (!rounds.isEmpty()) {
                md.append("## Rounds\n\n");
                for (Voting.Round r : rounds) {
                    md.append("### Round ").append(r.number()).append("\n\n");
                    md.append("| Voter | Ballot | Rationale |\n|---|---|---|\n");
                    for (Voting.Ballot b : r.ballots()) {
                        String kind = b.cast() ? "" : b.coins().contains(q) ? " (coin)" : " (adopted the majority of round "
                                + (r.number() - 1) + ")";
                        // A ballot the runtime gave (ben_or after round 1) has no rationale of its own: say why it is what it is.
                        String why = b.cast() ? (b.rationale() == null ? "" : b.rationale())
                                : b.coins().contains(q) ? "no option had a strict majority in round " + (r.number() - 1)
                                + ": the voter's coin, drawn from the run's seed"
                                : "the option with a strict majority in round " + (r.number() - 1);
                        md.append("| ").append(b.voter()).append(" | ").append(cell(b.answers().get(q))).append(kind)
                                .append(" | ").append(cell(why)).append(" |\n");
                    }
                    r.absent().forEach((voter, why) -> md.append("| ").append(voter).append(" | no ballot | ")
                            .append(cell(why)).append(" |\n"));
                    Map<String, Integer> tally = r.tally(q);
                    md.append("\nTally: ").append(tally.isEmpty() ? "no ballot" : tally.entrySet().stream()
                            .map(e -> e.getKey() + " " + e.getValue()).collect(java.util.stream.Collectors.joining(", ")))
                            .append(" (quorum ").append(decide.quorum()).append(" of ").append(decide.voters().size())
                            .append(r.winners().containsKey(q) ? ": reached" : ": not reached").append(").\n\n");
                }
            }
            md.append("## Decision outcome\n\nChosen option: \"").append(c.answers().get(q)).append("\", ").append(how)
                    .append(".\n");
            if (settled == null || settled.how() != Voting.How.QUORUM) {
                if (c.rationale() != null && !c.rationale().isBlank()) {
                    md.append("\n").append(c.rationale().strip()).append('\n');
                }
            }
            Path file = dir.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, md.toString());
            paths.add(path);
        }
        return paths;
    }

    private static String deciders(Plan.Decide d) {
        return switch (d.protocol()) {
            case LEADER -> "leader " + d.leader();
            case VOTE, BEN_OR -> d.protocol().keyword() + " among " + String.join(", ", d.voters()) + " (quorum " + d.quorum()
                    + ", at most " + d.rounds() + " round" + (d.rounds() == 1 ? "" : "s")
                    + (d.fallback() == null ? "" : ", fallback " + d.fallback())
                    + (d.tolerate() > 0 ? ", tolerating " + d.tolerate() + " " + d.fault().keyword() : "") + ")";
        };
    }

    /** Text for a Markdown table cell: one line, pipes escaped. */
    private static String cell(String text) {
        return text.strip().replace("\r", "").replace("\n", " ").replace("|", "\\|");
    }
}
