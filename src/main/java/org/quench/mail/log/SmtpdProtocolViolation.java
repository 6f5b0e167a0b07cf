package org.quench.mail.log;

/**
 * smtpd warnings about a misbehaving client: {@code non-SMTP command from …},
 * {@code improper command pipelining after CMD from …}, {@code too many errors after CMD from …},
 * anvil's {@code … rate limit exceeded: N from …}.
 *
 * @param kind   {@code non-SMTP command}, {@code improper command pipelining},
 *               {@code too many errors}, {@code rate limit exceeded}
 * @param detail the rest of the line (the command, the offending text, the rate)
 */
public record SmtpdProtocolViolation(LogHeader header, String kind, String clientHost,
                                     String clientIp, Integer clientPort, String detail)
        implements MailEvent {
}
