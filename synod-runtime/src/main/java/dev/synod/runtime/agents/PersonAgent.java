package dev.synod.runtime.agents;

import dev.synod.core.Agent;
import dev.synod.core.Event;
import dev.synod.core.Ids;
import dev.synod.runtime.internal.Directories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The built-in role {@code human} producing an artifact ({@code else escalate human}, or a hand-off
 * a person produces): the attempt is handed to a person through the file system and
 * {@code synod answer}.
 *
 * <p>On its first call for an attempt it copies the attempt's starting tree (inputs, decision
 * records, the previous attempt's files) into a personal directory,
 * {@code .synod/work/human/<run>/<step>.attempt-<n>/}, and writes the attempt's instructions beside
 * it as {@code <same>.txt}. A directory that is already there (the run was stopped while the person
 * worked, and resumed) is kept as it is, so a person's edits survive a restart. Then it waits for the
 * answer to its command: an approval copies the personal directory back into the attempt's workspace,
 * where the engine commits it and applies the write scope, the frozen artifacts and the gates as to
 * any agent's attempt; a rejection gives the attempt up, like a crash, with the person's comment.
 */
public final class PersonAgent implements Agent {
    /** The built-in role of a person (LANGUAGE.md: a person answering through the CLI). */
    public static final String ROLE = "human";

    /** How often the inbox is looked at while a person works. */
    public static final Duration POLL = Duration.ofMillis(200);

    /** A person's answer to an attempt: done ({@code approved}) or given up, with a comment. */
    public record Answer(boolean approved, String comment) {
    }

    /** Where a person's answers arrive: the answer to {@code commandId} of {@code run}, once given. */
    @FunctionalInterface
    public interface Inbox {
        Optional<Answer> answer(String run, String commandId);
    }

    private final Path root;
    private final Inbox inbox;
    private final Consumer<String> progress;
    private final Duration poll;

    /**
     * @param root     where personal directories are made ({@code .synod/work/human})
     * @param progress hears, once per call, where the person works and how to answer
     */
    public PersonAgent(Path root, Inbox inbox, Consumer<String> progress, Duration poll) {
        if (poll.isNegative() || poll.isZero()) {
            throw new IllegalArgumentException("a person's inbox must be polled at a positive interval, found " + poll);
        }
        this.root = root;
        this.inbox = inbox;
        this.progress = progress;
        this.poll = poll;
    }

    /** The directory under {@code work} ({@code .synod/work}) where people's directories are made. */
    public static Path root(Path work) {
        return work.resolve(ROLE);
    }

    /** The personal directory of attempt {@code attempt} of {@code step}, under {@link #root}. */
    public static Path directory(Path root, String run, String step, int attempt) {
        return root.resolve(Directories.fileName(run)).resolve(Directories.fileName(step) + ".attempt-" + attempt);
    }

    /** The instructions file beside a personal directory. */
    public static Path instructions(Path directory) {
        return directory.resolveSibling(directory.getFileName() + ".txt");
    }

    @Override
    public Outcome perform(Assignment assignment, Path workspace) throws InterruptedException {
        Path personal = directory(root, assignment.run(), assignment.step(), assignment.attempt());
        Path instructions = instructions(personal);
        prepare(assignment, workspace, personal, instructions);
        progress.accept("waiting for a person to produce " + assignment.step() + ": edit the files in " + personal
                + " (instructions in " + instructions + "), then synod answer " + assignment.run() + " " + assignment.step()
                + " --approve (or --reject --comment …)");
        String command = Ids.agent(assignment.step(), assignment.attempt());
        while (true) {
            Optional<Answer> answer = inbox.answer(assignment.run(), command);
            if (answer.isPresent()) {
                Answer a = answer.get();
                if (!a.approved()) {
                    return new Outcome.Failed("the person gave up attempt " + assignment.attempt()
                            + (a.comment().isBlank() ? "" : ": " + a.comment()), Event.Usage.NONE);
                }
                // The engine commits the workspace: the person's tree goes through the same checks as an agent's.
                Directories.mirror(personal, workspace);
                return new Outcome.Finished(a.comment().isBlank() ? "produced by a person" : a.comment(), Event.Usage.NONE);
            }
            Thread.sleep(poll);
        }
    }

    /**
     * Makes the personal directory unless it is there: copied next to it first and renamed into
     * place, so a kill in the middle of the copy never leaves a half tree that would pass for the
     * person's work on resume.
     */
    private static void prepare(Assignment assignment, Path workspace, Path personal, Path instructions) {
        try {
            Files.createDirectories(personal.getParent());
            if (!Files.exists(personal)) {
                Path partial = personal.resolveSibling(personal.getFileName() + ".partial");
                Directories.deleteTree(partial, "an unfinished copy of a person's directory");
                Directories.copyTree(workspace, partial);
                Files.move(partial, personal, StandardCopyOption.ATOMIC_MOVE);
            }
            if (!Files.exists(instructions)) {
                Files.writeString(instructions, text(assignment, personal), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare the directory " + personal + " for a person: "
                    + e.getMessage(), e);
        }
    }

    /** What a model is told of the attempt ({@link Instructions#produce}), and how a person hands it back. */
    static String text(Assignment a, Path personal) {
        return Instructions.produce(a) + "\n## Handing your work back\n\n"
                + "\"The current directory\" above is " + personal + ". Edit the files there, then run\n\n"
                + "    synod answer " + a.run() + " " + a.step() + " --approve [--comment \"what you did\"]\n\n"
                + "Your files are then committed and checked like an agent's: the write scope, the frozen artifacts and "
                + "the gates of the hand-off apply. To give the attempt up, run\n\n"
                + "    synod answer " + a.run() + " " + a.step() + " --reject --comment \"why\"\n\n"
                + "No timeout applies to you, and your edits survive a restart of the run.\n";
    }

    @Override
    public Review review(Assignment assignment, Path workspace) {
        throw new IllegalStateException("a person's review (review human) is answered with synod answer, not performed by "
                + "an agent: " + assignment.step());
    }

    @Override
    public Decision decide(DecisionRequest request) {
        throw new IllegalStateException("a person's answer to a decide is given with synod answer, not by an agent: "
                + request.step());
    }
}
