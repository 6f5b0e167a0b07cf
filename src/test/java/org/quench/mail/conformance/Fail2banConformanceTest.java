package org.quench.mail.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quench.mail.log.MailEvent;
import org.quench.mail.log.MailLogParser;

/**
 * fail2ban's filter test logs (GPL-2.0+, read in place). Each log line is preceded by a
 * {@code # failJSON} expectation and governed by the last {@code # filterOptions} list.
 * Our notion is fail2ban's "auth" mode: a line expected to match must yield an authentication
 * failure event with the same host (and user when given); a line expected not to match must
 * yield none. Lines of other modes (rbl, ddos, …) are checked for the absence of false
 * authentication failures only.
 */
class Fail2banConformanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    // Year-less stamps: fail2ban assumes 2004/2005; our reference date only fixes the year.
    private final MailLogParser parser = new MailLogParser(LocalDate.of(2005, 12, 31), ZoneOffset.UTC);

    @Test
    void postfixAuthMode() throws IOException {
        run("fail2ban/postfix", "fail2ban-postfix-auth", "auth", 0.80);
    }

    @Test
    void dovecotDefaultMode() throws IOException {
        run("fail2ban/dovecot", "fail2ban-dovecot", null, 0.90);
    }

    /**
     * @param mode the filterOptions mode whose lines are the oracle; null = the filter's default
     *             mode ({@code {}}) and lines before any filterOptions
     */
    private void run(String file, String corpus, String mode, double floor) throws IOException {
        List<String> lines = Files.readAllLines(PeerCorpus.path(file), StandardCharsets.UTF_8);
        Agreement inMode = new Agreement(corpus);
        Agreement otherModes = new Agreement(corpus + " (other modes: our auth failures confirmed)");
        boolean active = mode == null;
        JsonNode expect = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String t = line.strip();
            if (t.startsWith("# filterOptions:")) {
                active = modeListed(t.substring(16), mode);
                continue;
            }
            if (t.startsWith("#") && t.contains("failJSON:")) {
                expect = JSON.readTree(t.substring(t.indexOf("failJSON:") + 9));
                continue;
            }
            if (t.isEmpty() || t.startsWith("#") || expect == null) {
                continue;
            }
            String key = corpus + ":L" + (i + 1);
            MailEvent e = parser.parseOrThrow(line);
            String ip = HostileEvents.authFailureIp(e);
            if (active) {
                boolean match = expect.path("match").asBoolean();
                if (match) {
                    String host = expect.path("host").asText(null);
                    String user = expect.path("user").asText(null);
                    boolean ok = host != null && host.equals(ip)
                            && (user == null || user.equals(HostileEvents.authFailureUser(e)))
                            && sameWallClock(expect.path("time").asText(null), line, e);
                    inMode.check(ok, key, "expected failure host=" + host + (user == null ? "" : " user=" + user)
                            + ", got " + e);
                } else {
                    inMode.check(ip == null, key, "expected no failure, got " + e);
                }
            } else if (ip != null) {
                // Lines of other modes: an auth failure we report must be one fail2ban matches
                // too (in some mode), with the same host and user.
                String user = expect.path("user").asText(null);
                boolean ok = expect.path("match").asBoolean() && ip.equals(expect.path("host").asText(null))
                        && (user == null || user.equals(HostileEvents.authFailureUser(e)));
                otherModes.check(ok, key, "auth failure fail2ban does not expect: " + e);
            }
            expect = null;
        }
        inMode.report(floor);
        otherModes.report(0.0);
    }

    /**
     * fail2ban's expected time without its assumed year must equal ours (parsed as UTC).
     * TAI64N stamps are skipped: fail2ban renders them in the test machine's local zone.
     */
    private static boolean sameWallClock(String expected, String line, MailEvent e) {
        if (expected == null || line.startsWith("@") || e == null) {
            return true;
        }
        String ours = e.header().time().toString(); // 2005-02-21T09:21:54Z
        return ours.substring(5, 19).equals(expected.substring(5));
    }

    private static boolean modeListed(String json, String mode) throws IOException {
        JsonNode list = JSON.readTree(json);
        for (JsonNode o : list) {
            String m = o.path("mode").asText("");
            if (mode == null ? m.isEmpty() : mode.equals(m)) {
                return true;
            }
        }
        return false;
    }
}
