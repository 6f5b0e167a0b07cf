package org.quench.mail.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.quench.mail.log.MailEvent;
import org.quench.mail.log.MailLogParser;
import org.quench.mail.log.SaslFailure;
import org.quench.mail.log.SmtpdClient;

/**
 * MailLogSentinel samples (GPL-3.0, read in place): 139 real Postfix 3.9-style SASL failures on
 * {@code postfix/smtps/smtpd} and 6 synthetic {@code client=… sasl_username=} lines. The lines
 * are self-describing: the expected (IP, user) is read from each line with an independent regex.
 */
class MaillogsentinelConformanceTest {
    private static final Pattern FAILURE = Pattern.compile(
            " (postfix/\\S+)\\[\\d+\\]: warning: [^\\[]*\\[([^\\]]+)\\]: SASL \\S+ authentication failed: .*, sasl_username=(.*)$");
    private static final Pattern CLIENT = Pattern.compile("client=[^\\[]*\\[([^\\]]+)\\], sasl_method=\\S+, sasl_username=(.*)$");

    private final MailLogParser parser = new MailLogParser(LocalDate.of(2025, 12, 31), ZoneOffset.UTC);

    @Test
    void everySaslFailureYieldsIpAndUser() throws IOException {
        Agreement a = new Agreement("maillogsentinel-sasl");
        List<String> lines = Files.readAllLines(PeerCorpus.path("maillogsentinel/docs/dataset/sample_sasl.log"),
                StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            Matcher m = FAILURE.matcher(lines.get(i));
            MailEvent e = parser.parseOrThrow(lines.get(i));
            boolean ok = m.find() && e instanceof SaslFailure f && m.group(2).equals(f.clientIp())
                    && m.group(3).equals(f.saslUsername()) && m.group(1).equals(f.header().program());
            a.check(ok, "maillogsentinel-sasl:L" + (i + 1), "got " + e);
        }
        a.report(1.0);
    }

    @Test
    void authenticatedClientLines() throws IOException {
        Agreement a = new Agreement("maillogsentinel-clients");
        for (String file : List.of("maillogsentinel/tests/sample_data/logs_en_test/mail_sample_en_test.log",
                "maillogsentinel/tests/sample_data/logs_ft/mail_sample_ft.log")) {
            List<String> lines = Files.readAllLines(PeerCorpus.path(file), StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = CLIENT.matcher(lines.get(i));
                if (!m.find()) {
                    continue;
                }
                MailEvent e = parser.parseOrThrow(lines.get(i));
                boolean ok = e instanceof SmtpdClient c && m.group(1).equals(c.clientIp())
                        && m.group(2).equals(c.saslUsername());
                a.check(ok, "maillogsentinel-clients:" + file.substring(file.lastIndexOf('/') + 1) + ":L" + (i + 1), "got " + e);
            }
        }
        a.report(1.0);
    }
}
