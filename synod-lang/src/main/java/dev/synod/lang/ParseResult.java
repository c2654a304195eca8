package dev.synod.lang;

import dev.synod.lang.ast.SynodFile;
import dev.synod.lang.internal.parse.Comment;
import dev.synod.lang.internal.parse.Token;
import java.util.List;

/**
 * What the parser makes of one file: the tree (always present; statements in error are
 * dropped), the comments for the formatter, the tokens, and the S001/S002 diagnostics.
 */
public record ParseResult(SourceFile source, SynodFile file, List<Comment> comments, List<Token> tokens,
                          List<Diagnostic> diagnostics) {
    public ParseResult {
        comments = List.copyOf(comments);
        tokens = List.copyOf(tokens);
        diagnostics = List.copyOf(diagnostics);
    }

    /** True when the file has a syntax error (S001); S002 alone still yields a usable tree. */
    public boolean hasSyntaxErrors() {
        return diagnostics.stream().anyMatch(d -> d.code().equals("S001"));
    }
}
