package org.quench.mail.detect;

import org.quench.mail.log.MailEvent;
import org.quench.mail.log.MailLogParser;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

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
    private long lines;
    private long events;

    OffsetLogReader(MailLogParser parser, Instant since, boolean offsets) {
        this.parser = parser;
        this.since = since;
        this.offsets = offsets;
    }

    void read(InputStream in, Sink sink) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        int file = -1;
        String line;
        while ((line = r.readLine()) != null) {
            if (line.startsWith(HostLogScan.FILE_MARKER)) {
                file = Integer.parseInt(line.substring(HostLogScan.FILE_MARKER.length()).strip());
                continue;
            }
            lines++;
            long offset = -1;
            String text = line;
            if (offsets) {
                int colon = line.indexOf(':');
                offset = colon > 0 ? digits(line, colon) : -1;
                if (offset >= 0) {
                    text = line.substring(colon + 1);
                }
            }
            MailEvent e = parser.parse(text);
            if (e == null) {
                continue;
            }
            Instant t = e.header().time();
            if (since != null && t != null && t.isBefore(since)) {
                continue;
            }
            events++;
            sink.accept(e, file, offset);
        }
    }

    private static long digits(String s, int end) {
        long v = 0;
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9' || i > 18) {
                return -1;
            }
            v = v * 10 + (c - '0');
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
