package dev.synod.runtime.internal;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * Gives a directory Synod owns its owner's permissions back. An agent may {@code chmod 000} a
 * directory of its workspace; without read, write and search permission its owner can neither
 * list nor empty it, and the role's workspace would be unusable for every later attempt.
 */
public final class Permissions {
    private static final Set<PosixFilePermission> OWNER = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);

    private Permissions() {
    }

    /**
     * Adds owner read, write and search permission to the directory {@code dir} if it lacks any;
     * nothing for a symbolic link or a file system without POSIX permissions.
     *
     * @throws AccessDeniedException naming {@code dir} when its permissions cannot be changed
     *                               (it belongs to another user)
     */
    public static void restoreOwnerAccess(Path dir) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(dir, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        if (view == null || !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Set<PosixFilePermission> now = view.readAttributes().permissions();
        if (now.containsAll(OWNER)) {
            return;
        }
        Set<PosixFilePermission> wanted = EnumSet.copyOf(OWNER);
        wanted.addAll(now);
        try {
            // Through the path, not the view without links: the JDK sets a mode without following
            // links by opening the file, which a directory without permissions refuses. It is a
            // directory, not a link, as checked above.
            Files.setPosixFilePermissions(dir, wanted);
        } catch (FileSystemException e) {
            throw new AccessDeniedException(dir.toString(), null, "cannot read the directory and could not give its"
                    + " owner read, write and search permission back: " + e.getMessage());
        }
    }
}
