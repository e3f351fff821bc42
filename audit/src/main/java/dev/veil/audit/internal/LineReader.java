package dev.veil.audit.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads a segment file line by line as bytes, and says whether the last line was cut short (no
 * newline), which is how a crash mid-write or a truncation looks. Scans a large buffer for newlines
 * rather than reading byte by byte, because verification speed is bounded by this loop. Not
 * thread-safe.
 */
public final class LineReader implements AutoCloseable {

    private final InputStream in;
    private final byte[] buf = new byte[1 << 20];
    private int pos;
    private int limit;
    private boolean eof;
    private boolean lastTerminated = true;
    private long lineNumber;

    public LineReader(Path file) throws IOException {
        this.in = Files.newInputStream(file);
    }

    /** The next line without its newline, or null at the end. */
    public byte[] next() throws IOException {
        byte[] partial = null;
        while (true) {
            for (int i = pos; i < limit; i++) {
                if (buf[i] == '\n') {
                    byte[] line = join(partial, i);
                    pos = i + 1;
                    lineNumber++;
                    lastTerminated = true;
                    return line;
                }
            }
            // No newline in what is buffered: keep it and read more.
            partial = join(partial, limit);
            pos = limit;
            if (!fill()) {
                if (partial.length == 0) {
                    return null;
                }
                lineNumber++;
                lastTerminated = false;
                return partial;
            }
        }
    }

    private byte[] join(byte[] partial, int end) {
        int n = end - pos;
        if (partial == null) {
            return Arrays.copyOfRange(buf, pos, end);
        }
        byte[] out = Arrays.copyOf(partial, partial.length + n);
        System.arraycopy(buf, pos, out, partial.length, n);
        return out;
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int n = in.readNBytes(buf, 0, buf.length);
        if (n <= 0) {
            eof = true;
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }

    /** False if the line {@link #next()} returned last had no newline. */
    public boolean lastTerminated() {
        return lastTerminated;
    }

    /** 1-based number of the line returned last. */
    public long lineNumber() {
        return lineNumber;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
