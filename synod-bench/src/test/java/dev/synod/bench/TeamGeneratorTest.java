package dev.synod.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synod.lang.CheckOptions;
import dev.synod.lang.CheckResult;
import dev.synod.lang.ParseResult;
import dev.synod.lang.SourceFile;
import dev.synod.lang.Synod;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class TeamGeneratorTest {
    private static final String BENCHMARK_TEAM = TeamGenerator.generate(TeamGenerator.BENCHMARK_LINES);

    @Test
    void the_benchmark_file_has_at_least_10000_lines_and_less_than_one_unit_more() {
        int lines = TeamGenerator.lines(BENCHMARK_TEAM);

        assertThat(lines).isBetween(TeamGenerator.BENCHMARK_LINES, TeamGenerator.BENCHMARK_LINES + 60);
    }

    @Test
    void the_benchmark_file_parses_without_any_diagnostic() {
        ParseResult parsed = Synod.parse(new SourceFile("generated.synod", BENCHMARK_TEAM));

        assertThat(parsed.diagnostics()).isEmpty();
        assertThat(parsed.hasSyntaxErrors()).isFalse();
    }

    @Test
    void small_files_parse_too_and_use_every_construct() {
        String text = TeamGenerator.generate(1);

        assertThat(Synod.parse(new SourceFile("small.synod", text)).diagnostics()).isEmpty();
        assertThat(text).contains("team u1 led by lead {", "decide q1 by leader chief", "par {", "for d in dev[*] {",
                "gate compile, test \"units/u1/impl/{d}/test/**\"", "within 15m", "merges u1_impl[*], u1_tests",
                "freeze", "else escalate arch");
    }

    @Test
    void is_deterministic_and_grows_with_the_request() {
        assertThat(TeamGenerator.generate(TeamGenerator.BENCHMARK_LINES)).isEqualTo(BENCHMARK_TEAM);
        assertThat(TeamGenerator.lines(TeamGenerator.generate(2_000))).isBetween(2_000, 2_060);
    }

    @Test
    void uses_the_fewest_units_that_reach_the_size() {
        String text = TeamGenerator.generate(3_000);
        int units = (int) text.lines().filter(l -> l.startsWith("  team u")).count();

        assertThat(TeamGenerator.lines(TeamGenerator.withUnits(units - 1))).isLessThan(3_000);
        assertThat(TeamGenerator.lines(TeamGenerator.withUnits(units))).isGreaterThanOrEqualTo(3_000);
    }

    @Test
    void rejects_a_size_that_is_not_positive() {
        assertThatThrownBy(() -> TeamGenerator.generate(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("minLines must be at least 1, found 0");
    }

    @Test
    @Tag("needs-lang")
    void the_benchmark_file_checks_clean() {
        CheckResult checked = Synod.check(new SourceFile("generated.synod", BENCHMARK_TEAM), CheckOptions.none());

        assertThat(checked.diagnostics()).isEmpty();
    }

    @Test
    @Tag("needs-lang")
    void a_small_file_checks_clean() {
        CheckResult checked = Synod.check(new SourceFile("small.synod", TeamGenerator.generate(200)),
                CheckOptions.none());

        assertThat(checked.diagnostics()).isEmpty();
    }
}
