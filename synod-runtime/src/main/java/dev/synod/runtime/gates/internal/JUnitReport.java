package dev.synod.runtime.gates.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The failed tests of a JUnit console launcher run, from the legacy XML reports it writes with
 * {@code --reports-dir}, as diagnostics located at the failing line of the test's source:
 * {@code src/test/java/a/FooTest.java:42:1: FooTest.adds: expected: <3> but was: <4>}.
 */
public final class JUnitReport {
    /** A stack frame: {@code at a.b.FooTest.adds(FooTest.java:42)}. */
    private static final Pattern FRAME = Pattern.compile("at ([\\w$.]+)\\.[\\w$<>]+\\(([\\w$]+\\.java):([0-9]+)\\)");

    private JUnitReport() {
    }

    /**
     * The failures and errors in the reports of {@code reports}. {@code sources} are the tree's
     * Java sources (relative paths) that a stack frame may be located in.
     */
    public static List<String> failures(Path reports, Set<String> sources) {
        List<String> out = new ArrayList<>();
        for (Path file : reportFiles(reports)) {
            NodeList cases = parse(file).getElementsByTagName("testcase");
            for (int i = 0; i < cases.getLength(); i++) {
                Element testcase = (Element) cases.item(i);
                Element failure = first(testcase, "failure");
                if (failure == null) {
                    failure = first(testcase, "error");
                }
                if (failure != null) {
                    out.add(describe(testcase, failure, sources));
                }
            }
        }
        return out;
    }

    /**
     * When the launcher itself died (an {@code OutOfMemoryError} is rethrown past JUnit, a test
     * called {@code System.exit}), what its output says: the exception with the first frame in
     * the tree's sources as its location, then the output's other lines without stack frames.
     */
    public static List<String> crash(String output, Set<String> sources, String fallbackPath) {
        List<String> out = new ArrayList<>();
        Matcher thrown = Pattern.compile("(?m)^Exception in thread \"[^\"]*\" (.+)$").matcher(output);
        if (thrown.find()) {
            String located = locate(output, "", sources, false);
            out.add((located != null ? located : fallbackPath + ":1:1") + ": the test JVM died: " + thrown.group(1).strip());
        }
        output.lines().filter(l -> !l.isBlank() && !l.strip().startsWith("at ") && !l.strip().matches("\\.\\.\\. [0-9]+ more")
                && !l.startsWith("Exception in thread ")).forEach(out::add);
        return out;
    }

    private static String describe(Element testcase, Element failure, Set<String> sources) {
        String className = testcase.getAttribute("classname");
        String simple = className.substring(className.lastIndexOf('.') + 1);
        String test = simple + "." + testcase.getAttribute("name").replace("()", "");
        String message = failure.getAttribute("message");
        if (message.isBlank()) {
            message = failure.getAttribute("type");
        }
        message = message.lines().findFirst().orElse("").strip();
        String trace = failure.getTextContent();
        String located = locate(trace, className, sources, true);
        if (located == null) {
            located = locate(trace, className, sources, false);
        }
        if (located == null) {
            located = fileOf(className, sources) + ":1:1";
        }
        return located + ": " + test + ": " + message;
    }

    /** The first frame of the test class (or, when {@code ownClassOnly} is false, of any class of the tree) as path:line:1. */
    private static String locate(String trace, String className, Set<String> sources, boolean ownClassOnly) {
        Matcher m = FRAME.matcher(trace);
        while (m.find()) {
            String frameClass = m.group(1);
            String outer = frameClass.contains("$") ? frameClass.substring(0, frameClass.indexOf('$')) : frameClass;
            if (ownClassOnly && !outer.equals(className)) {
                continue;
            }
            String packagePath = outer.contains(".") ? outer.substring(0, outer.lastIndexOf('.')).replace('.', '/') + "/" : "";
            for (String root : List.of(TestSources.TEST, TestSources.MAIN)) {
                String path = root + "/" + packagePath + m.group(2);
                if (sources.contains(path)) {
                    return path + ":" + m.group(3) + ":1";
                }
            }
        }
        return null;
    }

    private static String fileOf(String className, Set<String> sources) {
        String outer = className.contains("$") ? className.substring(0, className.indexOf('$')) : className;
        String path = TestSources.TEST + "/" + outer.replace('.', '/') + ".java";
        return sources.contains(path) ? path : TestSources.TEST;
    }

    private static Element first(Element parent, String tag) {
        NodeList list = parent.getElementsByTagName(tag);
        return list.getLength() == 0 ? null : (Element) list.item(0);
    }

    private static List<Path> reportFiles(Path reports) {
        if (!Files.isDirectory(reports)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(reports)) {
            return files.filter(f -> f.getFileName().toString().startsWith("TEST-") && f.toString().endsWith(".xml"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the test reports in " + reports, e);
        }
    }

    private static org.w3c.dom.Document parse(Path file) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            // The report is written by code the agent controls: no DTDs, no external entities.
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            return builder.parse(file.toFile());
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("the test report " + file.getFileName() + " is not readable XML: "
                    + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the test report " + file, e);
        }
    }
}
