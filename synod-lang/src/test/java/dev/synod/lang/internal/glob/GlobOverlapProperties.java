package dev.synod.lang.internal.glob;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Overlap and matching checked against brute force on small alphabets.
 *
 * <p>Why the enumeration bounds suffice: generated globs have at most two segments of at most
 * two tokens, so each has a shortest path of at most two segments of at most two characters, and
 * if two such globs share a path they share one within three segments of three characters (the
 * property {@link #witness_length_is_the_shortest_common_path_length} checks that this is so).
 * Letters {a, b} suffice for globs whose only literals are a and b (any other character can be
 * replaced by {@code a}); {@code c} is added when classes such as {@code [!a]} and {@code [!b]}
 * can together exclude both.
 */
class GlobOverlapProperties {
    private static final List<String> PATHS_AB = paths("ab", 3, 3);
    private static final List<String> PATHS_ABC = paths("abc", 3, 2);
    private static final List<String> SHORT_PATHS_AB = paths("ab", 3, 2);

    private static final List<String> PLAIN_TOKENS = List.of("a", "b", "?", "*");
    private static final List<String> CLASS_TOKENS =
            List.of("a", "b", "c", "?", "*", "[ab]", "[!a]", "[^b]", "[a-b]", "[b-c]");

    /** Every path of 1..maxSegments segments, each of 1..maxLength letters. */
    private static List<String> paths(String letters, int maxSegments, int maxLength) {
        List<String> segments = new ArrayList<>();
        List<String> frontier = List.of("");
        for (int length = 1; length <= maxLength; length++) {
            List<String> longer = new ArrayList<>();
            for (String prefix : frontier) {
                for (char c : letters.toCharArray()) {
                    longer.add(prefix + c);
                }
            }
            segments.addAll(longer);
            frontier = longer;
        }
        List<String> all = new ArrayList<>(segments);
        List<String> previous = segments;
        for (int count = 2; count <= maxSegments; count++) {
            List<String> next = new ArrayList<>();
            for (String prefix : previous) {
                for (String segment : segments) {
                    next.add(prefix + "/" + segment);
                }
            }
            all.addAll(next);
            previous = next;
        }
        return List.copyOf(all);
    }

    private static Arbitrary<String> globs(List<String> tokens) {
        Arbitrary<String> part = Arbitraries.of(tokens).list().ofMinSize(1).ofMaxSize(2).map(t -> String.join("", t));
        Arbitrary<String> segment = Arbitraries.frequencyOf(Tuple.of(3, part), Tuple.of(1, Arbitraries.just("**")));
        return segment.list().ofMinSize(1).ofMaxSize(2).map(s -> String.join("/", s));
    }

    @Provide
    Arbitrary<String> plainGlobs() {
        return globs(PLAIN_TOKENS);
    }

    @Provide
    Arbitrary<String> classGlobs() {
        return globs(CLASS_TOKENS);
    }

    /** Asserts overlap, witness and shortest agree with the enumeration, all judged by regex. */
    private static void assertAgreesWithEnumeration(String a, String b, List<String> paths) {
        Glob ga = Glob.compile(a);
        Glob gb = Glob.compile(b);
        Pattern ra = ReferenceGlob.regex(a);
        Pattern rb = ReferenceGlob.regex(b);
        boolean enumerated = paths.stream().anyMatch(p -> ra.matcher(p).matches() && rb.matcher(p).matches());
        Optional<String> witness = GlobOverlap.witness(ga, gb);

        assertThat(GlobOverlap.overlap(ga, gb)).as("overlap(%s, %s)", a, b).isEqualTo(enumerated);
        assertThat(GlobOverlap.overlap(gb, ga)).as("overlap(%s, %s)", b, a).isEqualTo(enumerated);
        assertThat(witness).as("witness(%s, %s)", a, b).isEqualTo(enumerated ? witness : Optional.empty());
        witness.ifPresent(w -> assertThat(ra.matcher(w).matches() && rb.matcher(w).matches())
                .as("witness %s of %s and %s matches both by the reference", w, a, b)
                .isTrue());
    }

    @Property(tries = 2000, seed = "7041")
    void overlap_agrees_with_enumeration(@ForAll("plainGlobs") String a, @ForAll("plainGlobs") String b) {
        assertAgreesWithEnumeration(a, b, PATHS_AB);
    }

    @Property(tries = 1000, seed = "7042")
    void overlap_with_classes_agrees_with_enumeration(
            @ForAll("classGlobs") String a, @ForAll("classGlobs") String b) {
        assertAgreesWithEnumeration(a, b, PATHS_ABC);
    }

    @Property(tries = 1000, seed = "7043")
    void witness_length_is_the_shortest_common_path_length(
            @ForAll("plainGlobs") String a, @ForAll("plainGlobs") String b) {
        Pattern ra = ReferenceGlob.regex(a);
        Pattern rb = ReferenceGlob.regex(b);
        Optional<Integer> shortestEnumerated = PATHS_AB.stream()
                .filter(p -> ra.matcher(p).matches() && rb.matcher(p).matches())
                .map(String::length)
                .min(Integer::compare);
        Optional<String> shortest = GlobOverlap.shortest(Glob.compile(a), Glob.compile(b));
        assertThat(shortest.map(String::length)).as("shortest(%s, %s) = %s", a, b, shortest).isEqualTo(shortestEnumerated);
    }

    @Property(tries = 1000, seed = "7044")
    void matches_agrees_with_the_reference_regex(@ForAll("classGlobs") String glob) {
        Glob compiled = Glob.compile(glob);
        Pattern reference = ReferenceGlob.regex(glob);
        for (String path : PATHS_ABC) {
            assertThat(compiled.matches(path)).as("%s matches %s", glob, path).isEqualTo(reference.matcher(path).matches());
        }
    }

    @Property(tries = 1000, seed = "7045")
    void matches_rejects_malformed_paths_and_handles_escapes(
            @ForAll("classGlobs") String glob,
            @ForAll("escapes") String escaped,
            @ForAll("rawPaths") String path) {
        // A prefixed escape tests escapes (and that "\**" is no globstar); raw paths include
        // empty segments and leading or trailing slashes, which nothing may match.
        String spliced = escaped + glob;
        Glob compiled = Glob.compile(spliced);
        assertThat(compiled.matches(path))
                .as("%s matches %s", spliced, path)
                .isEqualTo(ReferenceGlob.regex(spliced).matcher(path).matches());
    }

    @Provide
    Arbitrary<String> escapes() {
        return Arbitraries.of("\\*", "\\?", "\\[", "a\\*", "\\a");
    }

    @Provide
    Arbitrary<String> rawPaths() {
        return Arbitraries.strings().withChars("ab*?[/").ofMinLength(0).ofMaxLength(7);
    }

    @Property(tries = 1000, seed = "7046")
    void braces_are_unions(
            @ForAll("plainGlobs") String p, @ForAll("plainGlobs") String q, @ForAll("plainGlobs") String r) {
        Glob union = Glob.compile("{" + p + "," + q + "}");
        Glob gp = Glob.compile(p);
        Glob gq = Glob.compile(q);
        Glob gr = Glob.compile(r);
        assertThat(GlobOverlap.overlap(union, gr))
                .as("overlap({%s,%s}, %s)", p, q, r)
                .isEqualTo(GlobOverlap.overlap(gp, gr) || GlobOverlap.overlap(gq, gr));
        for (String path : SHORT_PATHS_AB) {
            assertThat(union.matches(path)).as("{%s,%s} matches %s", p, q, path).isEqualTo(gp.matches(path) || gq.matches(path));
        }
    }

    @Property(tries = 500, seed = "7047")
    void every_glob_overlaps_itself(@ForAll("classGlobs") String glob) {
        Glob compiled = Glob.compile(glob);
        assertThat(GlobOverlap.witness(compiled, compiled)).hasValueSatisfying(w -> assertThat(compiled.matches(w)).isTrue());
    }
}
