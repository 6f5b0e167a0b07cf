package org.quench.mail.detect;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A bounded pipe from the transport's stdout ({@link #sink()}, written by the thread running the
 * command) to a parser thread ({@link #source()}). At most {@code depth} chunks wait in between,
 * so memory stays flat however large the log: when the parser falls behind, the writer blocks and
 * the remote side is throttled by the SSH window. {@link java.io.PipedInputStream} would do, but
 * copies byte by byte under a lock and polls once a second.
 */
final class ChunkPipe {
    private static final byte[] END = new byte[0];

    private final BlockingQueue<byte[]> chunks;
    private volatile boolean readerGone;
    private long bytes;

    ChunkPipe(int depth) {
        chunks = new ArrayBlockingQueue<>(depth);
    }

    /** Bytes written so far. */
    long bytes() {
        return bytes;
    }

    /** Tells the writer to give up (the parser failed): its next write throws. */
    void abandon() {
        readerGone = true;
        chunks.clear();
    }

    OutputStream sink() {
        return new OutputStream() {
            private boolean closed;

            @Override
            public void write(int b) throws IOException {
                write(new byte[]{(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return;
                }
                bytes += len;
                put(Arrays.copyOfRange(b, off, off + len));
            }

            @Override
            public void close() throws IOException {
                if (!closed) {
                    closed = true;
                    put(END);
                }
            }
        };
    }

    private void put(byte[] chunk) throws IOException {
        try {
            while (!chunks.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
                if (readerGone) {
                    throw new IOException("log parser stopped");
                }
            }
            if (readerGone) {
                throw new IOException("log parser stopped");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while streaming the log");
        }
    }

    InputStream source() {
        return new InputStream() {
            private byte[] current = new byte[0];
            private int pos;
            private boolean ended;

            private boolean fill() throws IOException {
                while (!ended && pos >= current.length) {
                    try {
                        current = chunks.take();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new InterruptedIOException("interrupted while reading the log");
                    }
                    pos = 0;
                    if (current == END) {
                        ended = true;
                    }
                }
                return !ended || pos < current.length;
            }

            @Override
            public int read() throws IOException {
                return fill() && pos < current.length ? current[pos++] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                if (!fill() || pos >= current.length) {
                    return -1;
                }
                int n = Math.min(len, current.length - pos);
                System.arraycopy(current, pos, b, off, n);
                pos += n;
                return n;
            }
        };
    }
}
