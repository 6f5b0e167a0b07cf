package org.quench.mail.detect;

import org.quench.mail.log.MailEvent;
import org.quench.mail.log.MailLogParser;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * Reads what {@link HostLogScan}'s scripts print — {@code #quench-file N} markers and lines,
 * optionally prefixed by {@code grep -b}'s byte offset — through a {@link MailLogParser}, dropping
 * events before the window. {@code MailLogReader} does the same for plain logs; this one also
 * hands each event its file and offset, which the second pass needs to read only nearby bytes.
 * One line at a time: memory does not depend on the log size. Invalid UTF-8 is replaced.
 */
final class OffsetLogReader {
    /** Receives every event in the window with where its line starts ({@code -1} when unknown). */
    interface Sink {
        void accept(MailEvent event, int file, long offset);
    }

    private final MailLogParser parser;
    private final Instant since;
    private final boolean offsets;
    private static final byte[] MARKER = HostLogScan.FILE_MARKER.getBytes(StandardCharsets.US_ASCII);

    private int file = -1;
    private long lines;
    private long events;

    OffsetLogReader(MailLogParser parser, Instant since, boolean offsets) {
        this.parser = parser;
        this.since = since;
        this.offsets = offsets;
    }

    void read(InputStream in, Sink sink) throws IOException {
        // Lines are split on bytes and each becomes a String straight from UTF-8 (an ASCII line is
        // copied as is), rather than through a Reader's char buffer and back: half the parser
        // thread's time went there. Terminators as BufferedReader.readLine: \n, \r or \r\n.
        byte[] buf = new byte[1 << 16];
        int len = 0;
        int pos = 0;
        int scan = 0;
        boolean afterCr = false;
        while (true) {
            while (scan < len) {
                byte b = buf[scan];
                if (b == '\n' && afterCr && scan == pos) {
                    afterCr = false;
                    pos = ++scan;
                } else if (b == '\n' || b == '\r') {
                    line(buf, pos, scan, sink);
                    afterCr = b == '\r';
                    pos = ++scan;
                } else {
                    afterCr = false;
                    scan++;
                }
            }
            if (pos > 0) {
                System.arraycopy(buf, pos, buf, 0, len - pos);
                len -= pos;
                scan -= pos;
                pos = 0;
            }
            if (len == buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            int n = in.read(buf, len, buf.length - len);
            if (n < 0) {
                break;
            }
            len += n;
        }
        if (len > pos) {
            line(buf, pos, len, sink);
        }
    }

    private void line(byte[] b, int from, int to, Sink sink) {
        if (startsWith(b, from, to, MARKER)) {
            file = Integer.parseInt(new String(b, from + MARKER.length, to - from - MARKER.length, StandardCharsets.US_ASCII).strip());
            return;
        }
        lines++;
        long offset = -1;
        int textFrom = from;
        if (offsets) {
            int colon = from;
            while (colon < to && colon - from <= 19 && b[colon] >= '0' && b[colon] <= '9') {
                colon++;
            }
            if (colon > from && colon < to && b[colon] == ':' && colon - from <= 19) {
                offset = digits(b, from, colon);
                textFrom = colon + 1;
            }
        }
        MailEvent e = parser.parse(new String(b, textFrom, to - textFrom, StandardCharsets.UTF_8));
        if (e == null) {
            return;
        }
        Instant t = e.header().time();
        if (since != null && t != null && t.isBefore(since)) {
            return;
        }
        events++;
        sink.accept(e, file, offset);
    }

    private static boolean startsWith(byte[] b, int from, int to, byte[] prefix) {
        if (to - from < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[from + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static long digits(byte[] b, int from, int to) {
        long v = 0;
        for (int i = from; i < to; i++) {
            v = v * 10 + (b[i] - '0');
        }
        return v;
    }

    long lines() {
        return lines;
    }

    long events() {
        return events;
    }
}
