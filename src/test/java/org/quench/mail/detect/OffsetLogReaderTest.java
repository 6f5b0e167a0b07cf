package org.quench.mail.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quench.mail.log.MailLogParser;
import org.quench.mail.log.Removed;
import org.quench.mail.log.SmtpdClient;

/** The byte-level line splitter of the scan's output: markers, offsets, terminators, chunking. */
class OffsetLogReaderTest {
    private final MailLogParser parser = new MailLogParser(LocalDate.of(2026, 11, 23), ZoneOffset.UTC);

    record Seen(String id, int file, long offset) {
    }

    private List<Seen> read(byte[] data, boolean offsets, Instant since, int chunk) throws Exception {
        List<Seen> out = new ArrayList<>();
        OffsetLogReader r = new OffsetLogReader(parser, since, offsets);
        // A stream that hands out at most `chunk` bytes per read, so lines straddle reads.
        InputStream in = new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
        r.read(in, (e, file, offset) -> out.add(new Seen(e instanceof Removed rm ? rm.queueId()
                : ((SmtpdClient) e).saslUsername(), file, offset)));
        return out;
    }

    @Test
    void markersOffsetsAndEveryTerminator() throws Exception {
        String text = "#quench-file 0\n"
                + "0:Nov 23 06:00:00 mx1 postfix/qmgr[1]: AAAAA1: removed\r\n"
                + "57:Nov 23 07:00:00 mx1 postfix/qmgr[1]: AAAAA2: removed\r"
                + "#quench-file 3\n"
                + "12345678901:Nov 23 08:00:00 mx1 postfix/submission/smtpd[10]: BBBBB1: client=unknown[127.0.0.21], sasl_method=PLAIN, sasl_username=b\u00f6b\n"
                + "Nov 23 09:00:00 mx1 postfix/qmgr[1]: AAAAA3: removed";
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        for (int chunk : new int[]{1, 7, 1 << 20}) {
            assertThat(read(data, true, null, chunk)).as("chunk %d", chunk).containsExactly(
                    new Seen("AAAAA1", 0, 0), new Seen("AAAAA2", 0, 57), new Seen("b\u00f6b", 3, 12345678901L),
                    new Seen("AAAAA3", 3, -1));
        }
        // Without offsets, the digits are not taken for one (the line then does not parse).
        assertThat(read(data, false, null, 5)).containsExactly(new Seen("AAAAA3", 3, -1));
        // The window drops earlier events.
        assertThat(read(data, true, Instant.parse("2026-11-23T07:30:00Z"), 64)).extracting(Seen::id)
                .containsExactly("b\u00f6b", "AAAAA3");
    }

    @Test
    void longLinesAndInvalidUtf8() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        String prefix = "9:Nov 23 08:00:00 mx1 postfix/submission/smtpd[10]: BBBBB1: client=unknown[127.0.0.21], sasl_method=PLAIN, sasl_username=";
        b.write(prefix.getBytes(StandardCharsets.US_ASCII));
        b.write(new byte[]{(byte) 0xff, 'x'});
        b.write("y".repeat(200_000).getBytes(StandardCharsets.US_ASCII));
        b.write('\n');
        List<Seen> seen = read(b.toByteArray(), true, null, 4096);
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0).id()).startsWith("\ufffdxyyy").hasSize(200_002);
        assertThat(seen.get(0).offset()).isEqualTo(9);
    }
}
