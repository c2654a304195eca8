package dev.synod.runtime.gates;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * A small multi-package Maven-layout project as a model, written out as Java sources, and random
 * edits of it, for the incremental compile gate's property: classes in three packages, some
 * extending others, with constants, fields, static and instance methods that call each other's,
 * and test classes calling the main ones. Edits may break the project (a call to a removed
 * method, a changed parameter type); a later edit may fix it.
 */
final class GeneratedProject {
    private static final String[] PACKAGES = {"app.core", "app.util", "app.web"};

    /** A method: {@code static} or not, its parameter type, its body's number, the calls in its body. */
    private record Method(boolean isStatic, String parameter, int body, List<String> calls) {
    }

    private static final class Model {
        String pkg;
        String name;
        String superclass;
        boolean test;
        Integer constant;
        String fieldType = "int";
        final Map<String, Method> methods = new LinkedHashMap<>();

        String qualified() {
            return pkg + "." + name;
        }
    }

    private final List<Model> classes = new ArrayList<>();
    private int counter;

    /** A project of six main classes and two test classes, decided by {@code seed}. */
    GeneratedProject(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < 8; i++) {
            addClass(random, i >= 6);
        }
    }

    /** Applies the edit that {@code code} picks, and says which. */
    String edit(int code) {
        Random random = new Random(code);
        Model c = classes.get(random.nextInt(classes.size()));
        switch (random.nextInt(11)) {
            case 0 -> {
                if (c.methods.isEmpty()) {
                    return "nothing";
                }
                String name = pick(random, new ArrayList<>(c.methods.keySet()));
                Method m = c.methods.get(name);
                c.methods.put(name, new Method(m.isStatic(), m.parameter(), m.body() + 1, m.calls()));
                return "body of " + c.qualified() + "." + name;
            }
            case 1 -> {
                String name = "m" + counter++;
                c.methods.put(name, new Method(random.nextInt(3) == 0, "int", random.nextInt(9), calls(random, c)));
                return "add method " + c.qualified() + "." + name;
            }
            case 2 -> {
                if (c.methods.isEmpty()) {
                    return "nothing";
                }
                String name = pick(random, new ArrayList<>(c.methods.keySet()));
                c.methods.remove(name);
                return "remove method " + c.qualified() + "." + name;
            }
            case 3 -> {
                if (c.methods.isEmpty()) {
                    return "nothing";
                }
                String name = pick(random, new ArrayList<>(c.methods.keySet()));
                Method m = c.methods.get(name);
                String type = m.parameter().equals("int") ? (random.nextBoolean() ? "long" : "String") : "int";
                c.methods.put(name, new Method(m.isStatic(), type, m.body(), m.calls()));
                return "signature of " + c.qualified() + "." + name + " to " + type;
            }
            case 4 -> {
                if (c.constant == null) {
                    c.constant = random.nextInt(5);
                } else {
                    c.constant = random.nextBoolean() ? null : Integer.valueOf(c.constant + 1);
                }
                return "constant of " + c.qualified() + " to " + c.constant;
            }
            case 5 -> {
                c.fieldType = c.fieldType.equals("int") ? "long" : "int";
                return "field of " + c.qualified() + " to " + c.fieldType;
            }
            case 6 -> {
                Model added = addClass(random, random.nextInt(4) == 0);
                return "add class " + added.qualified();
            }
            case 7 -> {
                if (classes.size() <= 2) {
                    return "nothing";
                }
                classes.remove(c);
                return "remove class " + c.qualified();
            }
            case 8 -> {
                List<Model> others = classes.stream().filter(o -> o != c && (c.test || !o.test)).toList();
                c.superclass = c.superclass != null || others.isEmpty() ? null : pick(random, others).qualified();
                return "superclass of " + c.qualified() + " to " + c.superclass;
            }
            case 9 -> {
                if (c.methods.isEmpty()) {
                    return "nothing";
                }
                String name = pick(random, new ArrayList<>(c.methods.keySet()));
                Method m = c.methods.get(name);
                c.methods.put(name, new Method(m.isStatic(), m.parameter(), m.body(), calls(random, c)));
                return "calls of " + c.qualified() + "." + name;
            }
            default -> {
                // Fix: every call to a method that is gone, or takes another type, is dropped.
                for (Model model : classes) {
                    model.methods.replaceAll((n, m) -> new Method(m.isStatic(), m.parameter(), m.body(),
                            m.calls().stream().filter(this::resolves).toList()));
                }
                return "fix calls";
            }
        }
    }

    private boolean resolves(String call) {
        String[] parts = call.split("#");
        return classes.stream().anyMatch(c -> c.qualified().equals(parts[1]) && c.methods.containsKey(parts[2])
                && c.methods.get(parts[2]).parameter().equals("int") && (c.methods.get(parts[2]).isStatic() == parts[0].equals("s")));
    }

    private Model addClass(Random random, boolean test) {
        Model c = new Model();
        c.pkg = PACKAGES[random.nextInt(PACKAGES.length)];
        c.name = (test ? "Check" : "Part") + counter++;
        c.test = test;
        if (random.nextInt(3) == 0) {
            c.constant = random.nextInt(5);
        }
        List<Model> supers = classes.stream().filter(o -> test || !o.test).toList();
        if (!supers.isEmpty() && random.nextInt(3) == 0) {
            c.superclass = pick(random, supers).qualified();
        }
        int methods = 1 + random.nextInt(3);
        for (int i = 0; i < methods; i++) {
            c.methods.put("m" + counter++, new Method(random.nextInt(3) == 0, "int", random.nextInt(9), calls(random, c)));
        }
        classes.add(c);
        return c;
    }

    /** Up to two calls from a method of {@code from} to methods of other classes it may see. */
    private List<String> calls(Random random, Model from) {
        List<String> out = new ArrayList<>();
        List<Model> targets = classes.stream().filter(o -> o != from && (from.test || !o.test) && !o.methods.isEmpty()).toList();
        // Half the calls, when they can, go to a class that has a subclass: through it, they reach inherited methods.
        List<Model> inherited = targets.stream().filter(t -> classes.stream()
                .anyMatch(o -> t.qualified().equals(o.superclass) && (from.test || !o.test))).toList();
        for (int i = 0; i < 2 && !targets.isEmpty(); i++) {
            Model target = !inherited.isEmpty() && random.nextBoolean() ? pick(random, inherited) : pick(random, targets);
            String name = pick(random, new ArrayList<>(target.methods.keySet()));
            String kind = target.methods.get(name).isStatic() ? "s" : "i";
            // An instance call through a subclass, when there is one, reaches an inherited method.
            String through = classes.stream().filter(o -> target.qualified().equals(o.superclass) && (from.test || !o.test))
                    .map(Model::qualified).findFirst().orElse(target.qualified());
            out.add(kind + "#" + target.qualified() + "#" + name + "#" + through + "#" + (random.nextBoolean() && target.constant != null));
        }
        return out;
    }

    private static <T> T pick(Random random, List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    /** Writes the project into {@code tree}, removing the sources of classes that are gone. */
    void write(Path tree) throws IOException {
        if (Files.isDirectory(tree.resolve("src"))) {
            try (Stream<Path> files = Files.walk(tree.resolve("src"))) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    Files.delete(f);
                }
            }
        }
        for (Model c : classes) {
            Path path = tree.resolve(c.test ? "src/test/java" : "src/main/java").resolve(c.pkg.replace('.', '/'))
                    .resolve(c.name + ".java");
            Files.createDirectories(path.getParent());
            Files.writeString(path, render(c));
        }
    }

    private static String render(Model c) {
        StringBuilder out = new StringBuilder("package ").append(c.pkg).append(";\n\npublic class ").append(c.name);
        if (c.superclass != null) {
            out.append(" extends ").append(c.superclass);
        }
        out.append(" {\n");
        if (c.constant != null) {
            out.append("    public static final int K = ").append(c.constant).append(";\n");
        }
        out.append("    public ").append(c.fieldType).append(" field;\n");
        for (Map.Entry<String, Method> e : c.methods.entrySet()) {
            Method m = e.getValue();
            out.append("    public ").append(m.isStatic() ? "static " : "").append("int ").append(e.getKey()).append('(')
                    .append(m.parameter()).append(" x) {\n        int y = ").append(m.body()).append(";\n");
            for (String call : m.calls()) {
                String[] p = call.split("#");
                String receiver = p[0].equals("s") ? p[1] : "new " + p[3] + "()";
                out.append("        y += ").append(receiver).append('.').append(p[2]).append("(1)");
                if (p[4].equals("true")) {
                    out.append(" + ").append(p[1]).append(".K");
                }
                out.append(";\n");
            }
            out.append("        return y;\n    }\n");
        }
        return out.append("}\n").toString();
    }
}
