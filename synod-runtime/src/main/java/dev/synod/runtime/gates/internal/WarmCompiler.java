package dev.synod.runtime.gates.internal;

import com.sun.source.util.JavacTask;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedDeque;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * javac in this process, kept warm across compilations: the same compiler, and file managers
 * that keep their caches of the platform's classes (the {@code --release} symbol files) and of
 * jars between compilations. A file manager serves one compilation at a time, so concurrent
 * gates take one each from a pool; after {@value #USES} compilations a file manager is closed
 * and replaced, which bounds what it caches about trees that are long gone.
 */
public final class WarmCompiler {
    private static final int USES = 256;

    private final JavaCompiler javac;
    private final Deque<Pooled> idle = new ConcurrentLinkedDeque<>();

    private record Pooled(StandardJavaFileManager files, int uses) {
    }

    public WarmCompiler() {
        javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("the compile gate runs javac in process and needs a JDK; the Java runtime at "
                    + System.getProperty("java.home") + " has no compiler");
        }
    }

    /** What to compile, and how. */
    public record Task(List<Path> sources, List<Path> classpath, Path output, int release) {
        public Task {
            sources = List.copyOf(sources);
            classpath = List.copyOf(classpath);
        }
    }

    /**
     * Compiles the task's sources into its output directory.
     *
     * @param tree the tree the sources are in, to which the diagnostics' paths are relative
     * @return the errors, as {@code path:line:col: error: message}; empty when it compiled
     */
    public List<Located> compile(Task task, Path tree) {
        return compile(task, tree, null);
    }

    /**
     * Compiles the task's sources into its output directory, telling {@code listener} of javac's
     * phases (the incremental compiler reads each class's API when it has been analysed, and which
     * source each class file comes from when it is generated).
     *
     * @param listener told of javac's task events, or null
     */
    public List<Located> compile(Task task, Path tree, CompileListener listener) {
        Pooled pooled = idle.pollFirst();
        if (pooled == null) {
            pooled = new Pooled(javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8), 0);
        }
        StandardJavaFileManager files = pooled.files();
        boolean healthy = false;
        try {
            files.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(task.output()));
            files.setLocationFromPaths(StandardLocation.CLASS_PATH, task.classpath());
            // No source path: only the files given are compiled, never a stray source found nearby.
            files.setLocationFromPaths(StandardLocation.SOURCE_PATH, List.of());
            DiagnosticCollector<JavaFileObject> collector = new DiagnosticCollector<>();
            List<String> options = List.of("-proc:none", "--release", Integer.toString(task.release()), "-encoding", "UTF-8",
                    "-implicit:none", "-nowarn", "-Xlint:none");
            JavacTask compilation = (JavacTask) javac.getTask(Writer.nullWriter(), files, collector, options, null,
                    files.getJavaFileObjectsFromPaths(task.sources()));
            if (listener != null) {
                compilation.addTaskListener(new TaskListener() {
                    @Override
                    public void finished(TaskEvent e) {
                        listener.finished(e, compilation);
                    }
                });
            }
            compilation.call();
            if (Thread.currentThread().isInterrupted()) {
                // An interrupt closes the channels javac reads through (ClosedByInterruptException), which it
                // reports as errors of the tree: no verdict, and the file manager is not used again.
                throw new java.util.concurrent.CancellationException("the compilation was interrupted");
            }
            List<Located> errors = errors(collector.getDiagnostics(), tree);
            healthy = true;
            return errors;
        } catch (IOException e) {
            throw new UncheckedIOException("could not set up the compiler's locations", e);
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted() && !(e instanceof java.util.concurrent.CancellationException)) {
                // javac may also fail outright on a channel the interrupt closed (reading the --release symbols).
                java.util.concurrent.CancellationException cancelled =
                        new java.util.concurrent.CancellationException("the compilation was interrupted");
                cancelled.initCause(e);
                throw cancelled;
            }
            throw e;
        } finally {
            release(pooled, healthy);
        }
    }

    /** What a caller of {@link #compile(Task, Path, CompileListener)} learns as javac works. */
    @FunctionalInterface
    public interface CompileListener {
        /** javac finished a phase of one compilation unit or class; {@code task} gives its elements. */
        void finished(TaskEvent event, JavacTask task);
    }

    private void release(Pooled pooled, boolean healthy) {
        if (healthy && pooled.uses() + 1 < USES) {
            idle.addFirst(new Pooled(pooled.files(), pooled.uses() + 1));
            return;
        }
        try {
            pooled.files().close();
        } catch (IOException e) {
            // Closing only releases open jars; a new file manager replaces this one either way.
        }
    }

    private static List<Located> errors(List<Diagnostic<? extends JavaFileObject>> diagnostics, Path tree) {
        List<Located> out = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics) {
            if (d.getKind() != Diagnostic.Kind.ERROR) {
                continue;
            }
            List<String> lines = d.getMessage(Locale.ROOT).lines().map(l -> l.strip().replaceAll("\\s+", " "))
                    .filter(l -> !l.isEmpty()).toList();
            String message = "error: " + ToolOutput.withDetails(lines.isEmpty() ? "" : lines.get(0),
                    lines.isEmpty() ? List.of() : lines.subList(1, lines.size()));
            if (d.getSource() == null || d.getLineNumber() == Diagnostic.NOPOS) {
                out.add(Located.plain(message));
            } else {
                out.add(new Located(relative(tree, d.getSource()), (int) d.getLineNumber(),
                        d.getColumnNumber() == Diagnostic.NOPOS ? 0 : (int) d.getColumnNumber(), message));
            }
        }
        return out;
    }

    private static String relative(Path tree, JavaFileObject source) {
        Path path = Path.of(source.toUri()).toAbsolutePath().normalize();
        Path root = tree.toAbsolutePath().normalize();
        return (path.startsWith(root) ? root.relativize(path) : path).toString().replace('\\', '/');
    }
}
