package org.quench.mail.conformance;

import org.quench.mail.log.DovecotAuthFailure;
import org.quench.mail.log.MailEvent;
import org.quench.mail.log.SaslFailure;

/** Test-side mapping of events to "authentication failure by client IP", the fail2ban auth notion. */
final class HostileEvents {
    private HostileEvents() {
    }

    /** IP of an authentication failure event, or null for any other event. */
    static String authFailureIp(MailEvent e) {
        if (e instanceof SaslFailure f) {
            return f.clientIp();
        }
        if (e instanceof DovecotAuthFailure f) {
            return f.rip();
        }
        return null;
    }

    static String authFailureUser(MailEvent e) {
        if (e instanceof SaslFailure f) {
            return f.saslUsername();
        }
        if (e instanceof DovecotAuthFailure f) {
            return f.user();
        }
        return null;
    }
}
