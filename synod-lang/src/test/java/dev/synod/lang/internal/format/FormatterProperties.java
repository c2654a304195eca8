package dev.synod.lang.internal.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.lang.ParseResult;
import dev.synod.lang.SourceFile;
import dev.synod.lang.Synod;
import dev.synod.lang.gen.ChoreographyGen;
import dev.synod.lang.internal.parse.Comment;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The properties LANGUAGE.md §8 promises of {@code fmt}, on random valid choreographies. */
class FormatterProperties {

    @Property(tries = 400)
    void format_is_idempotent(@ForAll("files") String text) {
        String once = format(text);

        assertThat(format(once)).as("formatting of:%n%s", once).isEqualTo(once);
    }

    @Property(tries = 400)
    void format_keeps_the_tree(@ForAll("files") String text) {
        ParseResult before = parse(text);

        ParseResult after = parse(Formatter.format(before));

        assertThat(TreeDump.dump(after.file())).isEqualTo(TreeDump.dump(before.file()));
    }

    @Property(tries = 400)
    void format_keeps_every_comment_once(@ForAll("files") String text) {
        ParseResult before = parse(text);

        ParseResult after = parse(Formatter.format(before));

        assertThat(texts(after.comments())).containsExactlyInAnyOrderElementsOf(texts(before.comments()));
    }

    @Property(tries = 400)
    void format_output_is_clean(@ForAll("files") String text) {
        String out = format(text);

        assertThat(parse(out).diagnostics()).isEmpty();
        assertThat(out).contains("\nteam ").matches("(?s)(//[^\n]*\n(\n)?)*synod 1(  //[^\n]*)?\n\n.*");
        assertThat(out).endsWith("\n").doesNotContain("\r", "\n\n\n");
        assertThat(out.lines()).allSatisfy(line -> {
            assertThat(line).isEqualTo(line.stripTrailing()).matches("((  )*[^ \t].*)?");
        });
    }

    @Provide
    Arbitrary<String> files() {
        return ChoreographyGen.files();
    }

    private static ParseResult parse(String text) {
        return Synod.parse(new SourceFile("gen.synod", text));
    }

    private static String format(String text) {
        return Formatter.format(parse(text));
    }

    /** Comment texts as the formatter promises to keep them: without trailing white space. */
    private static List<String> texts(List<Comment> comments) {
        return comments.stream().map(c -> c.text().stripTrailing()).toList();
    }
}
