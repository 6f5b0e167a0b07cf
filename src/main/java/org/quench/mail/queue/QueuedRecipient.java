package org.quench.mail.queue;

/**
 * A recipient still to be delivered. {@code delayReason} is null while delivery is in progress
 * (and always for recipients that never had an attempt).
 */
public record QueuedRecipient(String address, String delayReason) {
}
