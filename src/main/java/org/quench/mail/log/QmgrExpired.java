package org.quench.mail.log;

/** {@code QID: from=<sender>, status=expired, returned to sender}. */
public record QmgrExpired(LogHeader header, String queueId, String from) implements MailEvent {
}
