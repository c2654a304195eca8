package dev.synod.cli.internal;

import dev.synod.core.SynodException;
import dev.synod.runtime.config.SynodConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The built-in default team of {@code synod run --prompt} and {@code synod init --prompt}, for a
 * user who brings a request and no team: an architect plans and settles the design questions,
 * writes the frozen API, three developers build disjoint parts in parallel, a lead merges them
 * under the {@code compile}, {@code test} and {@code lint} gates, and a person approves. Every role
 * uses one model alias. It is written out as {@code team.synod} and the request as
 * {@code PROMPT.md}, so that a run of it is a run like any other: resumable, replayable, and
 * editable next time.
 */
final class PromptTeam {
    static final String TEAM = "team.synod";
    static final String PROMPT = "PROMPT.md";

    /** An alias as the language spells a name. */
    private static final Pattern ALIAS = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

    private PromptTeam() {
    }

    /** The default team's text with every role on model {@code alias}. */
    static String team(String alias) {
        if (!ALIAS.matcher(alias).matches()) {
            throw new SynodException.InvalidInput("--model '" + alias + "' is not a model alias; expected a name such as "
                    + "default or critic, defined under models: in synod.yaml");
        }
        return new String(InitCommand.template("default-team.synod"), StandardCharsets.UTF_8).replace("${model}", alias);
    }

    /** The request as {@code PROMPT.md}: the text, ending with one newline. */
    static String prompt(String request) {
        String text = request.strip();
        if (text.isEmpty()) {
            throw new SynodException.InvalidInput("--prompt is empty; expected the request, such as --prompt \"a Java library "
                    + "for …\"");
        }
        return text + "\n";
    }

    /**
     * Before a run of the default team in {@code directory}: refuses when the directory already
     * has a team or a prompt (they would be replaced), or when its {@code synod.yaml} does not
     * define {@code alias}; then writes {@code team.synod} and {@code PROMPT.md} and returns them,
     * for {@link #remove} to take back if the run is refused before it starts.
     */
    static List<Path> prepare(Path directory, String request, String alias) {
        String team = team(alias);
        String prompt = prompt(request);
        for (String name : List.of(TEAM, PROMPT)) {
            if (Files.exists(directory.resolve(name))) {
                throw new SynodException.InvalidInput(directory.resolve(name).normalize() + " already exists; --prompt runs the "
                        + "default team and writes " + TEAM + " and " + PROMPT + ": run the team that is there with synod run "
                        + directory + ", or give --prompt an empty directory (nothing was written)");
            }
        }
        Path config = directory.resolve(ConfigOption.FILE_NAME);
        if (!Files.isRegularFile(config)) {
            throw new SynodException.InvalidInput(config.normalize() + ": no such file; --prompt needs a synod.yaml that defines "
                    + "the model alias '" + alias + "' (synod init --prompt \"…\" " + directory + " writes one to fill in; "
                    + "nothing was written)");
        }
        SynodConfig settings = SynodConfig.load(config);
        if (!settings.models().containsKey(alias)) {
            throw new SynodException.InvalidInput(config.normalize() + ": defines no model alias '" + alias + "' for --model"
                    + (settings.models().isEmpty() ? "; it defines none" : "; expected one of "
                    + String.join(", ", new TreeSet<>(settings.models().keySet()))) + " (nothing was written)");
        }
        return writeTeam(directory, team, prompt);
    }

    /** Writes {@code team.synod} and {@code PROMPT.md}; takes back the first when the second cannot be written. */
    private static List<Path> writeTeam(Path directory, String team, String prompt) {
        List<Path> written = new ArrayList<>();
        try {
            written.add(create(directory.resolve(TEAM), team));
            written.add(create(directory.resolve(PROMPT), prompt));
        } catch (RuntimeException e) {
            remove(written);
            throw e;
        }
        return written;
    }

    /** Writes the default team, its prompt and (when missing) the starter synod.yaml; the files written. */
    static List<Path> writeOut(Path directory, String request, String alias) {
        String team = team(alias);
        String prompt = prompt(request);
        List<String> existing = List.of(TEAM, PROMPT).stream().filter(n -> Files.exists(directory.resolve(n))).toList();
        if (!existing.isEmpty()) {
            throw new SynodException.InvalidInput("init would overwrite " + String.join(", ", existing) + " in '" + directory
                    + "'; nothing was written");
        }
        List<Path> written = new ArrayList<>(writeTeam(directory, team, prompt));
        Path config = directory.resolve(ConfigOption.FILE_NAME);
        if (!Files.exists(config)) {
            String starter = new String(InitCommand.template(ConfigOption.FILE_NAME), StandardCharsets.UTF_8);
            written.add(create(config, alias.equals("default") ? starter : starter.replaceFirst("(?m)^  default:", "  " + alias + ":")));
        }
        return written;
    }

    /** Takes back the files {@link #prepare} wrote, after a refused start. */
    static void remove(List<Path> written) {
        for (Path p : written) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                throw new SynodException.InvalidInput("could not remove " + p + ", written for --prompt: " + e.getMessage(), e);
            }
        }
    }

    private static Path create(Path target, String text) {
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            // CREATE_NEW: a file that appeared since the check above is never overwritten.
            Files.writeString(target, text, StandardOpenOption.CREATE_NEW);
            return target;
        } catch (FileAlreadyExistsException e) {
            throw new SynodException.InvalidInput(target + " appeared while --prompt was writing it; nothing of it was "
                    + "overwritten", e);
        } catch (IOException e) {
            throw new SynodException.InvalidInput("cannot write " + target + ": " + e.getMessage(), e);
        }
    }
}
