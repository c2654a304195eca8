package dev.synod.runtime.config;

import dev.synod.lang.model.Gate;
import dev.synod.runtime.gates.CompileGate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import javax.lang.model.SourceVersion;

/**
 * Reads the entries under {@code gates:}: the limits of the sandboxed built-in gates ({@code sh},
 * {@code test}), custom gates with their {@code sh} command, and the settings of the in-process
 * {@code compile} and {@code lint}. {@code exists} takes none.
 */
final class GateReader {
    /** The keys of {@code gates.compile}. */
    static final Set<String> COMPILE_KEYS = Set.of("release", "classpath", "tests", "maven");
    /** The keys of {@code gates.lint}. */
    static final Set<String> LINT_KEYS = Set.of("config");
    /** The smallest memory limit: a gate needs some memory to start. */
    private static final long MIN_MEMORY = 1L << 20;

    private GateReader() {
    }

    /** The sandbox limits, or the command and limits, of the entry {@code gates.<name>}. */
    static GateSettings read(ConfigNode entry) {
        String name = entry.name();
        entry.mapping("a mapping of settings such as { sh: \"make check\", timeout: 5m }");
        switch (name) {
            case "compile" -> {
                entry.only(COMPILE_KEYS, "the built-in gate compile");
                return GateSettings.DEFAULTS;
            }
            case "lint" -> {
                entry.only(LINT_KEYS, "the built-in gate lint");
                return GateSettings.DEFAULTS;
            }
            case "exists" -> {
                if (!entry.keys().isEmpty()) {
                    throw entry.get(entry.keys().get(0)).problem("the built-in gate exists runs no command and takes no "
                            + "settings; expected {}, found " + String.join(", ", entry.keys()));
                }
                return GateSettings.DEFAULTS;
            }
            default -> {
            }
        }
        boolean builtIn = Gate.BUILT_IN.contains(name);
        if (builtIn && entry.get("sh").present()) {
            throw entry.get("sh").problem(name + " is a built-in gate, which takes only timeout, memory, processes and env;"
                    + " give a gate with its own command another name");
        }
        entry.only(builtIn ? Set.of("timeout", "memory", "processes", "env") : GateSettings.KEYS,
                builtIn ? "the built-in gate " + name : "a custom gate");
        Optional<String> sh = entry.optional("sh").map(s -> s.text("a shell command such as \"npx tsc --noEmit\""));
        if (!builtIn && sh.isEmpty()) {
            throw entry.problem("a custom gate needs 'sh', the command it runs, such as { sh: \"npx tsc --noEmit\" };"
                    + " found " + (entry.keys().isEmpty() ? "no settings" : "only " + String.join(", ", entry.keys())));
        }
        Optional<Duration> timeout = entry.optional("timeout").map(t -> t.duration(Duration.ofMillis(1)));
        OptionalLong memory = entry.optional("memory").map(m -> OptionalLong.of(m.size(MIN_MEMORY))).orElse(OptionalLong.empty());
        OptionalInt processes = entry.optional("processes")
                .map(p -> OptionalInt.of(p.integer(1, Integer.MAX_VALUE, "a whole number of processes, at least 1")))
                .orElse(OptionalInt.empty());
        List<String> env = entry.optional("env").map(ModelAliasReader::variables).orElse(List.of());
        return new GateSettings(sh, timeout, memory, processes, env);
    }

    /** {@code gates.compile}, with defaults for what it does not say. */
    static CompileGate.Settings compile(ConfigNode entry) {
        CompileGate.Settings d = CompileGate.Settings.defaults();
        if (!entry.present()) {
            return d;
        }
        int latest = SourceVersion.latestSupported().runtimeVersion().feature();
        int release = entry.optional("release").map(r -> r.integer(8, latest, "a Java release from 8 to " + latest))
                .orElse(d.release());
        List<String> classpath = entry.optional("classpath").map(GateReader::nonEmptyStrings).orElse(d.classpath());
        boolean tests = entry.optional("tests").map(ConfigNode::bool).orElse(d.tests());
        List<String> maven = entry.optional("maven").map(GateReader::nonEmptyStrings).orElse(d.maven());
        return new CompileGate.Settings(release, classpath, tests, maven);
    }

    /** {@code gates.lint.config}: the Checkstyle configuration's path in the tree, when given. */
    static Optional<String> lint(ConfigNode entry) {
        return entry.optional("config").map(c -> c.text("the path of a Checkstyle configuration in the tree"));
    }

    private static List<String> nonEmptyStrings(ConfigNode node) {
        List<String> out = node.strings("a list of non-empty strings", true);
        if (out.stream().anyMatch(String::isBlank)) {
            throw node.expected("a list of non-empty strings");
        }
        return out;
    }
}
