package dev.synod.lang.gen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.lang.ParseResult;
import dev.synod.lang.SourceFile;
import dev.synod.lang.Synod;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

class ChoreographyGenProperties {

    @Property(tries = 300)
    void generated_files_have_no_syntax_error(@ForAll("files") String text) {
        ParseResult parsed = Synod.parse(new SourceFile("gen.synod", text));

        assertThat(parsed.diagnostics()).as("diagnostics of:%n%s", text).isEmpty();
    }

    @Property(tries = 300)
    void generated_files_cover_every_construct(@ForAll("tokens") List<String> tokens) {
        for (String construct : List.of("par", "for", "decide", "team", "->", "options", "escalate", "leader")) {
            Statistics.label(construct).collect(tokens.stream().filter(construct::equals).count() > (construct.equals("team") ? 1 : 0));
        }
        Statistics.label("par").coverage(c -> c.check(true).percentage(p -> p > 20));
        Statistics.label("for").coverage(c -> c.check(true).percentage(p -> p > 20));
        Statistics.label("decide").coverage(c -> c.check(true).percentage(p -> p > 30));
        Statistics.label("team").coverage(c -> c.check(true).percentage(p -> p > 20));
        Statistics.label("escalate").coverage(c -> c.check(true).percentage(p -> p > 20));
    }

    @Property(tries = 100)
    void generated_layouts_hold_comments(@ForAll("files") String text) {
        Statistics.label("comments").collect(!Synod.parse(new SourceFile("gen.synod", text)).comments().isEmpty());
        Statistics.label("comments").coverage(c -> c.check(true).percentage(p -> p > 50));
    }

    @Provide
    Arbitrary<String> files() {
        return ChoreographyGen.files();
    }

    @Provide
    Arbitrary<List<String>> tokens() {
        return ChoreographyGen.tokenStreams();
    }
}
