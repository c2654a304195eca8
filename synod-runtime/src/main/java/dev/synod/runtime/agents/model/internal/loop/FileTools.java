package dev.synod.runtime.agents.model.internal.loop;

import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The tools over the workspace: list, read, write, edit and delete files, every path checked by
 * the {@link PathGuard} first. Failures (a missing file, a search text that is not unique) are
 * answered to the model as errors; nothing here throws for what the model asked.
 */
public final class FileTools {
    /** How many paths one listing shows at most. */
    static final int MAX_LISTED = 1000;

    private final PathGuard guard;

    public FileTools(PathGuard guard) {
        this.guard = guard;
    }

    /** The tools that only look: list_files and read_file. */
    public <T> List<Tool<T>> reading() {
        return List.of(
                new Tool<>(Tool.spec("list_files", "Lists the files you may read, under a directory of the workspace "
                        + "(the whole workspace without a path). Paths are relative to the workspace root.",
                        JsonObjectSchema.builder().addStringProperty("path", "a directory, such as \"src\"; omit it for the root")
                                .build()), a -> list(a.optionalText("path").orElse(""))),
                new Tool<>(Tool.spec("read_file", "Reads a text file you may read, whole or a range of its lines "
                        + "(for a long file, read it range by range).", JsonObjectSchema.builder()
                        .addStringProperty("path", "the file, such as \"src/Main.java\"")
                        .addIntegerProperty("start_line", "the first line to show, from 1; omit it for the whole file")
                        .addIntegerProperty("line_count", "how many lines to show from start_line; omit it for the rest")
                        .required("path").build()),
                        a -> read(a.text("path"), a.optionalInteger("start_line", 1), a.optionalInteger("line_count", 1))));
    }

    /** The tools that change files within the write scope: write_file, edit_file and delete_file. */
    public <T> List<Tool<T>> writing() {
        return List.of(
                new Tool<>(Tool.spec("write_file", "Creates or replaces a file within your write scope with the given content.",
                        JsonObjectSchema.builder().addStringProperty("path", "the file, such as \"src/Main.java\"")
                                .addStringProperty("content", "the whole new content of the file").required("path", "content")
                                .build()), a -> write(a.text("path"), a.text("content"))),
                new Tool<>(Tool.spec("edit_file", "Replaces one exact occurrence of a text in a file within your write scope. "
                        + "The search text must occur exactly once, whitespace included.", JsonObjectSchema.builder()
                        .addStringProperty("path", "the file")
                        .addStringProperty("search", "the exact text to replace; it must occur exactly once")
                        .addStringProperty("replace", "the text to put in its place")
                        .required("path", "search", "replace").build()),
                        a -> edit(a.text("path"), a.text("search"), a.text("replace"))),
                new Tool<>(Tool.spec("delete_file", "Deletes a file within your write scope.", JsonObjectSchema.builder()
                        .addStringProperty("path", "the file").required("path").build()), a -> delete(a.text("path"))));
    }

    <T> Tool.Answer<T> list(String directory) {
        return switch (guard.forList(directory)) {
            case PathGuard.Checked.Refused r -> Tool.Answer.error(r.message());
            case PathGuard.Checked.Allowed a -> {
                if (!Files.exists(a.file(), LinkOption.NOFOLLOW_LINKS)) {
                    yield Tool.Answer.error("no directory " + PathGuard.quote(a.path()) + " in the workspace");
                }
                List<String> paths;
                try {
                    paths = readableFiles(a.file());
                } catch (IOException e) {
                    yield Tool.Answer.error("could not list " + PathGuard.quote(a.path()) + ": " + e.getMessage());
                }
                if (paths.isEmpty()) {
                    yield Tool.Answer.ok("(no files you may read under " + (a.path().isEmpty() ? "the root" : PathGuard.quote(a.path()))
                            + "; you may read " + guard.describeReadable() + ")");
                }
                StringBuilder out = new StringBuilder();
                paths.stream().limit(MAX_LISTED).forEach(p -> out.append(p).append('\n'));
                if (paths.size() > MAX_LISTED) {
                    out.append("[cut: ").append(paths.size() - MAX_LISTED).append(" more files; list a subdirectory]\n");
                }
                yield Tool.Answer.ok(out.toString());
            }
        };
    }

