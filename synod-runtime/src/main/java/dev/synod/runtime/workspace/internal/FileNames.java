package dev.synod.runtime.workspace.internal;

import java.nio.file.Path;

/** How paths Synod cannot commit are shown: escaped, and by what kind of file they are. */
final class FileNames {
    private FileNames() {
    }

    /**
     * {@code name} with every character outside printable ASCII shown as {@code \\uXXXX}: the
     * JDK decodes each byte of a name that is not UTF-8 as U+FFFD, so those appear as
     * {@code \\ufffd}.
     */
    static String escaped(String name) {
        StringBuilder out = new StringBuilder(name.length() + 8);
        for (char c : name.toCharArray()) {
            if (c >= 0x20 && c < 0x7f && c != '\\') {
                out.append(c);
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out.toString();
    }

    /** What a file that is neither regular nor a directory is, from its {@code st_mode}. */
    static String kind(Path path, int mode) {
        return switch (mode & 0170000) {
            case 0120000 -> "a symbolic link" + target(path) + ", not followed";
            case 0010000 -> "a FIFO (named pipe)";
            case 0140000 -> "a socket";
            case 0020000 -> "a character device";
            case 0060000 -> "a block device";
            default -> "a file of type " + Integer.toOctalString(mode & 0170000);
        };
    }

    private static String target(Path link) {
        try {
            return " to " + escaped(java.nio.file.Files.readSymbolicLink(link).toString());
        } catch (java.io.IOException e) {
            return " (its target cannot be read: " + e.getMessage() + ")";
        }
    }
}
