package dev.synod.cli.internal;

import dev.synod.core.SynodException;
import dev.synod.cli.SynodCli;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code synod init [DIR]}: a starter {@code team.synod}, {@code PROMPT.md} and {@code synod.yaml}. */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = {"Creates a starter team.synod, PROMPT.md and synod.yaml; never overwrites a file.",
                "With --prompt, the team is the default team of synod run --prompt (an architect, three developers "
                        + "and a lead on one model alias), and PROMPT.md holds the request, for you to edit before a run."},
        footer = {"", "Exit status: 0 created, 2 a file already exists, DIR is not a directory, or bad arguments."})
final class InitCommand implements Callable<Integer> {
    /** The files written, in order; each is a resource under {@link #TEMPLATE_ROOT}. */
    static final List<String> FILES = List.of("team.synod", "PROMPT.md", ConfigOption.FILE_NAME);

    private static final String TEMPLATE_ROOT = "/dev/synod/cli/templates/";

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", defaultValue = ".",
            description = "Where to create the files (default: the current directory); created if missing.")
    Path directory;

    @picocli.CommandLine.Option(names = "--prompt", paramLabel = "TEXT",
            description = "Write the default team with this request as its PROMPT.md.")
    String prompt;

    @picocli.CommandLine.Option(names = "--model", paramLabel = "ALIAS",
            description = "With --prompt: the model alias every role of the team uses (default: default).")
    String model;

    @Override
    public Integer call() {
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new SynodException.InvalidInput("cannot initialise '" + directory + "': it is a file, expected a directory");
        }
        if (model != null && prompt == null) {
            throw new SynodException.InvalidInput("--model goes with --prompt: it names the model of the default team's roles");
        }
        if (prompt != null) {
            PrintWriter out = spec.commandLine().getOut();
            for (Path written : PromptTeam.writeOut(directory, prompt, model == null ? "default" : model)) {
                out.println("created " + written.normalize());
            }
            out.println("next: synod run " + directory.normalize() + " (edit team.synod, PROMPT.md and synod.yaml first if you like)");
            out.flush();
            return SynodCli.EXIT_OK;
        }
        List<String> existing = FILES.stream().filter(name -> Files.exists(directory.resolve(name))).toList();
        if (!existing.isEmpty()) {
            throw new SynodException.InvalidInput("init would overwrite " + String.join(", ", existing) + " in '" + directory
                    + "'; nothing was written");
        }
        PrintWriter out = spec.commandLine().getOut();
        try {
            Files.createDirectories(directory);
            for (String name : FILES) {
                Path target = directory.resolve(name);
                // CREATE_NEW (the default of Files.write without options is to truncate) so that a file
                // appearing after the check above is still never overwritten.
                Files.write(target, template(name), StandardOpenOption.CREATE_NEW);
                out.println("created " + target.normalize());
            }
        } catch (FileAlreadyExistsException e) {
            throw new SynodException.InvalidInput("init would overwrite '" + e.getFile() + "'; stopped there", e);
        } catch (IOException e) {
            throw new SynodException.InvalidInput("cannot initialise '" + directory + "': " + e.getMessage(), e);
        }
        out.println("next: synod check " + directory.resolve("team.synod").normalize());
        out.flush();
        return SynodCli.EXIT_OK;
    }

    /** The bytes of one template, exactly as stored. */
    static byte[] template(String name) {
        try (InputStream in = InitCommand.class.getResourceAsStream(TEMPLATE_ROOT + name)) {
            if (in == null) {
                throw new IllegalStateException("template " + TEMPLATE_ROOT + name + " is missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read template " + name, e);
        }
    }
}
