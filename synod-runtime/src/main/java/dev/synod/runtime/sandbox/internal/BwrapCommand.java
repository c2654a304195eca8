package dev.synod.runtime.sandbox.internal;

import dev.synod.runtime.sandbox.Sandbox;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The bubblewrap command line of a sandboxed run. The sandbox's root is an empty tmpfs that
 * bubblewrap builds: {@code /usr} and the usual top-level system directories read-only, a few
 * files of {@code /etc} that programs need to start (never the whole of it), fresh
 * {@code /proc}, {@code /dev} and {@code /tmp}, then the spec's binds (a read-only one under
 * {@code /usr}, already shown, is left out, so callers need not decide it) and its working
 * directory at their own paths. Everything else of the host, the caller's home included, does not
 * exist inside; {@code HOME} and {@code TMPDIR} are the private {@code /tmp}.
 */
public final class BwrapCommand {
    /** Top-level directories that are {@code /usr}'s on merged-/usr systems and real directories elsewhere. */
    private static final String USR = "/usr";

    private static final List<String> SYSTEM_DIRS = List.of("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32");

    /** What of {@code /etc} a program needs to start, find users, libraries, time zones and the alternatives symlinks. */
    private static final List<String> ETC = List.of("/etc/passwd", "/etc/group", "/etc/hosts", "/etc/nsswitch.conf",
            "/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/localtime", "/etc/alternatives",
            "/etc/os-release", "/etc/mime.types");

    /** With the network: name resolution and the certificate stores. */
    private static final List<String> ETC_NETWORK = List.of("/etc/resolv.conf", "/etc/gai.conf", "/etc/ssl",
            "/etc/ca-certificates", "/etc/pki", "/etc/crypto-policies");

    /** The sandbox's private, writable {@code /tmp}: {@code HOME} and {@code TMPDIR} inside. */
    public static final String SCRATCH = "/tmp";

    private BwrapCommand() {
    }

    /**
     * The bubblewrap arguments that run {@code inner} (the command with its limits applied) for
     * {@code spec}, in {@code env} with {@code HOME} and {@code TMPDIR} set to {@link #SCRATCH}.
     */
    public static List<String> of(Sandbox.Spec spec, Map<String, String> env, List<String> inner) {
        return of(program(), spec, env, inner);
    }

    /** The bubblewrap program: found on the system path, else left to the caller's PATH. */
    public static String program() {
        return Executables.find("bwrap").orElse("bwrap");
    }

    private static List<String> of(String program, Sandbox.Spec spec, Map<String, String> env, List<String> inner) {
        List<String> args = new ArrayList<>(List.of(program, "--unshare-user", "--unshare-pid", "--unshare-ipc",
                "--unshare-uts", "--unshare-cgroup-try", "--die-with-parent", "--new-session", "--cap-drop", "ALL"));
        if (!spec.network()) {
            args.add("--unshare-net");
        }
        args.addAll(List.of("--ro-bind", USR, USR));
        for (String dir : SYSTEM_DIRS) {
            Path path = Path.of(dir);
            if (Files.isSymbolicLink(path)) {
                args.addAll(List.of("--symlink", readLink(path), dir));
            } else if (Files.isDirectory(path)) {
                args.addAll(List.of("--ro-bind", dir, dir));
            }
        }
        for (String file : ETC) {
            args.addAll(List.of("--ro-bind-try", file, file));
        }
        if (spec.network()) {
            for (String file : ETC_NETWORK) {
                args.addAll(List.of("--ro-bind-try", file, file));
            }
        }
        // Mounted before the binds, so that binds under /tmp (a test's temporary directory) sit on top of it.
        args.addAll(List.of("--proc", "/proc", "--dev", "/dev", "--tmpfs", SCRATCH));
        for (Sandbox.Bind bind : spec.binds()) {
            if (!bind.writable() && bind.path().startsWith(USR)) {
                continue;
            }
            args.addAll(List.of(bind.writable() ? "--bind" : "--ro-bind", bind.path().toString(), bind.path().toString()));
        }
        args.addAll(List.of("--bind", spec.dir().toString(), spec.dir().toString(), "--chdir", spec.dir().toString()));
        args.add("--clearenv");
        // Synod's own HOME and TMPDIR (such as /root) do not exist in here; the fresh tmpfs is the
        // command's home for this run, gone when it ends.
        Map<String, String> inside = new java.util.LinkedHashMap<>(env);
        inside.put("HOME", SCRATCH);
        inside.put("TMPDIR", SCRATCH);
        inside.forEach((name, value) -> args.addAll(List.of("--setenv", name, value)));
        args.add("--");
        args.addAll(inner);
        return args;
    }

    /**
     * Empty when bubblewrap can build this sandbox here, else a one-line message saying what
     * failed and how to fix it. Runs {@code true} in a sandbox like the real ones.
     */
    public static Optional<String> probe(String program, Map<String, String> parentEnv) throws InterruptedException {
        Path dir;
        try {
            dir = Files.createTempDirectory("synod-bwrap-probe");
        } catch (IOException e) {
            return Optional.of("cannot create a temporary directory to check bubblewrap: " + e.getMessage());
        }
        try {
            List<String> args = of(program, Sandbox.Spec.of(dir, List.of("true")), Map.of("PATH", "/usr/bin:/bin"), List.of("true"));
            ProcessBuilder builder = new ProcessBuilder(args).redirectErrorStream(true);
            builder.environment().clear();
            builder.environment().putAll(parentEnv);
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                return Optional.of("bubblewrap is not installed (cannot run " + program + "); "
                        + "Synod refuses to run agent-written code without it: install it (apt-get install bubblewrap, "
                        + "dnf install bubblewrap or pacman -S bubblewrap), or set 'sandbox: none' in synod.yaml "
                        + "to run without isolation (see docs/security.md)");
            }
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.of("bubblewrap did not start a sandbox within 30 seconds");
            }
            if (process.exitValue() != 0) {
                String said = new String(output, StandardCharsets.UTF_8).strip().replace('\n', ' ');
                return Optional.of("bubblewrap cannot create a sandbox here: " + said + "; Synod refuses to run "
                        + "agent-written code without it: allow unprivileged user namespaces (on Ubuntu 24.04: "
                        + "sysctl kernel.apparmor_restrict_unprivileged_userns=0, or an AppArmor profile for bwrap; "
                        + "see docs/security.md), or set 'sandbox: none' in synod.yaml to run without isolation");
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("could not read bubblewrap's output while checking it: " + e.getMessage());
        } finally {
            try {
                Files.deleteIfExists(dir);
            } catch (IOException e) {
                // A leftover empty temporary directory is harmless; the probe's answer stands.
            }
        }
    }

    private static String readLink(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read the symbolic link " + link, e);
        }
    }
}
