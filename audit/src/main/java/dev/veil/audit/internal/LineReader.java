package dev.veil.audit.internal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads a segment file line by line as bytes, and says whether the last line was cut short (no
 * newline), which is how a crash mid-write or a truncation looks. Not thread-safe.
 */
public final class LineReader implements AutoCloseable {

    private final InputStream in;
    private byte[] buf = new byte[4096];
    private boolean lastTerminated = true;
    private long lineNumber;

    public LineReader(Path file) throws IOException {
        this.in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    }

    /** The next line without its newline, or null at the end. */
    public byte[] next() throws IOException {
        int n = 0;
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                lineNumber++;
                lastTerminated = true;
                return Arrays.copyOf(buf, n);
            }
            if (n == buf.length) {
                buf = Arrays.copyOf(buf, n * 2);
            }
            buf[n++] = (byte) b;
        }
        if (n == 0) {
            return null;
        }
        lineNumber++;
        lastTerminated = false;
        return Arrays.copyOf(buf, n);
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
