package org.quench.mail.log;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Streams log text line by line through a {@link MailLogParser} into a consumer: constant memory
 * whatever the log size (one line and one buffer at a time). Accepts plain or gzip-compressed
 * streams (detected by the gzip magic, so {@code mail.log.2.gz}, {@code zcat}-less pipes and
 * renamed files all work), several rotated files in chronological order
 * ({@link LogRotation#chronological}), syslog / RFC 3339 / {@code journalctl} output (its
 * {@code -- Boot …} / {@code -- No entries --} markers are skipped as non-log lines), and a time
 * window: events stamped before {@code since} are dropped.
 *
 * <p>Invalid UTF-8 is replaced, never fatal: log text is attacker-written.
 */
public final class MailLogReader {
    private static final int BUFFER = 1 << 16;

    private final MailLogParser parser;
    private final Instant since;
    private long lines;
    private long events;

    public MailLogReader(MailLogParser parser) {
        this(parser, null);
    }

    /** @param since drop events stamped before this instant; null keeps everything */
    public MailLogReader(MailLogParser parser, Instant since) {
        this.parser = parser;
        this.since = since;
    }

    /** Reads every line of {@code reader}; returns the number of events delivered. */
    public long read(Reader reader, Consumer<? super MailEvent> sink) throws IOException {
        BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader, BUFFER);
        long delivered = 0;
        String line;
        while ((line = in.readLine()) != null) {
            lines++;
            MailEvent e = parser.parse(line);
            if (e == null) {
                continue;
            }
            Instant t = e.header().time();
            if (since != null && t != null && t.isBefore(since)) {
                continue;
            }
            delivered++;
            sink.accept(e);
        }
        events += delivered;
        return delivered;
    }

    /** Reads a plain or gzip stream (detected by content). Does not close {@code in}. */
    public long read(InputStream in, Consumer<? super MailEvent> sink) throws IOException {
        InputStream body = maybeGunzip(in);
        return read(new InputStreamReader(body, StandardCharsets.UTF_8), sink);
    }

    /** Reads files in the order given; use {@link LogRotation#chronological} to order rotations. */
    public long read(Iterable<Path> files, Consumer<? super MailEvent> sink) throws IOException {
        long n = 0;
        for (Path p : files) {
            try (InputStream in = Files.newInputStream(p)) {
                n += read(in, sink);
            }
        }
        return n;
    }

    public long linesRead() {
        return lines;
    }

    public long eventsDelivered() {
        return events;
    }

    static InputStream maybeGunzip(InputStream in) throws IOException {
        BufferedInputStream b = new BufferedInputStream(in, BUFFER);
        b.mark(2);
        int m1 = b.read();
        int m2 = b.read();
        b.reset();
        if (m1 == 0x1f && m2 == 0x8b) {
            return new GZIPInputStream(b, BUFFER);
        }
        return b;
    }
}
