package dev.synod.runtime.workspace.internal;

import dev.synod.runtime.internal.Directories;
import dev.synod.runtime.workspace.ObjectLog;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Writes objects whose ids are known (checked) into a repository as one git pack (version 2, no
 * deltas) with its index (version 2), in git's formats ({@code gitformat-pack}). JGit's public API
 * has no writer of packs for objects at hand ({@code PackInserter} and {@code PackIndexWriter} are
 * in its {@code internal} packages), and its public {@code PackParser} hashes every object again
 * with its own SHA-1, seven times slower than the JDK's; here nothing is hashed but the pack and
 * index checksums, with the JDK's. The files are written under temporary names, forced to disk,
 * then renamed into place, the pack before its index, as git does: a reader that sees the index
 * finds its pack.
 */
final class PackFiles {
    private static final int[] IDX_SIGNATURE = {0xff, 0x74, 0x4f, 0x63};

    private PackFiles() {
    }

    /** An object as written into the pack: its id, where it starts, and the CRC-32 of its bytes there. */
    private record Written(byte[] id, long offset, int crc) {
    }

    /** A byte buffer whose content is read in place, not copied. */
    private static final class Buffer extends ByteArrayOutputStream {
        byte[] bytes() {
            return buf;
        }
    }

    /** Writes {@code objects} as one pack into {@code packDirectory}, durably. */
    static void write(List<ObjectLog.Entry> objects, Path packDirectory) throws IOException {
        Files.createDirectories(packDirectory);
        Path tmpPack = Files.createTempFile(packDirectory, "tmp_pack_", ".pack");
        Path tmpIdx = packDirectory.resolve(tmpPack.getFileName().toString().replace(".pack", ".idx"));
        try {
            List<Written> written = new ArrayList<>(objects.size());
            byte[] packChecksum = writePack(objects, tmpPack, written);
            writeIndex(written, packChecksum, tmpIdx);
            Directories.fsync(tmpPack);
            Directories.fsync(tmpIdx);
            String name = "pack-" + HexFormat.of().formatHex(packChecksum);
            Files.move(tmpPack, packDirectory.resolve(name + ".pack"), StandardCopyOption.ATOMIC_MOVE);
            Files.move(tmpIdx, packDirectory.resolve(name + ".idx"), StandardCopyOption.ATOMIC_MOVE);
            Directories.fsync(packDirectory);
        } finally {
            Files.deleteIfExists(tmpPack);
            Files.deleteIfExists(tmpIdx);
        }
    }

    private static byte[] writePack(List<ObjectLog.Entry> objects, Path file, List<Written> written) throws IOException {
        MessageDigest digest = ObjectIds.sha1();
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try (OutputStream raw = Files.newOutputStream(file);
             DigestOutputStream out = new DigestOutputStream(new BufferedOutputStream(raw, 1 << 16), digest)) {
            // Each object once: the callers' lists come from a map and the journal's primary key.
            int n = objects.size();
            out.write(new byte[] {'P', 'A', 'C', 'K', 0, 0, 0, 2, (byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8),
                    (byte) n});
            long offset = 12;
            Buffer entry = new Buffer();
            CRC32 crc = new CRC32();
            for (ObjectLog.Entry object : objects) {
                entry.reset();
                header(entry, object.type(), object.data().length);
                deflater.reset();
                // Written once per run, read little: speed over size (git gc packs tighter later).
                try (DeflaterOutputStream z = new DeflaterOutputStream(entry, deflater, 1 << 13)) {
                    z.write(object.data());
                }
                crc.reset();
                crc.update(entry.bytes(), 0, entry.size());
                written.add(new Written(HexFormat.of().parseHex(object.id()), offset, (int) crc.getValue()));
                entry.writeTo(out);
                offset += entry.size();
            }
            out.flush();
            byte[] checksum = digest.digest();
            raw.write(checksum);
            return checksum;
        } finally {
            deflater.end();
        }
    }

    /** An object's type and size, as a pack entry's header: 4 bits of size, then 7 per byte. */
    private static void header(ByteArrayOutputStream out, int type, long size) {
        int first = (type << 4) | (int) (size & 0x0f);
        size >>>= 4;
        while (size != 0) {
            out.write(first | 0x80);
            first = (int) (size & 0x7f);
            size >>>= 7;
        }
        out.write(first);
    }

    private static void writeIndex(List<Written> objects, byte[] packChecksum, Path file) throws IOException {
        List<Written> sorted = new ArrayList<>(objects);
        sorted.sort((a, b) -> Arrays.compareUnsigned(a.id(), b.id()));
        MessageDigest digest = ObjectIds.sha1();
        try (OutputStream raw = Files.newOutputStream(file);
             DigestOutputStream hashed = new DigestOutputStream(new BufferedOutputStream(raw, 1 << 16), digest);
             DataOutputStream out = new DataOutputStream(hashed)) {
            for (int b : IDX_SIGNATURE) {
                out.write(b);
            }
            out.writeInt(2);
            int[] fanout = new int[256];
            for (Written w : sorted) {
                fanout[w.id()[0] & 0xff]++;
            }
            int total = 0;
            for (int i = 0; i < 256; i++) {
                total += fanout[i];
                out.writeInt(total);
            }
            for (Written w : sorted) {
                out.write(w.id());
            }
            for (Written w : sorted) {
                out.writeInt(w.crc());
            }
            List<Long> large = new ArrayList<>();
            for (Written w : sorted) {
                if (w.offset() < 0x80000000L) {
                    out.writeInt((int) w.offset());
                } else {
                    out.writeInt(0x80000000 | large.size());
                    large.add(w.offset());
                }
            }
            for (long offset : large) {
                out.writeLong(offset);
            }
            out.write(packChecksum);
            out.flush();
            raw.write(digest.digest());
        }
    }
}
