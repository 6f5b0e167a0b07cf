package org.quench.mail.log;

import java.util.List;

/**
 * amavis' per-message verdict: {@code (ID) Passed CLEAN {RelayedOutbound}, … [ip]:port [ip]
 * <from> -> <to>,<to>, Queue-ID: Q1, Message-ID: <…>, mail_id: M, …, queued_as: Q2, N ms}.
 * The log template is configurable, so every field after the addresses is optional.
 *
 * @param verdict  {@code Passed} or {@code Blocked}
 * @param category {@code CLEAN}, {@code SPAM}, {@code SPAMMY}, {@code INFECTED}, {@code BANNED}, …
 * @param detail   the parenthesised match (virus name, banned part), null when absent
 * @param flags    the braces content, e.g. {@code RelayedOutbound} or {@code DiscardedInbound,Quarantined}
 * @param clientIp first bracketed address after the flags: the client that handed the message to Postfix
 * @param queueId  {@code Queue-ID:}, the Postfix id before the filter
 * @param queuedAs {@code queued_as:}, the Postfix id(s) after reinjection
 */
public record AmavisResult(LogHeader header, String verdict, String category, String detail,
                           String flags, String clientIp, String from, List<String> to,
                           String queueId, List<String> queuedAs, String messageId, String mailId)
        implements MailEvent {

    public boolean blocked() {
        return "Blocked".equals(verdict);
    }
}
