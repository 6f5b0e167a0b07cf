package org.quench.mail.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.quench.mail.log.DovecotAuthFailure;
import org.quench.mail.log.GrepFilter;
import org.quench.mail.log.MailEvent;
import org.quench.mail.log.MailLogParser;
import org.quench.mail.log.SaslFailure;
import org.quench.mail.log.SmtpdClient;

/**
 * The host-side filter of mail.accounts' first pass must let through every line the detectors
 * use: a line grep drops is a failure or submission the scan never counts. The filter was cut to
 * few strings for speed, so this checks it against every line of every peer corpus (log text found
 * anywhere in a line, so JSON and YAML fixtures count too) and against one line per failure form
 * the parser knows: each line the parser turns into an authentication failure or an authenticated
 * submission must match.
 */
class GrepFilterCoverageTest {
    private static final GrepFilter FIRST_PASS = GrepFilter.authenticatedSubmissions()
            .and(GrepFilter.authenticationFailures());
    /** Where log text starts inside a fixture line: a syslog or an RFC 3339 stamp. */
    private static final Pattern STAMP = Pattern.compile(
            "(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ \\d]\\d \\d\\d:\\d\\d:\\d\\d|\\d{4}-\\d\\d-\\d\\dT\\d\\d:");
    private final MailLogParser parser = new MailLogParser(LocalDate.of(2026, 11, 23), ZoneOffset.UTC);

    @Test
    void everyFailureFormTheParserKnowsPassesTheFilter() {
        List<String> forms = List.of(
                "Nov 23 06:13:00 mx1 postfix/smtpd[1]: warning: unknown[127.0.0.66]: SASL LOGIN authentication failed: UGFzc3dvcmQ6",
                "Nov 23 06:13:00 mx1 postfix/smtpd[1]: warning: unknown[127.0.0.66]: SASL LOGIN authentication failed: (reason unavailable), sasl_username=x",
                "Nov 23 06:13:00 mx1 postfix/smtpd[1]: warning: unknown[127.0.0.66]: SASL LOGIN authentication failed: Connection lost to authentication server, sasl_username=(unavailable)",
                "Nov 23 06:13:13 mx1 dovecot: auth: passwd-file(admin,127.0.0.66): Password mismatch",
                "Nov 23 06:13:13 mx1 dovecot: auth: passwd-file(admin,127.0.0.66): password mismatch",
                "Nov 23 06:13:13 mx1 dovecot: auth: passwd-file(admin,127.0.0.66): unknown user",
                "Nov 23 06:13:13 mx1 dovecot: auth-worker(9): pam(admin,127.0.0.66): pam_authenticate() failed: Authentication failure",
                "Nov 23 06:13:13 mx1 dovecot: auth: ldap(admin,127.0.0.66): invalid credentials",
                "Nov 23 06:13:13 mx1 dovecot: auth: ldap(admin,127.0.0.66): Invalid credentials",
                "2026-11-23T06:13:13+0000 mx1 dovecot: auth(admin,127.0.0.66,sasl:login)<abc>: Info: sql: Password mismatch",
                "Nov 23 06:13:13 mx1 dovecot: auth: pam_unix(dovecot:auth): authentication failure; logname= uid=0 euid=0 tty=dovecot ruser=admin rhost=127.0.0.66",
                "Nov 23 06:13:13 mx1 dovecot: imap-login: Disconnected (auth failed, 1 attempts in 2 secs): user=<b>, method=PLAIN, rip=127.0.0.67, lip=127.0.0.1",
                "Nov 23 06:13:13 mx1 dovecot: imap-login: Disconnected (tried to use disallowed plaintext auth): user=<b>, rip=127.0.0.67, lip=127.0.0.1",
                "Nov 23 06:13:13 mx1 dovecot: pop3-login: Disconnected (tried to use disabled LOGIN auth): user=<b>, rip=127.0.0.67, lip=127.0.0.1",
                "Nov 23 06:13:13 mx1 dovecot: imap-login: Disconnected (proxy dest auth failed): user=<b>, rip=127.0.0.67, lip=127.0.0.1",
                "Nov 23 06:10:51 mx1 postfix/submission/smtpd[10]: 9525120C24D: client=unknown[127.0.0.21], sasl_method=PLAIN, sasl_username=bob");
        int used = 0;
        for (String line : forms) {
            MailEvent e = parser.parse(line);
            assertThat(usedByFirstPass(e)).as("the parser turns this into a failure or submission: %s", line).isTrue();
            assertThat(FIRST_PASS.matches(line)).as(line).isTrue();
            used++;
        }
        assertThat(used).isEqualTo(forms.size());
        assertThat(FIRST_PASS.matches("Nov 23 06:10:51 mx1 postfix/smtpd[10]: connect from unknown[127.0.0.21]")).isFalse();
    }

    @Test
    void everyPeerCorpusLineTheDetectorsUsePassesTheFilter() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(PeerCorpus.root())) {
            files = s.filter(Files::isRegularFile).filter(p -> !p.toString().contains("/.git/")).toList();
        }
        int used = 0;
        List<String> missed = new ArrayList<>();
        for (Path f : files) {
            String text = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
            for (String raw : text.split("\\R")) {
                Matcher m = STAMP.matcher(raw);
                if (!m.find()) {
                    continue;
                }
                String line = raw.substring(m.start()).replaceAll("[\"',]+\\s*$", "");
                MailEvent e;
                try {
                    e = parser.parse(line);
                } catch (RuntimeException ex) {
                    continue;
                }
                if (usedByFirstPass(e)) {
                    used++;
                    if (!FIRST_PASS.matches(line)) {
                        missed.add(f.getFileName() + ": " + line);
                    }
                }
            }
        }
        System.out.println("grep filter coverage: " + used + " corpus lines the detectors use, " + missed.size() + " dropped");
        assertThat(used).as("corpus lines parsed into failures or submissions").isGreaterThan(50);
        assertThat(missed).isEmpty();
    }

    private static boolean usedByFirstPass(MailEvent e) {
        return e instanceof SaslFailure || e instanceof DovecotAuthFailure
                || (e instanceof SmtpdClient c && c.saslUsername() != null);
    }
}
