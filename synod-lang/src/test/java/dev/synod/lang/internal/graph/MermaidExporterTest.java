package dev.synod.lang.internal.graph;

import static dev.synod.lang.internal.graph.Resources.parse;
import static dev.synod.lang.internal.graph.Resources.read;
import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.lang.Synod;
import dev.synod.lang.gen.ChoreographyGen;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MermaidExporterTest {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_]+");
    private static final Pattern PARTICIPANT = Pattern.compile("(participant|actor) (\\S+)( as .+)?");
    private static final Pattern ARROW = Pattern.compile("(\\S+)->>(\\S+): (.+)");
    private static final Pattern NOTE = Pattern.compile("Note over (\\S+?)(,(\\S+))?: .+");

    @ParameterizedTest
    @ValueSource(strings = {"bank", "corners"})
    void draws_golden_files(String name) {
        String mermaid = Synod.mermaid(parse(read(name + ".synod")));

        assertThat(mermaid).isEqualTo(read(name + ".mmd"));
        checkStructure(mermaid);
    }

    @Test
    void draws_one_arrow_per_handoff_and_receiver() {
        String mermaid = Synod.mermaid(parse("""
                synod 1
                team t {
                  role a model m
                  role b model m
                  role c model m
                  a -> b, c : x "x"
                  b -> a : y "y"
                  par {
                    c -> a, b : z "z"
                    a -> c : w "w"
                  }
                }
                """));

        assertThat(mermaid.lines().filter(l -> l.contains("->>"))).hasSize(2 + 1 + 2 + 1);
        assertThat(mermaid).contains("  par z\n    c->>a: z\n    c->>b: z\n  and w\n    a->>c: w\n  end\n");
    }

    @Test
    void expands_all_and_replicas_in_the_example() {
        String mermaid = Synod.mermaid(parse(read("bank.synod")));

        // plan and api go to the five other roles, impl[d] once per dev, tests and release once.
        assertThat(mermaid.lines().filter(l -> l.contains("->>"))).hasSize(5 + 5 + 3 + 1 + 1);
        assertThat(mermaid).contains("participant dev2 as dev[2]", "dev2->>lead: impl[dev2] [compile, test]",
                "actor human", "Note over dev1,dev3: decide money, errors by ben_or");
    }

    @Test
    void stops_expanding_loops_past_its_budget() {
        String nested = "for a in r[*] { for b in r[*] { for c in r[*] { a -> b : x[c] \"x\" } } }";

        String mermaid = Synod.mermaid(parse("synod 1 team t { role r[100] model m " + nested + " }"));

        assertThat(mermaid.lines().filter(l -> l.contains("->>")).count()).isLessThanOrEqualTo(Diagram.MAX_EXPANDED_BODIES);
        assertThat(mermaid).contains("loop for b in r[*]");
        checkStructure(mermaid);
    }

    @Test
    void makes_ids_valid_and_unique() {
        Set<String> taken = new HashSet<>();

        assertThat(MermaidExporter.uniqueId("dev[2]", taken)).isEqualTo("dev2");
        assertThat(MermaidExporter.uniqueId("dev2", taken)).isEqualTo("dev2_2");
        assertThat(MermaidExporter.uniqueId("end", taken)).isEqualTo("end_");
        assertThat(MermaidExporter.uniqueId("ops.w[1]", taken)).isEqualTo("ops_w1");
        assertThat(MermaidExporter.uniqueId("w[*]", taken)).isEqualTo("w_all");
    }

    @Test
    void escapes_what_would_break_a_label() {
        assertThat(MermaidExporter.escape("a;b#c\"d%e<f>")).isEqualTo("a#59;b#35;c#quot;d#37;e#lt;f#gt;");
    }

    @Property(tries = 300)
    void every_drawing_is_well_formed(@ForAll("files") String text) {
        checkStructure(Synod.mermaid(parse(text)));
    }

    @Provide
    Arbitrary<String> files() {
        return ChoreographyGen.files();
    }

    /**
     * Checks what would stop Mermaid from rendering: participants declared once with valid ids,
     * arrows and notes between declared ids, {@code par}/{@code and}/{@code loop}/{@code end}
     * balanced, no raw {@code ;} or {@code #} in text.
     */
    private static void checkStructure(String mermaid) {
        assertThat(mermaid).startsWith("sequenceDiagram\n");
        Set<String> declared = new HashSet<>();
        Deque<String> blocks = new ArrayDeque<>();
        for (String raw : mermaid.lines().skip(1).toList()) {
            String line = raw.strip();
            assertThat(line.replaceAll("#(\\d+|quot|lt|gt);", "")).as(line).doesNotContain(";", "#");
            Matcher m;
            if ((m = PARTICIPANT.matcher(line)).matches()) {
                assertThat(blocks).as("participants come first").isEmpty();
                assertThat(m.group(2)).matches(ID).isNotIn("end", "par", "and", "loop", "note", "over");
                assertThat(declared.add(m.group(2))).as("declared once: %s", m.group(2)).isTrue();
            } else if ((m = ARROW.matcher(line)).matches()) {
                assertThat(declared).contains(m.group(1), m.group(2));
            } else if ((m = NOTE.matcher(line)).matches()) {
                assertThat(declared).contains(m.group(1));
                if (m.group(3) != null) {
                    assertThat(declared).contains(m.group(3));
                }
            } else if (line.startsWith("par ") || line.startsWith("loop ")) {
                blocks.push(line.substring(0, line.indexOf(' ')));
            } else if (line.startsWith("and ")) {
                assertThat(blocks.peek()).as("'and' inside a par").isEqualTo("par");
            } else if (line.equals("end")) {
                assertThat(blocks).as("'end' closes a block").isNotEmpty();
                blocks.pop();
            } else {
                throw new AssertionError("unexpected line: " + raw);
            }
        }
        assertThat(blocks).as("every block is closed").isEmpty();
    }
}
