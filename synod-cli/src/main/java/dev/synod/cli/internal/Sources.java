package dev.synod.cli.internal;

import dev.synod.core.SynodException;
import dev.synod.lang.SourceFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads input files as strict UTF-8; anything unreadable becomes an {@link SynodException.InvalidInput}. */
final class Sources {
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private Sources() {
    }

    /** The file as a {@link SourceFile} named by the path as the user gave it. */
    static SourceFile read(Path path) {
        return new SourceFile(path.toString(), readText(path));
    }

    /**
     * The text of a UTF-8 file, without a leading byte-order mark.
     *
     * @throws SynodException.InvalidInput when the file is missing, a directory, unreadable or not UTF-8
     */
    static String readText(Path path) {
        if (Files.isDirectory(path)) {
            throw new SynodException.InvalidInput("cannot read '" + path + "': it is a directory, expected a file");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new SynodException.InvalidInput("cannot read '" + path + "': no such file", e);
        } catch (AccessDeniedException e) {
            throw new SynodException.InvalidInput("cannot read '" + path + "': permission denied", e);
        } catch (IOException e) {
            throw new SynodException.InvalidInput("cannot read '" + path + "': " + e.getMessage(), e);
        }
        String text = decodeUtf8(path, bytes);
        return !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? text.substring(1) : text;
    }

    private static String decodeUtf8(Path path, byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isUnderflow()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw new SynodException.InvalidInput("cannot read '" + path + "': not valid UTF-8 (bad byte at offset "
                    + in.position() + ")");
        }
        return out.flip().toString();
    }
}
