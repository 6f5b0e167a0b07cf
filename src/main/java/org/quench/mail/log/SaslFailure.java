package org.quench.mail.log;

/**
 * {@code warning: name[ip][:port]: SASL MECH authentication failed: REASON[, sasl_username=U]}.
 *
 * @param reason       backend text; null when empty or {@code (reason unavailable)}
 * @param saslUsername the attempted login (Postfix ≥ 3.9 / 3.7.8 backports); null when absent or
 *                     logged as {@code (unavailable)}
 */
public record SaslFailure(LogHeader header, String clientHost, String clientIp, Integer clientPort,
                          String mechanism, String reason, String saslUsername)
        implements MailEvent {

    /**
     * "Connection lost to authentication server": Postfix gave up waiting for Dovecot, which
     * delays replies to an IP it is penalising for earlier failures. Brute force produces these,
     * so detectors count them (fail2ban does not; see the conformance notes).
     */
    public boolean authServerUnreachable() {
        return reason != null && reason.startsWith("Connection lost to authentication server");
    }
}
