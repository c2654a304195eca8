package dev.synod.runtime.gates.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * A Maven reactor: a {@code pom.xml} with {@code <modules>}, its modules in the order they build
 * (each after the modules it depends on, else in the order they are listed), and, for each, the
 * pom Maven resolves its class path from: the module's own pom without its dependencies on other
 * modules of the reactor, which Maven cannot find in the local repository offline before they are
 * installed. Those modules' class files and class paths are added by the compile gate instead.
 * Only one level: a module that is itself a reactor is compiled as one module.
 */
public record Reactor(List<Module> modules) {
    public Reactor {
        modules = List.copyOf(modules);
    }

    /**
     * One module.
     *
     * @param dir       its directory relative to the tree, as {@code <module>} names it
     * @param id        {@code groupId:artifactId}
     * @param main      the modules (by {@code dir}) its main sources depend on, transitively
     * @param test      the modules its test sources depend on besides, transitively
     * @param resolving its pom without the dependencies on other modules, for Maven
     */
    public record Module(String dir, String id, List<String> main, List<String> test, byte[] resolving) {
        public Module {
            main = List.copyOf(main);
            test = List.copyOf(test);
        }
    }

    /** A pom that cannot be read as a reactor; the message says which and why. */
    public static final class Invalid extends Exception {
        public Invalid(String message) {
            super(message);
        }
    }

    /** The reactor of {@code pom}, or empty when it lists no modules. */
    public static Optional<Reactor> of(Path pom) throws Invalid {
        Element root = parse(pom).getDocumentElement();
        List<String> dirs = texts(child(root, "modules"), "module");
        if (dirs.isEmpty()) {
            return Optional.empty();
        }
        String rootGroup = text(root, "groupId");
        Map<String, Document> poms = new LinkedHashMap<>();
        Map<String, String> ids = new LinkedHashMap<>();
        Map<String, String> dirById = new HashMap<>();
        Path base = pom.getParent();
        for (String dir : dirs) {
            Path modulePom = base.resolve(dir).resolve("pom.xml").normalize();
            if (!modulePom.startsWith(base) || !Files.isRegularFile(modulePom)) {
                throw new Invalid("pom.xml: module '" + dir + "' has no pom.xml at " + base.relativize(modulePom));
            }
            Document doc = parse(modulePom);
            Element project = doc.getDocumentElement();
            String group = text(project, "groupId");
            if (group == null) {
                group = text(child(project, "parent"), "groupId");
            }
            if (group == null) {
                group = rootGroup;
            }
            String id = group + ":" + text(project, "artifactId");
            poms.put(dir, doc);
            ids.put(dir, id);
            dirById.put(id, dir);
        }
        Map<String, List<String>> mainDeps = new HashMap<>();
        Map<String, List<String>> testDeps = new HashMap<>();
        for (String dir : dirs) {
            List<String> main = new ArrayList<>();
            List<String> test = new ArrayList<>();
            Element dependencies = child(poms.get(dir).getDocumentElement(), "dependencies");
            for (Element dependency : children(dependencies, "dependency")) {
                String group = text(dependency, "groupId");
                String artifact = text(dependency, "artifactId");
                String sibling = siblings(dirById, group, artifact, ids.get(dir));
                if (sibling != null) {
                    ("test".equals(text(dependency, "scope")) ? test : main).add(sibling);
                    dependencies.removeChild(dependency);
                }
            }
            mainDeps.put(dir, main);
            testDeps.put(dir, test);
        }
        List<String> order = new ArrayList<>();
        for (String dir : dirs) {
            visit(dir, mainDeps, testDeps, order, new LinkedHashSet<>());
        }
        List<Module> modules = new ArrayList<>();
        for (String dir : order) {
            Set<String> main = closure(mainDeps.get(dir), mainDeps);
            Set<String> test = closure(testDeps.get(dir), mainDeps);
            test.removeAll(main);
            modules.add(new Module(dir, ids.get(dir), List.copyOf(main), List.copyOf(test), serialize(poms.get(dir))));
        }
        return Optional.of(new Reactor(modules));
    }

    /** The module dir that {@code group:artifact} names, when it is another module of the reactor. */
    private static String siblings(Map<String, String> dirById, String group, String artifact, String self) {
        for (Map.Entry<String, String> e : dirById.entrySet()) {
            String[] id = e.getKey().split(":", 2);
            boolean groupMatches = group == null || group.startsWith("${") || group.equals(id[0]);
            if (groupMatches && id[1].equals(artifact) && !e.getKey().equals(self)) {
                return e.getValue();
            }
        }
        return null;
    }

    private static void visit(String dir, Map<String, List<String>> main, Map<String, List<String>> test, List<String> order,
            LinkedHashSet<String> path) throws Invalid {
        if (order.contains(dir)) {
            return;
        }
        if (!path.add(dir)) {
            throw new Invalid("pom.xml: the modules depend on each other in a cycle: " + String.join(" -> ", path) + " -> " + dir);
        }
        for (String d : main.get(dir)) {
            visit(d, main, test, order, path);
        }
        for (String d : test.get(dir)) {
            visit(d, main, test, order, path);
        }
        path.remove(dir);
        order.add(dir);
    }

    private static Set<String> closure(List<String> direct, Map<String, List<String>> main) {
        Set<String> out = new LinkedHashSet<>();
        List<String> work = new ArrayList<>(direct);
        while (!work.isEmpty()) {
            String d = work.removeFirst();
            if (out.add(d)) {
                work.addAll(main.get(d));
            }
        }
        return out;
    }

    private static Document parse(Path pom) throws Invalid {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            // An agent writes the poms: no DTDs, no external entities.
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setExpandEntityReferences(false);
            // Namespace-aware, so that the pom written back for Maven keeps its namespace as it was.
            factory.setNamespaceAware(true);
            return factory.newDocumentBuilder().parse(pom.toFile());
        } catch (ParserConfigurationException | SAXException e) {
            throw new Invalid(pom.getFileName() + ": expected a Maven pom, found XML that cannot be read: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + pom, e);
        }
    }

    private static byte[] serialize(Document doc) {
        try {
            TransformerFactory factory = TransformerFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            factory.newTransformer().transform(new DOMSource(doc), new StreamResult(out));
            return out.toByteArray();
        } catch (TransformerException e) {
            throw new IllegalStateException("a parsed pom could not be written back", e);
        }
    }

    private static Element child(Element parent, String name) {
        if (parent == null) {
            return null;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        if (parent != null) {
            for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && name.equals(e.getLocalName())) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    private static String text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? null : e.getTextContent().strip();
    }

    private static List<String> texts(Element parent, String name) {
        return children(parent, name).stream().map(e -> e.getTextContent().strip()).toList();
    }
}
