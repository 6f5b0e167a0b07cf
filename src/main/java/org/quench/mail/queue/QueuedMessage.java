package org.quench.mail.queue;

import java.time.Instant;
import java.util.List;

/**
 * One queue file as listed by {@code postqueue}. {@code queueName} is Postfix's queue
 * ({@code incoming}, {@code active}, {@code deferred}, {@code hold}, {@code maildrop}); from the
 * pre-3.1 text listing only {@code active} and {@code hold} are known, other messages are
 * {@value #QUEUED}. {@code sender} is {@code MAILER-DAEMON} for the null sender, as Postfix shows it.
 */
public record QueuedMessage(String queueName, String queueId, Instant arrivalTime, long size, String sender,
                            List<QueuedRecipient> recipients, boolean forcedExpire) {
    /** Queue name of a text-listed message that is neither active nor held. */
    public static final String QUEUED = "queued";

    public QueuedMessage {
        recipients = List.copyOf(recipients);
    }

    public boolean held() {
        return "hold".equals(queueName);
    }
}
