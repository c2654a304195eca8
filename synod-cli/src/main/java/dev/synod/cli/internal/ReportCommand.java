package dev.synod.cli.internal;

import dev.synod.cli.SynodCli;
import dev.synod.core.SynodException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code synod report [DIR|RUN] [--out FILE]}: a run's report as one self-contained HTML page,
 * written to {@code .synod/reports/<run>.html}: what {@code synod status} shows, each attempt's
 * gates with their verdicts and durations, and the run's timeline as {@code synod log} shows it.
 * It reads the run as status and log do, from the journal or from Temporal.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Writes a run's report as one HTML page (no scripts, nothing fetched from the network) and prints "
                + "its path: the run's standing and figures, each step's attempts with their gates' verdicts and "
                + "durations, the decisions, and the timeline of its events.",
                "The page goes to .synod/reports/<run>.html in the run directory unless --out names a file."},
        footer = {"", "Exit status: 0 written, 2 bad usage, an unknown run or a file that cannot be written."})
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DirOption directory;

    @Parameters(arity = "0..2", paramLabel = "DIR|RUN", description = DirOption.WORDS)
    List<String> words;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the page here instead.")
    Path outFile;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        return RunLookup.withSource(directory, words, (runs, run) -> {
            StatusCommand.RunStatus status = StatusCommand.status(run.id(), run.state(), StatusCommand.models(run.loaded()),
                    runs.work(), StatusCommand.starts(run.events()), run instanceof RunSource.Journal j ? j.pid() : null,
                    run.runner().orElse(null), java.time.Instant.now());
            StringWriter timeline = new StringWriter();
            LogCommand.print(new PrintWriter(timeline), run.blobs(), run.events(), run.state(), ZoneId.systemDefault());
            Path target = outFile != null ? outFile
                    : runs.directory().resolve(".synod").resolve("reports").resolve(run.id() + ".html");
            write(target, page(status, timeline.toString()));
            out.println("report of run " + run.id() + ": " + target.toAbsolutePath().normalize());
            return SynodCli.EXIT_OK;
        });
    }

    /** Writes the page; the default place's directory is made, a directory that --out names must exist. */
    private void write(Path target, String html) {
        Path parent = target.toAbsolutePath().getParent();
        try {
            if (outFile == null) {
                Files.createDirectories(parent);
            } else if (!Files.isDirectory(parent)) {
                throw new SynodException.InvalidInput("--out " + outFile + ": expected a file in an existing directory, "
                        + "found no directory " + parent);
            }
            Files.writeString(target, html, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SynodException.InvalidInput("cannot write the report to " + target + ": " + e.getMessage());
        }
    }

    /** The page: the standing as status prints it, a table of steps and their gates, the timeline. */
    static String page(StatusCommand.RunStatus s, String timeline) {
        StringWriter text = new StringWriter();
        StatusCommand.print(new PrintWriter(text), s);
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(escape("Synod run " + s.run() + " of team " + s.team())).append("</title>\n<style>\n")
                .append("body{font-family:system-ui,sans-serif;margin:2rem;color:#222;max-width:72rem}")
                .append("h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:2rem}")
                .append("table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;"
                        + "vertical-align:top}th{background:#f3f3f3}")
                .append("pre{background:#f7f7f7;padding:1rem;white-space:pre-wrap;overflow-wrap:anywhere;font-size:.85rem}")
                .append(".pass{color:#176317}.fail,.error{color:#a51b1b}.accepted{color:#176317}.failed{color:#a51b1b}")
                .append("\n</style>\n</head>\n<body>\n");
        h.append("<h1>").append(escape("Run " + s.run() + " of team " + s.team())).append("</h1>\n");
        h.append("<p id=\"state\" class=\"").append(escape(s.state())).append("\">").append(escape(s.status()))
                .append(s.reason() == null ? "" : escape(" (" + s.reason() + ")")).append("</p>\n");
        if (s.branch() != null) {
            h.append("<p>Release branch <code>").append(escape(s.branch())).append("</code></p>\n");
        }
        h.append("<p>Usage: ").append(escape(UsageText.describe(s.tokens(), s.usd()))).append("</p>\n");
        h.append("<h2>Steps</h2>\n<table id=\"steps\">\n<tr><th>step</th><th>state</th><th>attempt</th><th>by</th>"
                + "<th>gates of each attempt</th></tr>\n");
        for (StatusCommand.StepStatus step : s.steps()) {
            h.append("<tr id=\"step-").append(escape(step.step())).append("\"><td>").append(escape(step.step()))
                    .append("</td><td class=\"").append(escape(step.status())).append("\">").append(escape(step.status()))
                    .append("</td><td>").append(step.attempt() == 0 ? "" : step.attempt()).append("</td><td>")
                    .append(step.performer() == null ? "" : escape(step.performer())).append("</td><td>");
            for (StatusCommand.AttemptGates attempt : step.attempts()) {
                h.append("<div>#").append(attempt.attempt()).append(attempt.performer() == null ? ""
                        : " by " + escape(attempt.performer())).append(':');
                if (attempt.gates().isEmpty()) {
                    h.append(" no gate ran (the timeline says why)");
                }
                String separator = " ";
                for (StatusCommand.GateVerdict g : attempt.gates()) {
                    h.append(separator).append("<span class=\"").append(escape(g.verdict())).append("\">").append(escape(g.gate()))
                            .append(' ').append(escape(g.verdict())).append(g.cached() ? " (cached)" : "")
                            .append(g.millis() == null ? "" : " in " + g.millis() + " ms").append("</span>");
                    separator = ", ";
                }
                h.append("</div>");
            }
            h.append("</td></tr>\n");
        }
        h.append("</table>\n");
        h.append("<h2>Standing, as synod status shows it</h2>\n<pre id=\"status\">").append(escape(text.toString()))
                .append("</pre>\n");
        h.append("<h2>Timeline, as synod log shows it</h2>\n<pre id=\"timeline\">").append(escape(timeline))
                .append("</pre>\n");
        h.append("<p><small>Written by synod report at ").append(escape(s.at().truncatedTo(ChronoUnit.SECONDS).toString())).append("</small></p>\n")
                .append("</body>\n</html>\n");
        return h.toString();
    }

    /** Text as HTML shows it literally, in an element or an attribute's quotes. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
