package dev.synod.runtime.gates;

import dev.synod.lang.WriteScope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** {@code exists}: every glob of the hand-off matches at least one non-empty file. */
public final class ExistsGate implements CacheableGate {

    /** The gate has no settings: its verdict depends on the tree and the globs alone. */
    @Override
    public String configuration() {
        return "exists";
    }

    @Override
    public Verdict check(Input input) {
        List<String> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(input.tree())) {
            walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).forEach(p -> {
                try {
                    if (Files.size(p) > 0) {
                        files.add(input.tree().relativize(p).toString().replace('\\', '/'));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> diagnostics = new ArrayList<>();
        for (String glob : input.globs()) {
            WriteScope scope = WriteScope.of(List.of(glob));
            if (files.stream().noneMatch(scope::contains)) {
                diagnostics.add(glob + ":1:1: no non-empty file matches this glob");
            }
        }
        return diagnostics.isEmpty() ? Verdict.pass() : Verdict.fail(diagnostics);
    }
}
