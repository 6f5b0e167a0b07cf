package org.quench.mail.activity;

import java.time.Instant;
import java.util.Set;

/**
 * What one SASL identity did in the window, as read from the log. Counts of distinct things are
 * capped (see {@link CappedSet}): {@code *Saturated} means "at least".
 *
 * @param messages              accepted messages ({@code client=… sasl_username=} lines)
 * @param clientIps             distinct client IPs it submitted from
 * @param recipients            distinct recipients of its messages (delivery lines of its queue ids)
 * @param remoteRecipients      of those, delivered by {@code smtp} (leaving the server)
 * @param sent                  delivery outcomes of its messages, one per recipient attempt
 * @param senderMismatches      messages whose envelope sender (qmgr {@code from=}) is not the login
 * @param forgedSenderDomains   domains of those mismatched envelope senders
 * @param bounceNotifications   bounces Postfix generated for its messages (backscatter toward forged senders)
 */
public record AccountActivity(String user, long messages, int clientIps, boolean clientIpsSaturated,
                              Set<String> sampleClientIps, int recipients, boolean recipientsSaturated,
                              int remoteRecipients, boolean remoteRecipientsSaturated, long sent,
                              long deferred, long bounced, long senderMismatches,
                              Set<String> forgedSenderDomains, long bounceNotifications,
                              Instant firstSeen, Instant lastSeen) {

    /** Share of delivery attempts that bounced or were deferred; 0 when nothing was attempted. */
    public double failureRatio() {
        long attempts = sent + deferred + bounced;
        return attempts == 0 ? 0 : (double) (deferred + bounced) / attempts;
    }
}
