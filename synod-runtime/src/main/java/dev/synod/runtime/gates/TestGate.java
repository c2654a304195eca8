package dev.synod.runtime.gates;

import dev.synod.core.Gate;
import dev.synod.lang.WriteScope;
import dev.synod.runtime.gates.internal.ConsoleJar;
import dev.synod.runtime.gates.internal.Located;
import dev.synod.runtime.internal.Directories;
import dev.synod.runtime.gates.internal.JUnitReport;
import dev.synod.runtime.gates.internal.JavaHome;
import dev.synod.runtime.gates.internal.TestSources;
import dev.synod.runtime.sandbox.Sandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code test} and {@code test "GLOB"}: compiles the tree's main and test Java sources (Maven's
 * layout) in this process, then runs the JUnit tests of the test sources under the glob (all of
 * them without one) with the JUnit Platform console launcher in a forked JVM inside the
 * sandbox, its heap bounded by the gate's memory limit. A compile error or a failed test fails
 * the gate; each failed test is one diagnostic at the line where it failed.
 */
public final class TestGate implements Gate {
    private final Sandbox sandbox;
    private final GateLimits limits;
    private final ConsoleJar console;

    public TestGate(Sandbox sandbox, GateLimits limits, ConsoleJar console) {
        this.sandbox = sandbox;
        this.limits = limits;
        this.console = console;
    }

    @Override
    public Verdict check(Input input) throws InterruptedException {
        Path tree = input.tree().toAbsolutePath().normalize();
        List<String> tests = TestSources.under(tree, TestSources.TEST);
        List<String> selected = input.argument() == null ? tests
                : tests.stream().filter(WriteScope.of(List.of(input.argument()))::contains).toList();
        if (selected.isEmpty()) {
            return Verdict.fail(List.of(input.argument() == null
                    ? Located.at(TestSources.TEST, 1, 1, "no test sources; the test gate runs the JUnit tests under "
                    + TestSources.TEST + " (Maven's layout)")
                    : Located.at(input.argument(), 1, 1, "no test source under " + TestSources.TEST
                    + " matches this glob")));
        }
        Path scratch = Directories.temporary("synod-test-gate");
        try {
            return run(tree, tests, selected, scratch);
        } finally {
            Directories.deleteTree(scratch, "the test gate's scratch directory");
        }
    }

    private Verdict run(Path tree, List<String> tests, List<String> selected, Path scratch) throws InterruptedException {
        Path jar = console.path();
        List<String> main = TestSources.under(tree, TestSources.MAIN);
        Path mainClasses = scratch.resolve("main");
        Path testClasses = scratch.resolve("test");
        Path reports = scratch.resolve("reports");
        List<String> errors = new ArrayList<>();
        if (!main.isEmpty()) {
            errors.addAll(TestSources.compile(tree, main, List.of(jar), mainClasses));
        }
        if (errors.isEmpty()) {
            errors.addAll(TestSources.compile(tree, tests, List.of(mainClasses, jar), testClasses));
        }
        if (!errors.isEmpty()) {
            return Verdict.fail(errors);
        }
        List<String> classpath = new ArrayList<>(List.of(mainClasses.toString(), testClasses.toString()));
        for (String resources : List.of("src/main/resources", "src/test/resources")) {
            if (Files.isDirectory(tree.resolve(resources))) {
                classpath.add(tree.resolve(resources).toString());
            }
        }
        Path javaHome = JavaHome.real();
        // Options of a short-lived JVM: one GC thread, the quick compiler only. The same ones make the
        // launcher's class-data archive, which is used only with them.
        List<String> jvm = List.of("-Xmx" + (limits.memory() >> 20) + "m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-XX:-UsePerfData");
        Path java = javaHome.resolve("bin/java");
        List<String> argv = new ArrayList<>(List.of(java.toString()));
        argv.addAll(jvm);
        console.archive(java, jvm).ifPresent(archive -> argv.addAll(List.of("-XX:SharedArchiveFile=" + archive,
                "-Xshare:auto", "-Xlog:cds=off", "-Xlog:cds+dynamic=off")));
        argv.addAll(List.of("-Djava.io.tmpdir=/tmp", "-jar", jar.toString(), "execute", "--disable-banner",
                "--details=none", "--fail-if-no-tests", "--include-classname=.*", "--reports-dir=" + reports,
                "--class-path=" + String.join(":", classpath)));
        selected.forEach(source -> argv.add("--select-class=" + TestSources.className(TestSources.TEST, source)));
        List<Sandbox.Bind> binds = List.of(Sandbox.Bind.readOnly(jar.getParent()), Sandbox.Bind.writable(scratch),
                Sandbox.Bind.readOnly(javaHome));
        Sandbox.Result result = sandbox.run(Sandbox.Spec.of(tree, argv).withTimeout(limits.timeout())
                .withMaxProcesses(limits.processes()).withEnv(sandbox.inherited(limits.env())).withBinds(binds));
        String what = "the tests";
        String overrun = limits.overrun(what, result);
        if (overrun != null) {
            return Verdict.fail(List.of(Located.at(selected.get(0), 1, 1, overrun)));
        }
        Set<String> sources = new HashSet<>(tests);
        sources.addAll(main);
        List<String> failures = JUnitReport.failures(reports, sources);
        if (result.exitCode() == 0 && failures.isEmpty() && hasReport(reports)) {
            return Verdict.pass();
        }
        List<String> diagnostics = new ArrayList<>(failures);
        if (diagnostics.isEmpty()) {
            // No failed test in the report: the launcher itself failed (no tests found, a crash, an exit from a test).
            String output = result.stderr().text() + "\n" + result.stdout().text();
            diagnostics.addAll(JUnitReport.crash(output.replace(tree + "/", ""), sources, selected.get(0)));
            diagnostics.add(Located.at(selected.get(0), 1, 1, "the test run ended with status " + result.exitCode()
                    + (hasReport(reports) ? " and no failed test in its report" : " before writing its report")));
        }
        return Verdict.fail(diagnostics);
    }

    private static boolean hasReport(Path reports) {
        try (Stream<Path> files = Files.list(reports)) {
            return files.anyMatch(f -> f.getFileName().toString().startsWith("TEST-"));
        } catch (IOException e) {
            return false;
        }
    }
}
