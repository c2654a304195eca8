package dev.synod.runtime.gates;

import com.puppycrawl.tools.checkstyle.Checker;
import com.puppycrawl.tools.checkstyle.ConfigurationLoader;
import com.puppycrawl.tools.checkstyle.PropertiesExpander;
import com.puppycrawl.tools.checkstyle.api.AuditEvent;
import com.puppycrawl.tools.checkstyle.api.AuditListener;
import com.puppycrawl.tools.checkstyle.api.CheckstyleException;
import com.puppycrawl.tools.checkstyle.api.Configuration;
import com.puppycrawl.tools.checkstyle.api.SeverityLevel;
import dev.synod.core.Event;
import dev.synod.core.SynodException;
import dev.synod.runtime.config.SynodConfig;
import dev.synod.runtime.gates.internal.Hashing;
import dev.synod.runtime.gates.internal.JavaFiles;
import dev.synod.runtime.gates.internal.Located;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.xml.sax.InputSource;

/**
 * {@code lint}: Checkstyle finds no error in the tree's Java files (every {@code *.java}, outside
 * directories whose name starts with a dot). Checkstyle runs in this process through its
 * {@link Checker} API.
 *
 * <p>The configuration: the file {@code gates.lint.config} in {@code synod.yaml} names, else
 * Synod's default, a light selection of the Sun and Google checks that catch mistakes rather than
 * taste ({@code default-checkstyle.xml} beside this class). Checkstyle runs in this process,
 * outside the sandbox, where a configuration can make it read the files and URLs it names; agents
 * may write the tree, so the tree's copy is never what Checkstyle reads. The named file is read
 * once, when the gate is configured, from the run directory (the user's copy), and those bytes
 * are used; a tree whose copy of it is missing or differs from them is refused (an {@code ERROR}
 * verdict), and so is a {@code checkstyle.xml} at the tree's root that {@code synod.yaml} does not
 * name. In a configuration, {@code ${config_loc}} is the run directory's directory of the file and
 * {@code ${basedir}} the tree.
 *
 * <p>Diagnostics are {@code path:line:col: [Check] message} for each finding of severity error;
 * warnings neither fail the gate nor appear. A configuration that cannot be loaded is an
 * {@code ERROR} verdict saying why.
 */
public final class LintGate implements CacheableGate {
    private static final String TREE_CONFIG = "checkstyle.xml";
    private static final String DEFAULT_CONFIG = "default-checkstyle.xml";

    private final Optional<Named> config;
    private final byte[] defaultConfig;

    /**
     * The configuration {@code synod.yaml} names: its path in the tree and the bytes of the run
     * directory's copy, read once.
     *
     * @param directory the directory of the run directory's copy, for {@code ${config_loc}}
     */
    private record Named(String path, byte[] bytes, Path directory) {
    }

    /**
     * @param config       the configuration's path relative to the run directory (and to the tree), or
     *                     empty for Synod's default
     * @param runDirectory where the run's {@code synod.yaml} is: the named file is read from there, now
     * @throws SynodException.InvalidInput when the named file is outside the run directory or not a
     *                                      readable file there
     */
    public LintGate(Optional<String> config, Path runDirectory) {
        this.config = config.map(name -> named(name, runDirectory.toAbsolutePath().normalize()));
        try (InputStream in = LintGate.class.getResourceAsStream(DEFAULT_CONFIG)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULT_CONFIG + " is missing beside " + LintGate.class.getName());
            }
            this.defaultConfig = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The gate of a run, configured by its {@code synod.yaml}; the named configuration is read now. */
    public static LintGate configure(SynodConfig config) {
        Path directory = config.file().toAbsolutePath().getParent();
        try {
            return new LintGate(config.lintConfig(), directory);
        } catch (SynodException.InvalidInput e) {
            // Name the file the setting is in, as every other synod.yaml error does.
            throw new SynodException.InvalidInput(config.file() + ": " + e.getMessage(), e);
        }
    }

    private static Named named(String name, Path directory) {
        Path file = directory.resolve(name).normalize();
        if (!file.startsWith(directory)) {
            throw new SynodException.InvalidInput("gates.lint.config: expected a file inside " + directory + ", found "
                    + name);
        }
        try {
            return new Named(name, Files.readAllBytes(file), file.getParent());
        } catch (IOException e) {
            throw new SynodException.InvalidInput("gates.lint.config: expected a readable file " + file
                    + " (the lint configuration is read from the run directory, not from agents' trees), found "
                    + (Files.exists(file) ? e.toString() : "nothing"));
        }
    }

    @Override
    public String configuration() {
        String named = config.map(c -> c.path() + " sha256=" + Hashing.sha256(c.bytes())).orElse("default");
        return "lint config=" + named + " default=" + Hashing.sha256(defaultConfig)
                + " checkstyle=" + Optional.ofNullable(Checker.class.getPackage().getImplementationVersion()).orElse("12.3.1");
    }