    /** The readable regular files under {@code start} (a file or a directory), relative to the root, sorted. */
    public List<String> readableFiles(Path start) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(start)) {
            walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> guard.root().relativize(p).toString().replace('\\', '/'))
                    .filter(p -> !p.startsWith(".git/") && !p.contains("/.git/"))
                    .filter(guard::readable)
                    .sorted()
                    .forEach(out::add);
        }
        return out;
    }

    <T> Tool.Answer<T> read(String path) {
        return read(path, java.util.OptionalInt.empty(), java.util.OptionalInt.empty());
    }

    /** The file, or its lines from {@code start} (1-based), {@code count} of them, headed by where they are. */
    <T> Tool.Answer<T> read(String path, java.util.OptionalInt start, java.util.OptionalInt count) {
        return switch (guard.forRead(path)) {
            case PathGuard.Checked.Refused r -> Tool.Answer.error(r.message());
            case PathGuard.Checked.Allowed a -> {
                if (!Files.isRegularFile(a.file(), LinkOption.NOFOLLOW_LINKS)) {
                    yield Tool.Answer.error(Files.isDirectory(a.file()) ? PathGuard.quote(a.path())
                            + " is a directory; list_files shows its files" : "no file " + PathGuard.quote(a.path()));
                }
                try {
                    byte[] bytes = Files.readAllBytes(a.file());
                    for (byte b : bytes) {
                        if (b == 0) {
                            yield Tool.Answer.error(PathGuard.quote(a.path()) + " is a binary file of " + bytes.length
                                    + " bytes; it cannot be shown");
                        }
                    }
                    String text = new String(bytes, StandardCharsets.UTF_8);
                    if (start.isEmpty() && count.isEmpty()) {
                        yield Tool.Answer.ok(bytes.length == 0 ? "(empty file)" : text);
                    }
                    List<String> lines = text.lines().toList();
                    int first = start.orElse(1);
                    if (first > Math.max(1, lines.size())) {
                        yield Tool.Answer.error(PathGuard.quote(a.path()) + " has " + lines.size() + " lines; start_line "
                                + first + " is past its end");
                    }
                    int last = Math.min(lines.size(), count.isPresent() ? first - 1 + count.getAsInt() : lines.size());
                    StringBuilder out = new StringBuilder("[lines " + first + "–" + last + " of " + lines.size() + " of "
                            + a.path() + "]\n");
                    lines.subList(Math.min(first - 1, lines.size()), last).forEach(l -> out.append(l).append('\n'));
                    yield Tool.Answer.ok(out.toString());
                } catch (IOException e) {
                    yield Tool.Answer.error("could not read " + PathGuard.quote(a.path()) + ": " + e.getMessage());
                }
            }
        };
    }

    <T> Tool.Answer<T> write(String path, String content) {
        return switch (guard.forWrite(path)) {
            case PathGuard.Checked.Refused r -> Tool.Answer.error(r.message());
            case PathGuard.Checked.Allowed a -> {
                if (Files.isDirectory(a.file(), LinkOption.NOFOLLOW_LINKS)) {
                    yield Tool.Answer.error(PathGuard.quote(a.path()) + " is a directory");
                }
                try {
                    boolean existed = Files.exists(a.file(), LinkOption.NOFOLLOW_LINKS);
                    Files.createDirectories(a.file().getParent());
                    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
                    // NOFOLLOW_LINKS: the guard resolved every link on the way; none is followed now.
                    Files.write(a.file(), bytes, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                            StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
                    yield Tool.Answer.ok((existed ? "replaced " : "created ") + a.path() + " (" + bytes.length + " bytes)");
                } catch (IOException e) {
                    yield Tool.Answer.error("could not write " + PathGuard.quote(a.path()) + ": " + e.getMessage());
                }
            }
        };
    }

    <T> Tool.Answer<T> edit(String path, String search, String replace) {
        if (search.isEmpty()) {
            return Tool.Answer.error("edit_file needs a search text that is not empty; to replace the whole file use write_file");
        }
        return switch (guard.forWrite(path)) {
            case PathGuard.Checked.Refused r -> Tool.Answer.error(r.message());
            case PathGuard.Checked.Allowed a -> {
                if (!Files.isRegularFile(a.file(), LinkOption.NOFOLLOW_LINKS)) {
                    yield Tool.Answer.error("no file " + PathGuard.quote(a.path()) + " to edit; create it with write_file");
                }
                try {
                    String text = Files.readString(a.file(), StandardCharsets.UTF_8);
                    int first = text.indexOf(search);
                    if (first < 0) {
                        yield Tool.Answer.error("the search text was not found in " + a.path()
                                + "; read the file and copy the text exactly, whitespace included");
                    }
                    int count = occurrences(text, search);
                    if (count > 1) {
                        yield Tool.Answer.error("the search text occurs " + count + " times in " + a.path()
                                + "; include more of the surrounding lines so that it occurs once");
                    }
                    String edited = text.substring(0, first) + replace + text.substring(first + search.length());
                    Files.writeString(a.file(), edited, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING,
                            StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
                    int line = (int) text.substring(0, first).chars().filter(c -> c == '\n').count() + 1;
                    yield Tool.Answer.ok("edited " + a.path() + " at line " + line);
                } catch (java.nio.charset.MalformedInputException e) {
                    yield Tool.Answer.error(PathGuard.quote(a.path()) + " is not UTF-8 text; replace it with write_file");
                } catch (IOException e) {
                    yield Tool.Answer.error("could not edit " + PathGuard.quote(a.path()) + ": " + e.getMessage());
                }
            }
        };
    }

    private static int occurrences(String text, String search) {
        int count = 0;
        for (int i = text.indexOf(search); i >= 0; i = text.indexOf(search, i + search.length())) {
            count++;
        }
        return count;
    }

    <T> Tool.Answer<T> delete(String path) {
        return switch (guard.forWrite(path)) {
            case PathGuard.Checked.Refused r -> Tool.Answer.error(r.message());
            case PathGuard.Checked.Allowed a -> {
                if (Files.isDirectory(a.file(), LinkOption.NOFOLLOW_LINKS)) {
                    yield Tool.Answer.error(PathGuard.quote(a.path()) + " is a directory; delete its files one by one");
                }
                try {
                    yield Files.deleteIfExists(a.file()) ? Tool.Answer.ok("deleted " + a.path())
                            : Tool.Answer.error("no file " + PathGuard.quote(a.path()) + " to delete");
                } catch (IOException e) {
                    yield Tool.Answer.error("could not delete " + PathGuard.quote(a.path()) + ": " + e.getMessage());
                }
            }
        };
    }
}
