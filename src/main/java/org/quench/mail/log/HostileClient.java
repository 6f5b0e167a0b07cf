package org.quench.mail.log;

/**
 * Which events are evidence against the connecting client (the IP a block would target):
 * authentication failures (Postfix SASL, Dovecot), sessions dropped during AUTH or before
 * saying anything, protocol abuse (non-SMTP commands, pipelining, error floods, rate limits)
 * and postscreen's hostile verdicts. Rejects are not included: a reject is the server's policy
 * working, and its client may be a legitimate but misconfigured MTA.
 */
public final class HostileClient {
    private HostileClient() {
    }

    /** The offending client IP, or null when the event is not evidence against its client. */
    public static String ipOf(MailEvent e) {
        if (e instanceof SaslFailure f) {
            return f.clientIp();
        }
        if (e instanceof DovecotAuthFailure f) {
            return f.rip();
        }
        if (e instanceof SmtpdProtocolViolation v) {
            return v.clientIp();
        }
        if (e instanceof PostscreenEvent p) {
            return p.hostile() ? p.clientIp() : null;
        }
        if (e instanceof SmtpdSessionEnd s) {
            // Lost after DATA is ordinary network trouble; after CONNECT/AUTH it is a scanner.
            boolean scanner = "CONNECT".equals(s.lostAfter()) || "STARTTLS".equals(s.lostAfter())
                    || "UNKNOWN".equals(s.lostAfter());
            return s.failedAuth() || scanner ? s.clientIp() : null;
        }
        return null;
    }
}