    @Override
    public Verdict check(Input input) {
        Path tree = input.tree().toAbsolutePath().normalize();
        List<File> files = JavaFiles.under(tree).stream().map(Path::toFile).toList();
        if (files.isEmpty()) {
            return Verdict.pass();
        }
        String name = config.map(Named::path).orElse(TREE_CONFIG);
        // Inside the tree: the default's name is, and a named path outside the run directory was refused.
        Path own = tree.resolve(name).normalize();
        if (config.isPresent() && !Files.isRegularFile(own)) {
            return error(name + ": the tree has no such file, which gates.lint.config in synod.yaml names");
        }
        if (config.isEmpty() && Files.exists(own)) {
            return error(TREE_CONFIG + ": the tree's own Checkstyle configuration is not used unless synod.yaml names it "
                    + "(gates: { lint: { config: " + TREE_CONFIG + " } }), since agents may write it and Checkstyle runs "
                    + "outside the sandbox; name it, or remove it to lint with Synod's default");
        }
        if (config.isPresent() && !Arrays.equals(bytes(own), config.get().bytes())) {
            return error(name + ": the tree's copy differs from the run directory's, which is the one Checkstyle uses "
                    + "(agents may write the tree, and Checkstyle runs outside the sandbox); restore it, or keep it "
                    + "outside agents' write scopes");
        }
        List<Located> findings = new ArrayList<>();
        Checker checker = new Checker();
        try {
            Properties properties = new Properties();
            properties.setProperty("config_loc", config.map(Named::directory).orElse(tree).toString());
            properties.setProperty("basedir", tree.toString());
            InputSource source = new InputSource(new ByteArrayInputStream(config.map(Named::bytes).orElse(defaultConfig)));
            Configuration configuration = ConfigurationLoader.loadConfiguration(source, new PropertiesExpander(properties),
                    ConfigurationLoader.IgnoredModulesOptions.OMIT);
            checker.setModuleClassLoader(Checker.class.getClassLoader());
            checker.setBasedir(tree.toString());
            // A file Checkstyle cannot parse is a finding on that file, not a gate that could not run.
            checker.setHaltOnException(false);
            checker.setLocaleLanguage("en");
            checker.setLocaleCountry("");
            checker.configure(configuration);
            checker.addListener(new Findings(tree, findings));
            checker.process(files);
        } catch (CheckstyleException e) {
            return error((config.isPresent() ? name : DEFAULT_CONFIG) + ": Checkstyle could not run: " + messages(e));
        } finally {
            checker.destroy();
        }
        return findings.isEmpty() ? Verdict.pass() : Verdict.fail(findings.stream().map(Located::format).toList());
    }

    private static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the tree's lint configuration " + file, e);
        }
    }

    private static Verdict error(String message) {
        return new Verdict(Event.Verdict.ERROR, List.of(message));
    }

    /** The messages of an exception and its causes, which is where Checkstyle says what is wrong. */
    private static String messages(Throwable e) {
        List<String> out = new ArrayList<>();
        for (Throwable t = e; t != null && out.size() < 4; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && out.stream().noneMatch(m -> m.contains(message))) {
                out.add(message);
            }
        }
        return String.join(": ", out);
    }

    /** Collects the findings of severity error, as located diagnostics. */
    private record Findings(Path tree, List<Located> out) implements AuditListener {
        @Override
        public void addError(AuditEvent event) {
            if (event.getSeverityLevel() != SeverityLevel.ERROR) {
                return;
            }
            out.add(new Located(relative(event.getFileName()), event.getLine(), event.getColumn(),
                    "[" + check(event) + "] " + event.getMessage()));
        }

        @Override
        public void addException(AuditEvent event, Throwable throwable) {
            out.add(new Located(relative(event.getFileName()), 0, 0, "[Checker] could not be checked: " + messages(throwable)));
        }

        private String relative(String fileName) {
            if (fileName == null) {
                return null;
            }
            Path path = Path.of(fileName);
            return (path.isAbsolute() && path.startsWith(tree) ? tree.relativize(path) : path).toString().replace('\\', '/');
        }

        /** The check's id when the configuration gives one, else its class's simple name without {@code Check}. */
        private static String check(AuditEvent event) {
            if (event.getModuleId() != null) {
                return event.getModuleId();
            }
            String source = event.getSourceName();
            String simple = source.substring(source.lastIndexOf('.') + 1);
            return simple.endsWith("Check") ? simple.substring(0, simple.length() - "Check".length()) : simple;
        }

        @Override
        public void auditStarted(AuditEvent event) {
        }

        @Override
        public void auditFinished(AuditEvent event) {
        }

        @Override
        public void fileStarted(AuditEvent event) {
        }

        @Override
        public void fileFinished(AuditEvent event) {
        }
    }
}
