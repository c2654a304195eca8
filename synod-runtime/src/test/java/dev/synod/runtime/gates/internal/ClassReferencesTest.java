package dev.synod.runtime.gates.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassReferencesTest {
    @TempDir
    Path dir;

    @Test
    void finds_classes_named_only_in_descriptors_and_signatures_besides_the_class_entries() throws Exception {
        Path src = dir.resolve("src");
        Files.createDirectories(src.resolve("p"));
        Files.writeString(src.resolve("p/Used.java"), "package p;\n\npublic class Used {\n    public static Used make() {\n"
                + "        return new Used();\n    }\n}\n");
        Files.writeString(src.resolve("p/Param.java"), "package p;\n\npublic class Param {\n}\n");
        Files.writeString(src.resolve("p/Element.java"), "package p;\n\npublic class Element {\n}\n");
        Files.writeString(src.resolve("p/User.java"), "package p;\n\nimport java.util.List;\n\npublic class User {\n"
                + "    List<Element> elements;\n    void take(Param p) {\n    }\n    Object get() {\n        return Used.make();\n    }\n}\n");
        Path out = Files.createDirectories(dir.resolve("out"));
        List<Located> errors = new WarmCompiler().compile(new WarmCompiler.Task(
                List.of(src.resolve("p/Used.java"), src.resolve("p/Param.java"), src.resolve("p/Element.java"),
                        src.resolve("p/User.java")), List.of(), out, 21), dir);
        assertThat(errors).isEmpty();

        assertThat(ClassReferences.of(Files.readAllBytes(out.resolve("p/User.class"))))
                .contains("p.Used", "p.Param", "p.Element", "java.util.List", "java.lang.Object")
                .doesNotContain("p.User");
    }

    @Test
    void refuses_bytes_that_are_not_a_class_file() {
        assertThatThrownBy(() -> ClassReferences.of(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 0, 0}))
                .hasMessage("expected a class file (0xCAFEBABE), found other bytes");
    }
}
