package org.quench.mail.activity;

import java.time.Instant;
import java.util.Set;

/**
 * What one client IP relayed without authentication in the window, as read from the log: the
 * trusted-relay counterpart of {@link AccountActivity}. Distinct counts are capped
 * ({@link CappedSet}); {@code *Saturated} means "at least".
 *
 * @param messages           accepted messages ({@code client=…[ip]} lines without SASL fields)
 * @param recipients         distinct recipients of its messages (delivery lines of its queue ids)
 * @param remoteRecipients   of those, handed to {@code smtp} (leaving the server)
 * @param senderDomains      domains of its envelope senders (qmgr {@code from=}); "" for the null sender
 * @param headerFromDomains  header From domains, where a {@code header_checks} WARN rule logs them
 * @param services           smtpd services that accepted it ({@code postfix/smtpd}, …)
 */
public record RelayActivity(String ip, long messages, int recipients, boolean recipientsSaturated,
                            int remoteRecipients, boolean remoteRecipientsSaturated, long sent, long deferred,
                            long bounced, Set<String> senderDomains, long nullSenders, Set<String> headerFromDomains,
                            Set<String> services, Instant firstSeen, Instant lastSeen) {
}
