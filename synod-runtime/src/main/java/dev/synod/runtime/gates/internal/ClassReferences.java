package dev.synod.runtime.gates.internal;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The classes a class file refers to, read from its constant pool: every {@code CONSTANT_Class}
 * entry, and every class named in a descriptor or generic signature among its {@code CONSTANT_Utf8}
 * entries (a parameter type, a field type, an annotation's class, which leave no
 * {@code CONSTANT_Class}), as binary names ({@code p.Outer$Inner}). A string constant that looks
 * like a descriptor adds a name that is not a reference; the incremental compiler only recompiles
 * more for it. The project compiles for Java 21, where the JDK's class-file API is a preview, so
 * the pool is parsed here; it is a flat table of tagged entries.
 */
public final class ClassReferences {
    private static final Pattern DESCRIBED = Pattern.compile("L([^;<>:\\[.]+)[;<]");

    private ClassReferences() {
    }

    /** The binary names {@code classFile} refers to, itself excluded. */
    public static Set<String> of(byte[] classFile) {
        Reader in = new Reader(classFile);
        if (in.u4() != 0xCAFEBABEL) {
            throw new IllegalArgumentException("expected a class file (0xCAFEBABE), found other bytes");
        }
        in.skip(4);
        int count = in.u2();
        String[] utf8 = new String[count];
        // For each pool index holding a CONSTANT_Class, the index of its name; 0 elsewhere.
        int[] classNames = new int[count];
        for (int i = 1; i < count; i++) {
            int tag = in.u1();
            switch (tag) {
                case 1 -> {
                    int length = in.u2();
                    utf8[i] = in.utf8(length);
                }
                case 7 -> classNames[i] = in.u2();
                case 8, 16, 19, 20 -> in.skip(2);
                case 15 -> in.skip(3);
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skip(4);
                case 5, 6 -> {
                    in.skip(8);
                    i++;
                }
                default -> throw new IllegalArgumentException("unknown constant pool tag " + tag + " at entry " + i);
            }
        }
        in.skip(2);
        String self = utf8[classNames[in.u2()]];
        Set<String> out = new HashSet<>();
        for (int nameIndex : classNames) {
            String name = nameIndex == 0 ? null : utf8[nameIndex];
            if (name != null && !name.startsWith("[")) {
                out.add(name.replace('/', '.'));
            }
        }
        for (String s : utf8) {
            if (s != null && s.indexOf(';') > 0) {
                Matcher m = DESCRIBED.matcher(s);
                while (m.find()) {
                    out.add(m.group(1).replace('/', '.'));
                }
            }
        }
        if (self != null) {
            out.remove(self.replace('/', '.'));
        }
        return out;
    }

    private static final class Reader {
        private final byte[] bytes;
        private int at;

        Reader(byte[] bytes) {
            this.bytes = bytes;
        }

        int u1() {
            return bytes[at++] & 0xFF;
        }

        int u2() {
            return (u1() << 8) | u1();
        }

        long u4() {
            return ((long) u2() << 16) | u2();
        }

        void skip(int n) {
            at += n;
        }

        String utf8(int length) {
            String s = new String(bytes, at, length, StandardCharsets.UTF_8);
            at += length;
            return s;
        }
    }
}
