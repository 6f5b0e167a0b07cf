package org.quench.mail.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * Scores how much an account's sending looks like a hijacked account's, and says why. No single
 * signal is enough (performance-anchors.md: ranked by volume the compromised account came 7th
 * behind newsletters; ranked by client IPs it came 1st, but a roaming user had 26), so each signal
 * adds points and only a sum from several signals reaches {@code min_score} (default 5):
 *
 * <table>
 * <tr><th>signal</th><th>points</th></tr>
 * <tr><td>messages ≥ min_messages</td><td>1 (newsletters are voluminous)</td></tr>
 * <tr><td>distinct client IPs ≥ min_client_ips; ≥ 4×</td><td>2; +1 (roaming phones have several)</td></tr>
 * <tr><td>distinct remote recipients ≥ min_remote_recipients; ≥ 10×</td><td>1; +1</td></tr>
 * <tr><td>envelope sender ≠ login in ≥ 10 % of sampled messages (≥ 2)</td><td>2</td></tr>
 * <tr><td>envelope senders in ≥ 2 domains other than the login's</td><td>2</td></tr>
 * <tr><td>logged header From in ≥ 2 domains other than the login's</td><td>1</td></tr>
 * <tr><td>≥ 5 bounced and ≥ 10 % of delivery attempts bounced</td><td>2</td></tr>
 * <tr><td>≥ 20 deferred and ≥ 50 % of delivery attempts deferred</td><td>1 (big providers throttle honest mail too)</td></tr>
 * <tr><td>≥ 5 non-delivery notices generated (backscatter)</td><td>1</td></tr>
 * </table>
 *
 * A newsletter from its usual IP with its own address scores volume + recipients (+ deferrals):
 * at most 4. A hijacked account scores from IPs or forged senders plus volume, recipients and
 * bounces.
 */
final class AccountScorer {
    private final Thresholds t;

    AccountScorer(Thresholds thresholds) {
        this.t = thresholds;
    }

    /** An account with its score and the reasons, each with its numbers. */
    record Verdict(AccountEvidence evidence, int score, List<String> reasons, boolean flagged) {
    }

    Verdict score(AccountEvidence e) {
        int score = 0;
        List<String> reasons = new ArrayList<>();
        if (e.messages() >= t.minMessages()) {
            score += 1;
            reasons.add(e.messages() + " messages sent (threshold " + t.minMessages() + ")");
        }
        if (e.clientIps() >= t.minClientIps()) {
            int p = e.clientIps() >= 4 * t.minClientIps() ? 3 : 2;
            score += p;
            reasons.add("from " + (e.clientIpsSaturated() ? "≥" : "") + e.clientIps() + " distinct client IPs (threshold "
                    + t.minClientIps() + ")");
        }
        long remote = e.estimatedRemoteRecipients();
        if (remote >= t.minRemoteRecipients()) {
            score += remote >= 10 * t.minRemoteRecipients() ? 2 : 1;
            reasons.add((e.sampledOnly() ? "about " : "") + remote + " distinct remote recipients (threshold "
                    + t.minRemoteRecipients() + ")");
        }
        if (e.sampled() > 0 && e.senderMismatches() >= 2 && e.senderMismatches() * 10 >= e.sampled()) {
            score += 2;
            reasons.add(e.senderMismatches() + " of " + e.sampled() + (e.sampledOnly() ? " sampled" : "")
                    + " messages had an envelope sender other than the login");
        }
        if (e.foreignSenderDomains().size() >= 2) {
            score += 2;
            reasons.add("envelope senders in " + e.foreignSenderDomains().size() + " other domains: "
                    + sample(e.foreignSenderDomains()));
        }
        if (e.headerFromDomains().size() >= 2) {
            score += 1;
            reasons.add(e.headerFromForeign() + " messages with a header From in " + e.headerFromDomains().size()
                    + " other domains: " + sample(e.headerFromDomains()));
        }
        long attempts = e.attempts();
        if (e.bounced() >= 5 && e.bounced() * 10 >= attempts) {
            score += 2;
            reasons.add(e.bounced() + " of " + attempts + " delivery attempts bounced");
        }
        if (e.deferred() >= 20 && e.deferred() * 2 >= attempts) {
            score += 1;
            reasons.add(e.deferred() + " of " + attempts + " delivery attempts deferred");
        }
        if (e.bounceNotifications() >= 5) {
            score += 1;
            reasons.add(e.bounceNotifications() + " non-delivery notices generated (backscatter)");
        }
        return new Verdict(e, score, List.copyOf(reasons), score >= t.minScore());
    }

    private static String sample(java.util.Set<String> values) {
        List<String> first = values.stream().sorted().limit(5).toList();
        return String.join(", ", first) + (values.size() > first.size() ? ", …" : "");
    }
}
