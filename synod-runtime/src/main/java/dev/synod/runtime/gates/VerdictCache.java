package dev.synod.runtime.gates;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.synod.core.Event;
import dev.synod.core.Gate;
import dev.synod.runtime.gates.internal.AtomicFiles;
import dev.synod.runtime.gates.internal.Hashing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Verdicts of {@link CacheableGate}s, kept on disk by what they depend on: the gate's name, its
 * argument, the hand-off's globs, the gate's {@linkplain CacheableGate#configuration()
 * configuration} and the id of the git tree checked. Only {@code PASS} and {@code FAIL} are
 * kept: an {@code ERROR} says the gate could not run, which may be different next time.
 *
 * <p>Each verdict is one small JSON file named by the SHA-256 of its key, under two-character
 * fan-out directories as git keeps loose objects, written to a temporary file and renamed into
 * place, so readers never see half a file and concurrent writers of the same key (equal
 * verdicts, by the gate's determinism) simply replace each other. The file repeats the key, so
 * a digest collision or a damaged file reads as a miss instead of a wrong verdict. A lookup is
 * one file read.
 *
 * <p>The cache is an optimisation: a verdict that cannot be read is a miss, and one that cannot
 * be stored is not cached; neither changes what the run decides.
 */
public final class VerdictCache {
    /** Where a run directory keeps its verdicts, relative to the run directory. */
    public static final Path DIRECTORY = Path.of(".synod", "cache", "verdicts");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;

    private VerdictCache(Path directory) {
        this.directory = directory;
    }

    /** A cache kept in {@code directory}, which is created on the first store. */
    public static VerdictCache in(Path directory) {
        return new VerdictCache(directory.toAbsolutePath().normalize());
    }

    /**
     * What a verdict depends on.
     *
     * @param gate          the gate's name in the choreography
     * @param argument      the gate's argument, or null
     * @param globs         the write scope of the hand-off checked
     * @param configuration the gate's {@link CacheableGate#configuration()}
     * @param tree          the git tree id of the attempt's commit
     */
    public record Key(String gate, String argument, List<String> globs, String configuration, String tree) {
        public Key {
            globs = List.copyOf(globs);
        }

        /** The SHA-256 of the key's canonical JSON form: the name of its file. */
        String digest() {
            try {
                return Hashing.sha256(JSON.writeValueAsBytes(this));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a key of strings always serializes", e);
            }
        }
    }

    /** A stored verdict: its key, to verify on reading, and the verdict itself. */
    private record Entry(Key key, Event.Verdict verdict, List<String> diagnostics) {
    }

    /**
     * The key of a check by {@code gate}, or empty when the gate's verdicts are not cacheable.
     * {@code tree} is asked only for a cacheable gate.
     */
    public static Optional<Key> key(Gate gate, String name, String argument, List<String> globs, Supplier<String> tree) {
        if (gate instanceof CacheableGate cacheable) {
            return Optional.of(new Key(name, argument, globs, cacheable.configuration(), tree.get()));
        }
        return Optional.empty();
    }

    /** The verdict stored for {@code key}, or empty when there is none (or it cannot be read). */
    public Optional<Gate.Verdict> find(Key key) {
        Path file = file(key);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            // Most often NoSuchFileException: nothing stored yet. Any other failure is a miss too.
            return Optional.empty();
        }
        Entry entry;
        try {
            entry = JSON.readValue(bytes, Entry.class);
        } catch (IOException e) {
            // A damaged or foreign file: the verdict is recomputed and the file replaced.
            return Optional.empty();
        }
        if (entry == null || !key.equals(entry.key()) || entry.verdict() == null || entry.verdict() == Event.Verdict.ERROR
                || entry.diagnostics() == null || entry.diagnostics().contains(null)) {
            return Optional.empty();
        }
        return Optional.of(new Gate.Verdict(entry.verdict(), entry.diagnostics()));
    }

    /**
     * Keeps {@code verdict} under {@code key}, unless it is an {@code ERROR}.
     *
     * @return whether the verdict is now stored
     */
    public boolean store(Key key, Gate.Verdict verdict) {
        if (verdict.kind() == Event.Verdict.ERROR) {
            return false;
        }
        try {
            AtomicFiles.write(file(key), JSON.writeValueAsBytes(new Entry(key, verdict.kind(), verdict.diagnostics())));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private Path file(Key key) {
        String digest = key.digest();
        return directory.resolve(digest.substring(0, 2)).resolve(digest.substring(2) + ".json");
    }

    /** The directory the verdicts are kept in. */
    public Path directory() {
        return directory;
    }
}
