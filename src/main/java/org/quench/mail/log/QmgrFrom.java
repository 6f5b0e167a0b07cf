package org.quench.mail.log;

/**
 * {@code QID: from=<sender>, size=N, nrcpt=N (queue active)}: the envelope sender of a queued
 * message; empty string for the null sender {@code <>}.
 */
public record QmgrFrom(LogHeader header, String queueId, String from, long size, int nrcpt)
        implements MailEvent {
}
