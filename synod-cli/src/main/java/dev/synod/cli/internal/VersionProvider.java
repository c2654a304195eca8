package dev.synod.cli.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code synod --version}: the Maven project version, filtered into {@code version.properties} at build time. */
public final class VersionProvider implements IVersionProvider {
    private static final String RESOURCE = "/dev/synod/cli/version.properties";

    @Override
    public String[] getVersion() {
        return new String[] {"synod " + version()};
    }

    /** The version of this build, such as {@code 0.1.0}. */
    public static String version() {
        try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the build");
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version");
            if (version == null || version.isBlank() || version.startsWith("${")) {
                throw new IllegalStateException(RESOURCE + " has no filtered 'version', found " + version);
            }
            return version;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
