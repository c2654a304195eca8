package dev.synod.runtime.gates.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the lines a tool printed into {@link Located} diagnostics. It knows the forms tools
 * print: javac's {@code path:line: error: message} with the source line, a caret under the
 * column and indented details; Maven's {@code [ERROR] path:[line,col] message}; Checkstyle's
 * {@code [ERROR] path:line:col: message [Check]}; TypeScript's {@code path(line,col): message};
 * the generic {@code path:line:col: message} and {@code path:line: message}; and Java stack
 * traces, as JUnit prints them, folded into one diagnostic at the first frame whose source is
 * in the tree. Any other line is kept as it is; blank lines are dropped.
 */
public final class ToolOutput {
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;?]*[ -/]*[@-~]");
    private static final Pattern CHECKSTYLE = Pattern.compile(
            "\\[(ERROR|WARN|WARNING|INFO)]\\s+(\\S.*?):(\\d+):(?:(\\d+):)?\\s+(.*?)\\s+\\[(\\w+)]");
    private static final Pattern MAVEN = Pattern.compile("\\[(ERROR|WARNING)]\\s+(\\S.*?):\\[(\\d+),(\\d+)]\\s*(.*)");
    private static final Pattern TSC = Pattern.compile("(\\S[^()\\s]*)\\((\\d+),(\\d+)\\):\\s*(.*)");
    private static final Pattern WITH_COLUMN = Pattern.compile("(\\S[^:\\s]*):(\\d+):(\\d+):\\s*(.*)");
    private static final Pattern WITHOUT_COLUMN = Pattern.compile("(\\S[^:\\s]*):(\\d+):\\s*(.*)");
    private static final Pattern CARET = Pattern.compile("\\s*\\^\\s*");
    private static final Pattern DETAIL = Pattern.compile("\\s{2,}\\S.*");
    private static final Pattern KEYED_DETAIL = Pattern.compile("\\s+(symbol|location|required|found|reason)\\s*:.*");
    private static final Pattern JAVAC_SUMMARY = Pattern.compile("\\d+ (errors?|warnings?)");
    private static final Pattern EXCEPTION = Pattern.compile(
            "\\s*(=>\\s*|Caused by:\\s*|Suppressed:\\s*|Exception in thread \"[^\"]*\"\\s+)?"
                    + "((?:[a-z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error|Throwable|Failure|Failed)[\\w$]*)(?::\\s*(.*))?");
    private static final Pattern FRAME = Pattern.compile(
            "\\s*(?:at\\s+)?(?:[\\w.$-]+(?:@[\\w.-]+)?/)?((?:[\\w$]+\\.)+)([\\w$<>]+)\\(([\\w$]+\\.java):(\\d+)\\)\\s*");
    private static final Pattern OTHER_FRAME = Pattern.compile("\\s*at\\s+\\S+\\(.*\\)\\s*|\\s*\\.\\.\\. \\d+ more\\s*");
    private static final Pattern PY_TRACEBACK = Pattern.compile("Traceback \\(most recent call last\\):");
    private static final Pattern PY_FRAME = Pattern.compile("\\s+File \"([^\"]+)\", line (\\d+)(?:, in .*)?");
    /** A line of only {@code =} or {@code -}, as unittest and pytest draw between failures: no diagnostic. */
    private static final Pattern RULE = Pattern.compile("\\s*(=|-){10,}\\s*");
    /** How far after an exception's first line its message may go on before the frames start. */
    private static final int MESSAGE_LINES = 12;

    private ToolOutput() {
    }

    /**
     * The diagnostics in {@code lines}.
     *
     * @param sources finds the file in the tree of a stack frame, from the class name and the
     *                file name the frame gives; empty when the source is not in the tree
     */
    public static List<Located> parse(List<String> lines, BiFunction<String, String, Optional<String>> sources) {
        List<String> clean = lines.stream().map(l -> ANSI.matcher(l).replaceAll("").stripTrailing()).toList();
        List<Located> out = new ArrayList<>();
        int i = 0;
        while (i < clean.size()) {
            String line = clean.get(i);
            if (line.isBlank() || JAVAC_SUMMARY.matcher(line).matches()) {
                i++;
                continue;
            }
            if (RULE.matcher(line).matches()) {
                i++;
                continue;
            }
            int pythonEnd = pythonTrace(clean, i, out);
            if (pythonEnd > i) {
                i = pythonEnd;
                continue;
            }
            int traceEnd = trace(clean, i, sources, out);
            if (traceEnd > i) {
                i = traceEnd;
                continue;
            }
            Matcher frame = FRAME.matcher(line);
            if (frame.matches() || OTHER_FRAME.matcher(line).matches()) {
                // A frame outside any trace: kept only when its source is in the tree.
                if (frame.matches()) {
                    String at = "at " + frame.group(1) + frame.group(2) + "(" + frame.group(3) + ":" + frame.group(4) + ")";
                    sources.apply(className(frame.group(1)), frame.group(3)).ifPresent(path -> out.add(new Located(path,
                            Integer.parseInt(frame.group(4)), 0, at)));
                }
                i++;
                continue;
            }
            i = located(clean, i, out);
        }
        return out;
    }

    /** Parses the located (or plain) diagnostic starting at {@code i}; returns the index after it. */
    private static int located(List<String> lines, int i, List<Located> out) {
        String line = lines.get(i);
        Matcher m;
        if ((m = CHECKSTYLE.matcher(line)).matches()) {
            String severity = m.group(1).startsWith("WARN") ? "warning: " : m.group(1).equals("INFO") ? "info: " : "";
            out.add(new Located(m.group(2), Integer.parseInt(m.group(3)), m.group(4) == null ? 0 : Integer.parseInt(m.group(4)),
                    severity + "[" + m.group(6) + "] " + m.group(5)));
            return i + 1;
        }
        if ((m = MAVEN.matcher(line)).matches()) {
            List<String> details = new ArrayList<>();
            int next = details(lines, i + 1, KEYED_DETAIL, details);
            out.add(new Located(m.group(2), Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)),
                    (m.group(1).equals("ERROR") ? "error: " : "warning: ") + withDetails(m.group(5), details)));
            return next;
        }
        if ((m = TSC.matcher(line)).matches() || (m = WITH_COLUMN.matcher(line)).matches()) {
            out.add(new Located(m.group(1), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), m.group(4)));
            return i + 1;
        }
        if ((m = WITHOUT_COLUMN.matcher(line)).matches()) {
            return javacBlock(lines, i, m, out);
        }
        out.add(Located.plain(line.strip()));
        return i + 1;
    }

    /**
     * javac's form: {@code path:line: message}, then (when javac echoes the source) the source
     * line, a caret under the column, and indented details such as {@code symbol:} and
     * {@code location:}, which are folded into the message.
     */
    private static int javacBlock(List<String> lines, int i, Matcher m, List<Located> out) {
        String path = m.group(1);
        int lineNumber = Integer.parseInt(m.group(2));
        String message = m.group(3);
        if (i + 2 < lines.size() && CARET.matcher(lines.get(i + 2)).matches()) {
            int column = lines.get(i + 2).indexOf('^') + 1;
            List<String> details = new ArrayList<>();
            int next = details(lines, i + 3, DETAIL, details);
            out.add(new Located(path, lineNumber, column, withDetails(message, details)));
            return next;
        }
        out.add(new Located(path, lineNumber, 0, message));
        return i + 1;
    }

    /** Adds the lines from {@code from} on that match {@code detail} to {@code out}; returns the index after them. */
    private static int details(List<String> lines, int from, Pattern detail, List<String> out) {
        int next = from;
        while (next < lines.size() && detail.matcher(lines.get(next)).matches() && !isFrame(lines.get(next))) {
            out.add(lines.get(next).strip().replaceAll("\\s+", " "));
            next++;
        }
        return next;
    }

    /** A message with its indented details: {@code cannot find symbol (symbol: class Foo; location: class A)}. */
    public static String withDetails(String message, List<String> details) {
        return details.isEmpty() ? message : message + " (" + String.join("; ", details) + ")";
    }

    /**
     * A stack trace starting at {@code i}: an exception line, possibly more lines of its message,
     * then frames. Adds one diagnostic for it and returns the index after the trace, or returns
     * {@code i} when no trace starts there.
     */
    private static int trace(List<String> lines, int i, BiFunction<String, String, Optional<String>> sources, List<Located> out) {
        Matcher exception = EXCEPTION.matcher(lines.get(i));
        if (!exception.matches()) {
            return i;
        }
        int firstFrame = -1;
        for (int j = i + 1; j < lines.size() && j <= i + MESSAGE_LINES; j++) {
            if (isFrame(lines.get(j))) {
                firstFrame = j;
                break;
            }
        }
        if (firstFrame < 0) {
            return i;
        }
        String prefix = exception.group(1) == null ? "" : exception.group(1).strip();
        StringBuilder message = new StringBuilder(prefix.startsWith("Caused by") ? "caused by: "
                : prefix.startsWith("Suppressed") ? "suppressed: " : "").append(exception.group(2));
        List<String> text = new ArrayList<>();
        if (exception.group(3) != null && !exception.group(3).isBlank()) {
            text.add(exception.group(3).strip());
        }
        lines.subList(i + 1, firstFrame).stream().map(String::strip).filter(s -> !s.isEmpty()).forEach(text::add);
        if (!text.isEmpty()) {
            message.append(": ").append(String.join(" ", text).replaceAll("\\s+", " "));
        }
        Located at = null;
        int j = firstFrame;
        for (; j < lines.size() && isFrame(lines.get(j)); j++) {
            Matcher frame = FRAME.matcher(lines.get(j));
            if (at == null && frame.matches()) {
                Optional<String> path = sources.apply(className(frame.group(1)), frame.group(3));
                if (path.isPresent()) {
                    at = new Located(path.get(), Integer.parseInt(frame.group(4)), 0, message.toString());
                }
            }
        }
        out.add(at != null ? at : Located.plain(message.toString()));
        return j;
    }

    /**
     * A Python traceback starting at {@code i}: its frames (indented {@code File "P", line N, in F}
     * lines, each with the source line under it), then the exception and the lines of its message
     * up to a blank line or a rule. Adds one diagnostic at the innermost frame in the tree (a
     * relative path, as paths in the tree are made relative before parsing; the interpreter's own
     * files are absolute), and returns the index after the traceback, or {@code i} when none starts
     * there.
     */
    private static int pythonTrace(List<String> lines, int i, List<Located> out) {
        if (!PY_TRACEBACK.matcher(lines.get(i).strip()).matches()) {
            return i;
        }
        String path = null;
        int lineNumber = 0;
        int j = i + 1;
        for (; j < lines.size() && (lines.get(j).isEmpty() || Character.isWhitespace(lines.get(j).charAt(0))); j++) {
            Matcher frame = PY_FRAME.matcher(lines.get(j));
            if (frame.matches() && !frame.group(1).startsWith("/") && !frame.group(1).startsWith("<")) {
                path = frame.group(1);
                lineNumber = Integer.parseInt(frame.group(2));
            }
        }
        List<String> message = new ArrayList<>();
        for (; j < lines.size() && !lines.get(j).isBlank() && !RULE.matcher(lines.get(j)).matches(); j++) {
            if (message.size() < MESSAGE_LINES) {
                message.add(lines.get(j).strip());
            }
        }
        String text = message.isEmpty() ? "a Python traceback without its exception" : String.join("; ", message);
        out.add(path == null ? Located.plain(text) : new Located(path, lineNumber, 0, text));
        return j;
    }

    private static boolean isFrame(String line) {
        return FRAME.matcher(line).matches() || OTHER_FRAME.matcher(line).matches();
    }

    /** {@code com.acme.Foo.} (a frame's class with its trailing dot) as {@code com.acme.Foo}. */
    private static String className(String withDot) {
        return withDot.substring(0, withDot.length() - 1);
    }
}
