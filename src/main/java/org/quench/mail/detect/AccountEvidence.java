package org.quench.mail.detect;

import org.quench.mail.activity.AccountActivity;

import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything the scorer weighs about one SASL account: volume and client IPs counted over every
 * submission in the window (first pass), envelope senders, recipients and delivery outcomes over a
 * sample of its latest submissions (second pass; {@code sampled == messages} when it covered them
 * all), header From domains where the log has them.
 *
 * @param sampled             submissions the second pass covered
 * @param senderMismatches    of those, envelope sender other than the login
 * @param foreignSenderDomains envelope sender domains other than the login's own
 * @param remoteRecipients    distinct recipients handed to {@code smtp} in the sample
 * @param headerFromForeign   messages whose logged header From has another domain than the login
 */
record AccountEvidence(String user, long messages, int clientIps, boolean clientIpsSaturated, Set<String> sampleClientIps,
                       long sampled, long senderMismatches, Set<String> foreignSenderDomains,
                       int recipients, int remoteRecipients, long sent, long deferred, long bounced,
                       long bounceNotifications, long headerFromLogged, long headerFromForeign,
                       Set<String> headerFromDomains, Instant firstSeen, Instant lastSeen) {

    /** Merges a first-pass activity (all submissions) with the second pass over the sample. */
    static AccountEvidence of(AccountActivity all, AccountActivity sample, HeaderFromCollector.HeaderFroms headers) {
        String own = HeaderFromCollector.domainOf(all.user());
        Set<String> foreign = new TreeSet<>();
        if (sample != null) {
            for (String d : sample.forgedSenderDomains()) {
                if (own == null || !d.equals(own)) {
                    foreign.add(d.toLowerCase(Locale.ROOT));
                }
            }
        }
        return new AccountEvidence(all.user(), all.messages(), all.clientIps(), all.clientIpsSaturated(), all.sampleClientIps(),
                sample == null ? 0 : sample.messages(), sample == null ? 0 : sample.senderMismatches(), foreign,
                sample == null ? 0 : sample.recipients(), sample == null ? 0 : sample.remoteRecipients(),
                sample == null ? 0 : sample.sent(), sample == null ? 0 : sample.deferred(),
                sample == null ? 0 : sample.bounced(), sample == null ? 0 : sample.bounceNotifications(),
                headers.logged(), headers.foreign(), new TreeSet<>(headers.foreignDomains().values()),
                all.firstSeen(), all.lastSeen());
    }

    /** True when the second pass saw only part of the account's submissions. */
    boolean sampledOnly() {
        return sampled > 0 && sampled < messages;
    }

    /**
     * Distinct remote recipients over all submissions: exact when the sample covered them all,
     * otherwise scaled by messages/sampled (spam goes to new addresses each time, so this is the
     * right order of magnitude; a list mailed repeatedly is over-estimated).
     */
    long estimatedRemoteRecipients() {
        return sampled == 0 || !sampledOnly() ? remoteRecipients : Math.round((double) remoteRecipients * messages / sampled);
    }

    long attempts() {
        return sent + deferred + bounced;
    }
}
