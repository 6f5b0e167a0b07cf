package org.quench.mail.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quench.mail.log.HostileClient;
import org.quench.mail.log.MailEvent;
import org.quench.mail.log.MailLogParser;

/**
 * SSHGuard's attack-parser vectors (ISC, read in place), Postfix and Dovecot sections only.
 * Triplets: input line, expected {@code service address af danger} or {@code *}, M/X flag.
 * Agreement: an expected attack yields an event that {@link HostileClient} attributes to the same
 * address; {@code *} yields none. Some inputs are message bodies without a syslog header; those
 * go through {@link MailLogParser#parseMessage} with the section's program.
 */
class SshguardConformanceTest {
    private final MailLogParser parser = new MailLogParser(LocalDate.of(2026, 12, 31), ZoneOffset.UTC);

    @Test
    void postfixAndDovecotVectors() throws IOException {
        List<String> lines = Files.readAllLines(PeerCorpus.path("sshguard/tests.txt"), StandardCharsets.UTF_8);
        Agreement a = new Agreement("sshguard-postfix-dovecot");
        String section = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("# ") && line.endsWith("{{{")) {
                section = line.substring(2, line.length() - 3).trim();
                continue;
            }
            if (line.startsWith("# }}}")) {
                section = null;
                continue;
            }
            if (line.isBlank() || line.startsWith("#") || i + 1 >= lines.size()) {
                continue;
            }
            String expected = lines.get(i + 1).trim();
            int inputLine = i + 1;
            i += 2; // skip the expectation and the M/X flag
            if (!"postfix".equals(section) && !"dovecot".equals(section)) {
                continue;
            }
            MailEvent e = parser.parseOrThrow(line);
            if (e == null) {
                e = parser.parseMessage("postfix".equals(section) ? "postfix/smtpd" : "dovecot", line);
            }
            String ip = e == null ? null : HostileClient.ipOf(e);
            String key = "sshguard:L" + inputLine;
            if (expected.equals("*")) {
                a.check(ip == null, key, "expected no attack, got " + e);
            } else {
                String want = expected.split(" ")[1];
                a.check(want.equals(ip), key, "expected attack from " + want + ", got " + e);
            }
        }
        a.report(0.85);
    }
}
