package dev.synod.runtime.sandbox.internal;

import dev.synod.runtime.sandbox.Sandbox;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A stream's bytes kept within a cap: the first {@code head} bytes and the last {@code tail}
 * bytes, with a count of what was cut between them, so that a command that prints megabytes
 * still shows how it started and how it ended.
 */
final class CappedOutput {
    private final int headLimit;
    private final byte[] tail;
    private final ByteArrayOutputStream head = new ByteArrayOutputStream();
    private long total;
    private int tailEnd;

    CappedOutput(int headLimit, int tailLimit) {
        this.headLimit = headLimit;
        this.tail = new byte[tailLimit];
    }

    /** Reads {@code in} to its end (or until it is closed under us). */
    void readFrom(InputStream in) {
        byte[] buffer = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                append(buffer, n);
            }
        } catch (IOException e) {
            // The stream was closed because the command's processes were killed; what was read stands.
        }
    }

    private synchronized void append(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            if (total < headLimit) {
                head.write(bytes[i]);
            } else if (tail.length > 0) {
                tail[tailEnd] = bytes[i];
                tailEnd = (tailEnd + 1) % tail.length;
            }
            total++;
        }
    }

    synchronized Sandbox.Output output() {
        long beyondHead = total - head.size();
        int kept = (int) Math.min(beyondHead, tail.length);
        byte[] last = new byte[kept];
        int start = Math.floorMod(tailEnd - kept, Math.max(tail.length, 1));
        for (int i = 0; i < kept; i++) {
            last[i] = tail[(start + i) % tail.length];
        }
        long cut = beyondHead - kept;
        String text = head.toString(StandardCharsets.UTF_8);
        if (cut > 0) {
            text += "\n[… " + cut + " bytes cut …]\n";
        }
        return new Sandbox.Output(text + new String(last, StandardCharsets.UTF_8), cut);
    }
}
