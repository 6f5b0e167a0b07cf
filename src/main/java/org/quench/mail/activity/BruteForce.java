package org.quench.mail.activity;

import java.time.Instant;
import java.util.Set;

/**
 * Authentication failures from one client IP in the window.
 *
 * @param saslFailures        Postfix SMTP AUTH failures, including {@code authServerLost}
 * @param authServerLost      of those, "Connection lost to authentication server": Dovecot was
 *                            already delaying this IP for earlier failures (lab observation)
 * @param dovecotFailures     IMAP/POP3/auth-process failures
 * @param users               distinct attempted logins (capped; {@code usersSaturated} = "at least")
 * @param sampleUsers         some of them, for the report (attacker-chosen strings: display only)
 */
public record BruteForce(String ip, long saslFailures, long authServerLost, long dovecotFailures,
                         int users, boolean usersSaturated, Set<String> sampleUsers,
                         Instant firstSeen, Instant lastSeen) {

    public long failures() {
        return saslFailures + dovecotFailures;
    }
}
