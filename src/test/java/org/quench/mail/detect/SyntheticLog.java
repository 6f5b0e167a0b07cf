package org.quench.mail.detect;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Postfix log lines as the lab writes them (RFC 3339 stamps), for detector tests without a server. */
final class SyntheticLog {
    private final List<String> lines = new ArrayList<>();
    private Instant t;
    private int next = 0x10000;

    SyntheticLog(Instant start) {
        this.t = start;
    }

    private String stamp() {
        t = t.plusMillis(250);
        return t + " mx1 ";
    }

    /** One authenticated submission; outcome per recipient: 's' sent, 'd' deferred, 'b' bounced (block list). */
    SyntheticLog message(String user, String ip, String envelopeFrom, List<String> to, char outcome) {
        String id = String.format("%X", next++ * 7919L);
        lines.add(stamp() + "postfix/submission/smtpd[100]: " + id + ": client=unknown[" + ip
                + "], sasl_method=PLAIN, sasl_username=" + user);
        lines.add(stamp() + "postfix/cleanup[101]: " + id + ": message-id=<" + id + "@client.test>");
        lines.add(stamp() + "postfix/qmgr[102]: " + id + ": from=<" + envelopeFrom + ">, size=300, nrcpt=" + to.size() + " (queue active)");
        for (String r : to) {
            String tail = switch (outcome) {
                case 's' -> "dsn=2.0.0, status=sent (250 2.0.0 Ok)";
                case 'b' -> "dsn=5.7.1, status=bounced (host 127.0.1.25[127.0.1.25] said: 550 5.7.1 Unfortunately, messages from "
                        + "[127.0.0.1] weren't sent. part of their network is on our block list (S3150). (in reply to RCPT TO command))";
                default -> "dsn=4.7.1, status=deferred (host 127.0.1.25[127.0.1.25] said: 451 4.7.1 Greylisted (in reply to RCPT TO command))";
            };
            lines.add(stamp() + "postfix/smtp[103]: " + id + ": to=<" + r + ">, relay=127.0.1.25[127.0.1.25]:25, delay=0.1, "
                    + "delays=0/0/0/0.1, " + tail);
        }
        if (outcome == 'b') {
            lines.add(stamp() + "postfix/bounce[104]: " + id + ": sender non-delivery notification: " + String.format("%X", next++ * 7919L));
        }
        return this;
    }

    SyntheticLog headerFrom(String user, String ip, String headerFrom, String to) {
        String id = String.format("%X", next++ * 7919L);
        lines.add(stamp() + "postfix/submission/smtpd[100]: " + id + ": client=unknown[" + ip
                + "], sasl_method=PLAIN, sasl_username=" + user);
        lines.add(stamp() + "postfix/cleanup[101]: " + id + ": warning: header From: " + headerFrom + " from unknown[" + ip
                + "]; from=<" + user + "> to=<" + to + "> proto=ESMTP helo=<client.test>");
        lines.add(stamp() + "postfix/qmgr[102]: " + id + ": from=<" + user + ">, size=300, nrcpt=1 (queue active)");
        return this;
    }

    SyntheticLog saslFailure(String ip, String user, boolean authServerLost) {
        lines.add(stamp() + "postfix/submission/smtpd[100]: warning: unknown[" + ip + "]: SASL PLAIN authentication failed: "
                + (authServerLost ? "Connection lost to authentication server" : "(reason unavailable)")
                + ", sasl_username=" + (user == null ? "(unavailable)" : user));
        return this;
    }

    SyntheticLog dovecotMismatch(String ip, String user) {
        lines.add(stamp() + "dovecot: auth: passwd-file(" + user + "," + ip + "): Password mismatch");
        return this;
    }

    /** Unrelated traffic that must be filtered out on the host. */
    SyntheticLog noise(int n) {
        for (int i = 0; i < n; i++) {
            lines.add(stamp() + "postfix/smtpd[200]: connect from unknown[127.0.9." + (i % 200) + "]");
        }
        return this;
    }

    static List<String> recipients(String prefix, String domain, int from, int n) {
        List<String> out = new ArrayList<>();
        for (int i = from; i < from + n; i++) {
            out.add(prefix + i + "@" + domain);
        }
        return out;
    }

    List<String> lines() {
        return lines;
    }

    String text() {
        return String.join("\n", lines) + "\n";
    }
}
