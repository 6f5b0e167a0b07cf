package org.quench.mail.log;

import java.time.Instant;

/**
 * The syslog part of a line: when, which host, which program. {@code time} is null only for
 * messages parsed without a header (corpora that ship message bodies alone); {@code host} is null
 * for Dovecot's own log files, which omit it.
 *
 * @param program the syslog tag without the pid, e.g. {@code postfix/submission/smtpd},
 *                {@code postfix-out/smtpd}, {@code dovecot}, {@code amavis}
 */
public record LogHeader(Instant time, String host, String program) {
}
