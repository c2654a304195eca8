package dev.synod.runtime.gates.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The JUnit Platform console launcher's standalone jar that the build packs into this module
 * (see its pom), written out once to a private temporary directory for a forked JVM to run.
 */
public final class ConsoleJar {
    private static final String RESOURCE = "junit-platform-console-standalone.jar";
    private static final ConsoleJar SHARED = new ConsoleJar();

    private String version;

    private Path jar;
    private final java.util.Map<java.util.List<String>, java.util.Optional<Path>> archives = new java.util.HashMap<>();

    /** The one jar of this process, shared by the gates that need JUnit. */
    public static ConsoleJar shared() {
        return SHARED;
    }

    /**
     * The version of JUnit the jar holds (its manifest's {@code Implementation-Version}), for the
     * configuration of a gate whose verdicts depend on it; read once, without writing the jar out.
     */
    public synchronized String version() {
        if (version == null) {
            try (InputStream in = ConsoleJar.class.getResourceAsStream(RESOURCE);
                 java.util.jar.JarInputStream jar = in == null ? null : new java.util.jar.JarInputStream(in)) {
                java.util.jar.Manifest manifest = jar == null ? null : jar.getManifest();
                String v = manifest == null ? null : manifest.getMainAttributes().getValue("Implementation-Version");
                version = v == null ? "unknown" : v;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the JUnit console launcher's manifest", e);
            }
        }
        return version;
    }

    /** The jar on disk, written out on first use. */
    public synchronized Path path() {
        if (jar == null) {
            try (InputStream in = ConsoleJar.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " is missing from Synod's runtime jar; rebuild it with "
                            + "./mvnw install");
                }
                // A directory only this user can enter, so that nobody can swap the jar between writing and running it.
                Path dir = Files.createTempDirectory("synod-junit", PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
                Path file = dir.resolve(RESOURCE);
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                // Deleted in the reverse order of registration: the file, then its directory.
                dir.toFile().deleteOnExit();
                file.toFile().deleteOnExit();
                jar = file;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write out the JUnit console launcher", e);
            }
        }
        return jar;
    }

    /**
     * A class-data-sharing archive of the launcher's own classes for JVMs started with
     * {@code jvmOptions}, made once per option list beside the jar, or empty when this JDK cannot
     * make one. Loading JUnit's classes is most of a forked test run's start; from the archive
     * it takes about a third less time (see docs/benchmarks.md).
     *
     * <p>The archive is made by a JVM that runs the launcher on an empty class path, outside the
     * sandbox but with no code of the tree loaded: only Synod's own jar goes into it. Test runs
     * then map it read-only (its directory is bound read-only into the sandbox), so code under
     * test can neither write nor replace it, and a test run's classes never enter it.
     */
    public synchronized java.util.Optional<Path> archive(Path javaBinary, java.util.List<String> jvmOptions) {
        return archives.computeIfAbsent(java.util.List.copyOf(jvmOptions), options -> {
            Path launcher = path();
            Path file = launcher.resolveSibling("junit-" + Integer.toHexString(options.hashCode()) + ".jsa");
            try {
                Path empty = Files.createDirectories(launcher.resolveSibling("empty-class-path"));
                java.util.List<String> argv = new java.util.ArrayList<>(java.util.List.of(javaBinary.toString()));
                argv.addAll(options);
                argv.addAll(java.util.List.of("-XX:ArchiveClassesAtExit=" + file, "-Xlog:disable", "-jar",
                        launcher.toString(), "execute", "--disable-banner", "--details=none", "--scan-class-path",
                        "--class-path=" + empty));
                Process p = new ProcessBuilder(argv).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (!p.waitFor(2, java.util.concurrent.TimeUnit.MINUTES)) {
                    p.destroyForcibly();
                    return java.util.Optional.empty();
                }
                if (!Files.isRegularFile(file)) {
                    return java.util.Optional.empty();
                }
                file.toFile().deleteOnExit();
                return java.util.Optional.of(file);
            } catch (IOException e) {
                return java.util.Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return java.util.Optional.empty();
            }
        });
    }
}
