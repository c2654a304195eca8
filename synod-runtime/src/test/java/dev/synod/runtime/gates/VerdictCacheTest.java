package dev.synod.runtime.gates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.core.Event;
import dev.synod.core.Gate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerdictCacheTest {
    private static final VerdictCache.Key KEY = new VerdictCache.Key("compile", null, List.of("src/**"), "compile release=21",
            "4b825dc642cb6eb9a060e54bf8d69288fbee4904");
    private static final Gate.Verdict FAIL = Gate.Verdict.fail(List.of("src/A.java:1:1: error: broken"));

    @TempDir
    Path dir;

    @Test
    void a_stored_verdict_is_found_again_also_by_another_instance() {
        VerdictCache cache = VerdictCache.in(dir);
        assertThat(cache.find(KEY)).isEmpty();

        assertThat(cache.store(KEY, FAIL)).isTrue();

        assertThat(cache.find(KEY)).contains(FAIL);
        assertThat(VerdictCache.in(dir).find(KEY)).contains(FAIL);
    }

    @Test
    void passes_are_kept_as_well_as_failures() {
        VerdictCache cache = VerdictCache.in(dir);

        cache.store(KEY, Gate.Verdict.pass());

        assertThat(cache.find(KEY)).contains(Gate.Verdict.pass());
    }

    @Test
    void every_part_of_the_key_decides() {
        VerdictCache cache = VerdictCache.in(dir);
        cache.store(KEY, FAIL);

        assertThat(Stream.of(
                new VerdictCache.Key("lint", KEY.argument(), KEY.globs(), KEY.configuration(), KEY.tree()),
                new VerdictCache.Key(KEY.gate(), "src/test/**", KEY.globs(), KEY.configuration(), KEY.tree()),
                new VerdictCache.Key(KEY.gate(), KEY.argument(), List.of("api/**"), KEY.configuration(), KEY.tree()),
                new VerdictCache.Key(KEY.gate(), KEY.argument(), KEY.globs(), "compile release=17", KEY.tree()),
                new VerdictCache.Key(KEY.gate(), KEY.argument(), KEY.globs(), KEY.configuration(),
                        "0000000000000000000000000000000000000001")).map(cache::find)).allMatch(java.util.Optional::isEmpty);
    }

    @Test
    void an_error_is_never_kept() {
        VerdictCache cache = VerdictCache.in(dir);

        assertThat(cache.store(KEY, new Gate.Verdict(Event.Verdict.ERROR, List.of("javac is missing")))).isFalse();

        assertThat(cache.find(KEY)).isEmpty();
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void a_damaged_file_is_a_miss_and_is_replaced() throws Exception {
        VerdictCache cache = VerdictCache.in(dir);
        cache.store(KEY, FAIL);
        Path file = onlyFile();
        Files.writeString(file, "{\"key\": {\"gate\": \"comp");

        assertThat(cache.find(KEY)).isEmpty();
        cache.store(KEY, FAIL);
        assertThat(cache.find(KEY)).contains(FAIL);
    }

    @Test
    void a_well_formed_file_with_missing_parts_is_a_miss() throws Exception {
        VerdictCache cache = VerdictCache.in(dir);
        cache.store(KEY, FAIL);
        Path file = onlyFile();
        String stored = Files.readString(file);

        for (String damaged : List.of("null", stored.replace("\"FAIL\"", "null"),
                stored.replaceAll("\"diagnostics\":\\[[^\\]]*]", "\"diagnostics\":null"),
                stored.replaceAll("\"diagnostics\":\\[[^\\]]*]", "\"diagnostics\":[null]"))) {
            assertThat(damaged).isNotEqualTo(stored);
            Files.writeString(file, damaged);
            assertThat(cache.find(KEY)).as(damaged).isEmpty();
        }
    }

    @Test
    void a_file_holding_another_key_is_a_miss() throws Exception {
        VerdictCache cache = VerdictCache.in(dir);
        VerdictCache.Key other = new VerdictCache.Key("lint", null, List.of(), "lint", KEY.tree());
        cache.store(other, Gate.Verdict.pass());
        Path otherFile = onlyFile();
        cache.store(KEY, FAIL);
        Path keyFile;
        try (Stream<Path> files = Files.walk(dir)) {
            keyFile = files.filter(Files::isRegularFile).filter(p -> !p.equals(otherFile)).findFirst().orElseThrow();
        }

        // As if two keys had the same digest: the file of KEY now holds the other key's verdict.
        Files.copy(otherFile, keyFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        assertThat(cache.find(KEY)).isEmpty();
    }

    @Test
    void only_cacheable_gates_have_keys_and_only_they_look_at_the_tree() {
        AtomicInteger treeAsked = new AtomicInteger();
        Gate plain = input -> Gate.Verdict.pass();

        assertThat(VerdictCache.key(plain, "custom", null, List.of(), () -> "t" + treeAsked.incrementAndGet())).isEmpty();
        assertThat(treeAsked).hasValue(0);
        assertThat(VerdictCache.key(new ExistsGate(), "exists", null, List.of("a/**"), () -> "t" + treeAsked.incrementAndGet()))
                .contains(new VerdictCache.Key("exists", null, List.of("a/**"), "exists", "t1"));
    }

    private Path onlyFile() throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).reduce((a, b) -> {
                throw new AssertionError("more than one file: " + a + ", " + b);
            }).orElseThrow();
        }
    }
}
