package org.quench.mail.log;

/** {@code QID: removed}: the queue file is gone (delivered, bounced or deleted by postsuper). */
public record Removed(LogHeader header, String queueId) implements MailEvent {
}
