package org.quench.mail.log;

/**
 * {@code QID: sender non-delivery notification: NEWQID} (also delivery-status and postmaster
 * notifications): Postfix queued a bounce; many of these toward forged senders is backscatter.
 */
public record BounceNotification(LogHeader header, String queueId, String kind,
                                 String notificationQueueId) implements MailEvent {
}
