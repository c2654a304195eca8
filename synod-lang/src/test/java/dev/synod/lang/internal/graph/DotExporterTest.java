package dev.synod.lang.internal.graph;

import static dev.synod.lang.internal.graph.Resources.parse;
import static dev.synod.lang.internal.graph.Resources.read;
import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.lang.Synod;
import dev.synod.lang.gen.ChoreographyGen;
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

class DotExporterTest {
    private static final String QUOTED = "\"(?:[^\"\\\\]|\\\\.)*\"";
    private static final Pattern NODE = Pattern.compile("(" + QUOTED + ") \\[.*];");
    private static final Pattern EDGE = Pattern.compile("(" + QUOTED + ") -> (" + QUOTED + ")( \\[.*])?;");

    @ParameterizedTest
    @ValueSource(strings = {"bank", "corners"})
    void draws_golden_files(String name) {
        String dot = Synod.dot(parse(read(name + ".synod")));

        assertThat(dot).isEqualTo(read(name + ".dot"));
        checkStructure(dot);
    }

    @Test
    void draws_receipts_reads_and_merges() {
        String dot = Synod.dot(parse("""
                synod 1
                team t {
                  role a model m
                  role b model m
                  role c model m
                  a -> b, c : x "x"
                  b -> c : y "y"
                    reads x
                  c -> a : z
                    merges x, y
                }
                """));

        assertThat(dot).contains(
                "\"a\" -> \"artifact:x\";",
                "\"artifact:x\" -> \"b\" [style=dashed];",
                "\"artifact:x\" -> \"c\" [style=bold];",
                "\"artifact:y\" -> \"c\" [style=bold];",
                "\"artifact:z\" -> \"a\";");
        // One edge per pair of nodes: reading or merging a received artifact restyles the receipt.
        assertThat(dot.lines().filter(l -> l.contains(" -> "))).hasSize(3 + 2 + 2);
    }

    @Test
    void puts_nested_teams_in_clusters() {
        String dot = Synod.dot(parse(read("corners.synod")));

        assertThat(dot).contains("  subgraph \"cluster_ops\" {\n    label=\"ops\";\n    \"ops.boss\" [shape=box];\n");
    }

    @Test
    void quotes_ids() {
        assertThat(DotExporter.quote("a\"b\\c\nd")).isEqualTo("\"a\\\"b\\\\c\\nd\"");
    }

    @Property(tries = 300)
    void every_graph_is_well_formed(@ForAll("files") String text) {
        checkStructure(Synod.dot(parse(text)));
    }

    @Provide
    Arbitrary<String> files() {
        return ChoreographyGen.files();
    }

    /** Braces balance, every statement has a known form, and every edge joins declared nodes. */
    private static void checkStructure(String dot) {
        assertThat(dot).startsWith("digraph \"").endsWith("}\n");
        Set<String> nodes = new HashSet<>();
        int depth = 0;
        for (String raw : dot.lines().toList()) {
            String line = raw.strip();
            Matcher m;
            if (line.endsWith("{")) {
                depth++;
            } else if (line.equals("}")) {
                depth--;
                assertThat(depth).isNotNegative();
            } else if ((m = EDGE.matcher(line)).matches()) {
                assertThat(nodes).contains(m.group(1), m.group(2));
            } else if ((m = NODE.matcher(line)).matches()) {
                nodes.add(m.group(1));
            } else {
                assertThat(line).matches("(rankdir|fontname|label)=.*;|node \\[.*];");
            }
        }
        assertThat(depth).isZero();
    }
}
