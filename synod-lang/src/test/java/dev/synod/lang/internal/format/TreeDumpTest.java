package dev.synod.lang.internal.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.lang.SourceFile;
import dev.synod.lang.Synod;
import org.junit.jupiter.api.Test;

class TreeDumpTest {

    @Test
    void ignores_spans_and_clause_order() {
        String a = dump("synod 1 team t { a -> b : x \"g\" freeze gate exists reads y }");
        String b = dump("synod 1\n\nteam t {\n  a -> b : x \"g\"\n    reads y\n    gate exists\n    freeze\n}\n");

        assertThat(a).isEqualTo(b).isEqualTo("""
                synod 1
                team t
                  handoff a -> [b] : x globs ["g"]
                    reads [y]
                    gate [exists]
                    freeze
                """);
    }

    @Test
    void tells_human_and_all_from_names_and_keeps_item_order() {
        String dump = dump("synod 1 team t { role a model m decide q by leader human all -> human : x \"g\" }");

        assertThat(dump).isEqualTo("""
                synod 1
                team t
                  role a model [m]
                  decide [q] among - by leader <human>
                  handoff <all> -> [<human>] : x globs ["g"]
                """);
    }

    @Test
    void differs_when_the_tree_differs() {
        assertThat(dump("synod 1 team t { a -> b : x \"g\" within 1m }"))
                .isNotEqualTo(dump("synod 1 team t { a -> b : x \"g\" within 60s }"));
    }

    private static String dump(String text) {
        return TreeDump.dump(Synod.parse(new SourceFile("t.synod", text)).file());
    }
}
