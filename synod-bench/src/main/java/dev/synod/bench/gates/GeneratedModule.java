package dev.synod.bench.gates;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small Maven module for the gates' benchmark: {@value #PARTS} main classes that use records,
 * collections, loops, switches and each other, and two JUnit 5 test classes of ten tests each,
 * about a thousand lines in ten files, with a {@code pom.xml} that builds offline with the
 * plugins Synod's own build uses. The tests pass: their expected values are computed here by the
 * same arithmetic the classes do.
 */
final class GeneratedModule {
    static final int PARTS = 8;
    /** Filler methods per class, each seven lines: they bring a class to about a hundred lines. */
    private static final int WEIGHTS = 7;
    static final String PACKAGE = "bench.shop";

    private GeneratedModule() {
    }

    /** The module's files, path to text. */
    static Map<String, String> files() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("pom.xml", pom());
        String dir = PACKAGE.replace('.', '/');
        for (int part = 1; part <= PARTS; part++) {
            files.put("src/main/java/" + dir + "/Part" + part + ".java", part(part));
        }
        files.put("src/test/java/" + dir + "/FirstPartsTest.java", test("FirstPartsTest", 1));
        files.put("src/test/java/" + dir + "/LastPartsTest.java", test("LastPartsTest", PARTS / 2 + 1));
        return files;
    }

    /** Writes the module into {@code dir}; returns the number of lines of its Java files. */
    static int write(Path dir) throws IOException {
        int lines = 0;
        for (var file : files().entrySet()) {
            Path path = dir.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue());
            if (file.getKey().endsWith(".java")) {
                lines += (int) file.getValue().lines().count();
            }
        }
        return lines;
    }

    private static String pom() {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>bench</groupId>
                  <artifactId>shop</artifactId>
                  <version>1</version>
                  <properties>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                  </properties>
                  <dependencies>
                    <dependency>
                      <groupId>org.junit.jupiter</groupId>
                      <artifactId>junit-jupiter</artifactId>
                      <version>5.14.1</version>
                      <scope>test</scope>
                    </dependency>
                  </dependencies>
                  <build>
                    <plugins>
                      <plugin>
                        <groupId>org.apache.maven.plugins</groupId>
                        <artifactId>maven-resources-plugin</artifactId>
                        <version>3.3.1</version>
                      </plugin>
                      <plugin>
                        <groupId>org.apache.maven.plugins</groupId>
                        <artifactId>maven-compiler-plugin</artifactId>
                        <version>3.14.0</version>
                        <configuration>
                          <release>21</release>
                          <compilerArgs><arg>-proc:none</arg></compilerArgs>
                        </configuration>
                      </plugin>
                      <plugin>
                        <groupId>org.apache.maven.plugins</groupId>
                        <artifactId>maven-surefire-plugin</artifactId>
                        <version>3.5.4</version>
                      </plugin>
                    </plugins>
                  </build>
                </project>
                """;
    }

    private static String part(int n) {
        StringBuilder out = new StringBuilder();
        out.append("""
                package %1$s;

                import java.util.ArrayList;
                import java.util.List;
                import java.util.Map;
                import java.util.TreeMap;

                /** Part %2$d of the generated shop. */
                public final class Part%2$d {
                    /** One line of an order. */
                    public record Line(String sku, int quantity, long cents) {
                        public Line {
                            if (quantity < 0) {
                                throw new IllegalArgumentException("quantity must not be negative: " + quantity);
                            }
                        }

                        public long total() {
                            return quantity * cents;
                        }
                    }

                    private final List<Line> lines = new ArrayList<>();

                    public Part%2$d add(String sku, int quantity, long cents) {
                        lines.add(new Line(sku, quantity, cents));
                        return this;
                    }

                    public long total() {
                        long sum = 0;
                        for (Line line : lines) {
                            sum += line.total();
                        }
                        return sum;
                    }

                    public Map<String, Long> bySku() {
                        Map<String, Long> out = new TreeMap<>();
                        lines.forEach(l -> out.merge(l.sku(), l.total(), Long::sum));
                        return out;
                    }

                    public long discounted(int percent) {
                        return switch (percent / 10) {
                            case 0 -> total();
                            case 1, 2 -> total() * (100 - percent) / 100;
                            default -> total() / 2;
                        };
                    }

                    public long withPrevious() {
                        return total() + %3$s;
                    }
                """.formatted(PACKAGE, n, n == 1 ? "0" : "new Part" + (n - 1) + "().add(\"x\", 1, 3).total()"));
        for (int k = 1; k <= WEIGHTS; k++) {
            out.append("""

                        public long weight%1$d(long x) {
                            long acc = x;
                            for (int i = 0; i < %1$d; i++) {
                                acc = (acc * 31 + i) %% 1000;
                            }
                            return acc;
                        }
                    """.formatted(k));
        }
        return out.append("}\n").toString();
    }

    /** The arithmetic of {@code weightK(x)} in the generated classes. */
    private static long weight(int k, long x) {
        long acc = x;
        for (int i = 0; i < k; i++) {
            acc = (acc * 31 + i) % 1000;
        }
        return acc;
    }

    private static String test(String name, int firstPart) {
        List<String> tests = new ArrayList<>();
        for (int p = firstPart; p < firstPart + PARTS / 2; p++) {
            tests.add("""
                        @Test
                        void part%1$d_totals_its_lines() {
                            assertEquals(130, new Part%1$d().add("a", 2, 50).add("b", 1, 30).total());
                        }
                    """.formatted(p));
            tests.add("""
                        @Test
                        void part%1$d_discounts() {
                            assertEquals(90, new Part%1$d().add("a", 1, 100).discounted(10));
                        }
                    """.formatted(p));
        }
        for (int k = 1; tests.size() < 10; k++) {
            int p = firstPart + k % (PARTS / 2);
            tests.add("""
                        @Test
                        void part%1$d_weight%2$d() {
                            assertEquals(%3$dL, new Part%1$d().weight%2$d(%4$d));
                        }
                    """.formatted(p, k, weight(k, 7L * k), 7 * k));
        }
        return """
                package %s;

                import static org.junit.jupiter.api.Assertions.assertEquals;

                import org.junit.jupiter.api.Test;

                class %s {
                %s}
                """.formatted(PACKAGE, name, String.join("\n", tests));
    }
}
