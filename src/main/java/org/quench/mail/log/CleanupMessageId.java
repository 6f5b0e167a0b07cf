package org.quench.mail.log;

/** {@code QID: message-id=<…>} from cleanup. */
public record CleanupMessageId(LogHeader header, String queueId, String messageId)
        implements MailEvent {
}
