package dev.synod.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Every {@code --help} reads as whole sentences: picocli prints each element of a description on
 * a line of its own and takes the first as the command's summary in {@code synod --help}, so an
 * element that stops mid-sentence shows as a line that stops mid-phrase.
 */
class HelpTextTest {
    /** A sentence's end: a full stop (or ? or !), perhaps inside a closing parenthesis or quote. */
    private static final Pattern SENTENCE_END = Pattern.compile("(?s).*[.?!][)\"']?$");

    private static List<CommandLine> everyCommand() {
        List<CommandLine> all = new ArrayList<>();
        List<CommandLine> todo = new ArrayList<>(List.of(SynodCli.commandLine(new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()))));
        while (!todo.isEmpty()) {
            CommandLine c = todo.remove(0);
            all.add(c);
            todo.addAll(c.getSubcommands().values());
        }
        return all;
    }

    @Test
    void every_description_option_parameter_and_footer_text_ends_a_sentence() {
        List<String> broken = new ArrayList<>();
        for (CommandLine c : everyCommand()) {
            CommandSpec spec = c.getCommandSpec();
            String name = spec.qualifiedName();
            check(broken, name + " description", spec.usageMessage().description());
            check(broken, name + " footer", spec.usageMessage().footer());
            spec.options().forEach(o -> check(broken, name + " " + o.longestName(), o.description()));
            spec.positionalParameters().forEach(p -> check(broken, name + " " + p.paramLabel(), p.description()));
        }
        assertThat(broken).as("help texts that stop mid-sentence").isEmpty();
    }

    @Test
    void every_command_in_the_rendered_command_list_has_a_summary_that_ends_a_sentence() {
        String usage = SynodCli.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()))
                .getUsageMessage(CommandLine.Help.Ansi.OFF);
        String list = usage.substring(usage.indexOf("Commands:") + "Commands:".length(), usage.indexOf("Exit status:"));
        List<String> groups = new ArrayList<>();
        for (String line : list.lines().toList()) {
            if (line.matches("  \\S.*")) {
                groups.add(line.strip());
            } else if (!line.isBlank()) {
                groups.set(groups.size() - 1, groups.get(groups.size() - 1) + " " + line.strip());
            }
        }
        assertThat(groups).as(usage).hasSizeGreaterThanOrEqualTo(12)
                .allSatisfy(g -> assertThat(g).as("summary in synod --help").matches(SENTENCE_END));
    }

    private static void check(List<String> broken, String where, String[] lines) {
        for (String line : lines) {
            if (!line.isBlank() && !SENTENCE_END.matcher(line.strip()).matches()) {
                broken.add(where + ": \"" + line + "\"");
            }
        }
    }
}
