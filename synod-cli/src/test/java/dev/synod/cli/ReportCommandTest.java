package dev.synod.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code synod report} on a real run of a scripted team whose first attempt does not compile: the
 * page is where the command says, shows each attempt's gate verdicts with their durations and the
 * timeline; bad input is refused with one line (ReportPageTest escapes markup).
 */
class ReportCommandTest {
    @TempDir
    Path dir;

    @Test
    void a_runs_report_is_one_page_with_its_steps_gates_durations_and_timeline() throws IOException {
        Teams.writeCompileRetry(dir);
        Run run = Run.synod("run", dir.toString(), "--yes");
        assertThat(run.exit()).as(run.toString()).isZero();
        String id = run.out().lines().findFirst().orElseThrow().substring("run ".length());

        Run report = Run.synod("report", "--dir", dir.toString());
        assertThat(report.exit()).as(report.toString()).isZero();
        Path page = dir.resolve(".synod/reports/" + id + ".html").toAbsolutePath().normalize();
        assertThat(report.out().strip()).isEqualTo("report of run " + id + ": " + page);
        String html = Files.readString(page);

        assertThat(html).startsWith("<!DOCTYPE html>").contains("<p id=\"state\" class=\"succeeded\">succeeded");
        Matcher row = Pattern.compile("<tr id=\"step-cart\">(.*?)</tr>").matcher(html);
        assertThat(row.find()).as(html).isTrue();
        assertThat(row.group(1)).contains("<td class=\"accepted\">accepted</td><td>2</td><td>dev</td>")
                .containsPattern("#1 by dev: <span class=\"fail\">compile fail in \\d+ ms</span>")
                .containsPattern("#2 by dev: <span class=\"pass\">compile pass in \\d+ ms</span>");
        assertThat(html).containsPattern("cart#1: gate compile: fail in [0-9.]+ m?s")
                .contains("Release branch <code>synod/" + id + "</code>")
                .doesNotContain("<script").doesNotContain("http://").doesNotContain("https://");
    }

    @Test
    void an_unknown_run_and_a_missing_directory_are_refused_with_one_line() throws IOException {
        Teams.writeCompileRetry(dir);
        assertThat(Run.synod("run", dir.toString(), "--yes").exit()).isZero();

        Run unknown = Run.synod("report", "r20000101-000000-0000", "--dir", dir.toString());
        assertThat(unknown.exit()).as(unknown.toString()).isEqualTo(2);
        assertThat(unknown.errLines()).hasSize(1);
        assertThat(unknown.errLines()[0]).startsWith("synod: ").contains("r20000101-000000-0000");

        Path nowhere = dir.resolve("no/such/dir/report.html");
        Run missing = Run.synod("report", "--dir", dir.toString(), "--out", nowhere.toString());
        assertThat(missing.exit()).as(missing.toString()).isEqualTo(2);
        assertThat(missing.errLines()).hasSize(1);
        assertThat(missing.errLines()[0]).isEqualTo("synod: --out " + nowhere
                + ": expected a file in an existing directory, found no directory " + nowhere.getParent());
    }
}
