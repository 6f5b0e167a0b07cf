package org.quench.mail.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MailLogReaderTest {
    private final MailLogParser parser = new MailLogParser(LocalDate.of(2026, 11, 23), ZoneOffset.UTC);

    private static String removed(String stamp, String id) {
        return stamp + " mx1 postfix/qmgr[1]: " + id + ": removed\n";
    }

    private static byte[] gzip(String s) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (OutputStream g = new GZIPOutputStream(b)) {
            g.write(s.getBytes(StandardCharsets.UTF_8));
        }
        return b.toByteArray();
    }

    @Test
    void rotatedAndGzippedFilesInChronologicalOrder(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("mail.log.2.gz"), gzip(removed("Nov 21 00:00:00", "AAAAA1")));
        Files.writeString(dir.resolve("mail.log.1"), removed("Nov 22 00:00:00", "AAAAA2"));
        Files.writeString(dir.resolve("mail.log"), removed("Nov 23 00:00:00", "AAAAA3"));
        List<Path> order = LogRotation.chronological(List.of(dir.resolve("mail.log"), dir.resolve("mail.log.1"),
                dir.resolve("mail.log.2.gz")));
        assertThat(order).extracting(p -> p.getFileName().toString())
                .containsExactly("mail.log.2.gz", "mail.log.1", "mail.log");
        List<String> ids = new ArrayList<>();
        new MailLogReader(parser).read(order, e -> ids.add(((Removed) e).queueId()));
        assertThat(ids).containsExactly("AAAAA1", "AAAAA2", "AAAAA3");
    }

    @Test
    void dateextRotationsComeBeforeTheLiveFile() {
        assertThat(LogRotation.chronological(List.of(Path.of("maillog"), Path.of("maillog-20261122.gz"),
                Path.of("maillog-20261115"))))
                .extracting(Path::toString).containsExactly("maillog-20261115", "maillog-20261122.gz", "maillog");
    }

    @Test
    void sinceWindowAndJournalctlOutput() throws Exception {
        String journal = "-- Logs begin at Sun 2026-11-22 00:00:00 UTC. --\n"
                + "2026-11-23T05:00:00+0000 mx1 postfix/qmgr[1]: AAAAA1: removed\n"
                + "2026-11-23T07:00:00+0000 mx1 postfix/qmgr[1]: AAAAA2: removed\n"
                + "-- Boot 0123456789abcdef --\n"
                + "Nov 23 08:00:00 mx1 postfix/qmgr[1]: AAAAA3: removed\n";
        List<String> ids = new ArrayList<>();
        MailLogReader r = new MailLogReader(parser, Instant.parse("2026-11-23T06:00:00Z"));
        r.read(new ByteArrayInputStream(gzip(journal)), e -> ids.add(((Removed) e).queueId()));
        assertThat(ids).containsExactly("AAAAA2", "AAAAA3");
        assertThat(r.linesRead()).isEqualTo(5);
    }

    @Test
    void invalidUtf8IsReplacedNotFatal() throws Exception {
        byte[] line = "Nov 23 06:10:51 mx1 postfix/smtps/smtpd[1]: ABCDE1: client=u[127.0.0.9], sasl_method=PLAIN, sasl_username=\u00e9x\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        List<MailEvent> out = new ArrayList<>();
        new MailLogReader(parser).read(new ByteArrayInputStream(line), out::add);
        assertThat(out).hasSize(1);
        assertThat(((SmtpdClient) out.get(0)).saslUsername()).endsWith("x");
    }

    @Test
    void grepFilterKeepsEveryLineTheDetectorsNeed() {
        GrepFilter f = GrepFilter.authenticationFailures().and(GrepFilter.authenticatedSubmissions());
        for (String l : List.of(
                "Nov 23 06:13:00 mx1 postfix/smtpd[1]: warning: unknown[127.0.0.66]: SASL LOGIN authentication failed: (reason unavailable), sasl_username=x",
                "Nov 23 06:13:00 mx1 postfix/smtpd[1]: warning: unknown[127.0.0.66]: SASL LOGIN authentication failed: Connection lost to authentication server, sasl_username=(unavailable)",
                "Nov 23 06:13:13 mx1 dovecot: auth: passwd-file(admin,127.0.0.66): Password mismatch",
                "Nov 23 06:13:13 mx1 dovecot: imap-login: Disconnected (auth failed, 1 attempts in 2 secs): user=<b>, rip=127.0.0.67",
                "Nov 23 06:10:51 mx1 postfix/submission/smtpd[10]: 9525120C24D: client=unknown[127.0.0.21], sasl_method=PLAIN, sasl_username=bob")) {
            assertThat(f.matches(l)).as(l).isTrue();
        }
        assertThat(f.matches("Nov 23 06:10:51 mx1 postfix/smtpd[10]: connect from unknown[127.0.0.21]")).isFalse();
        GrepFilter ids = GrepFilter.queueIds(List.of("9525120C24D", "$(reboot)", "-e"));
        assertThat(ids.fixedStrings()).containsExactly("9525120C24D: ", "Queue-ID: 9525120C24D");
        assertThat(ids.grepArguments()).containsExactly("-F", "-e", "9525120C24D: ", "-e", "Queue-ID: 9525120C24D");
    }
}
