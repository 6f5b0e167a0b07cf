package org.quench.mail.detect;

import org.quench.mail.activity.BruteForce;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The maps {@code mail.accounts} returns. The first keys of an account ({@code user, messages,
 * recipients, clientIps, queued}) and of a brute-force IP ({@code ip, failures, users}) are
 * PRODUCT.md §4's findings shapes, so a runbook can pass them to {@code findings:} as they are;
 * {@code queued} is null here (the queue step fills it). Strings from the log (users, domains) are
 * data for display: never put them in a command unquoted.
 */
final class Findings {
    private Findings() {
    }

    static Map<String, Object> account(AccountScorer.Verdict v) {
        AccountEvidence e = v.evidence();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("user", e.user());
        m.put("messages", e.messages());
        m.put("recipients", e.estimatedRemoteRecipients());
        m.put("clientIps", e.clientIps());
        m.put("queued", null);
        m.put("score", v.score());
        m.put("flagged", v.flagged());
        m.put("reasons", v.reasons());
        m.put("recipientsEstimated", e.sampledOnly());
        m.put("clientIpsAtLeast", e.clientIpsSaturated());
        m.put("sampleClientIps", sorted(e.sampleClientIps()));
        m.put("sampledMessages", e.sampled());
        m.put("senderMismatches", e.senderMismatches());
        m.put("foreignSenderDomains", List.copyOf(e.foreignSenderDomains()));
        m.put("headerFromDomains", List.copyOf(e.headerFromDomains()));
        m.put("sent", e.sent());
        m.put("deferred", e.deferred());
        m.put("bounced", e.bounced());
        m.put("bounceNotifications", e.bounceNotifications());
        m.put("firstSeen", text(e.firstSeen()));
        m.put("lastSeen", text(e.lastSeen()));
        return m;
    }

    /** The account a runbook asked about ({@code user}) when it sent nothing in the window. */
    static Map<String, Object> unseen(String user) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("user", user);
        m.put("messages", 0L);
        m.put("recipients", 0L);
        m.put("clientIps", 0);
        m.put("queued", null);
        m.put("score", 0);
        m.put("flagged", false);
        m.put("reasons", List.of());
        return m;
    }

    static Map<String, Object> bruteForce(BruteForce b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ip", b.ip());
        m.put("failures", b.failures());
        m.put("users", b.users());
        m.put("usersAtLeast", b.usersSaturated());
        m.put("saslFailures", b.saslFailures());
        m.put("authServerLost", b.authServerLost());
        m.put("dovecotFailures", b.dovecotFailures());
        m.put("sampleUsers", sorted(b.sampleUsers()));
        m.put("firstSeen", text(b.firstSeen()));
        m.put("lastSeen", text(b.lastSeen()));
        return m;
    }

    static Map<String, Object> window(Instant from, Instant until) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("since", text(from));
        m.put("until", text(until));
        return m;
    }

    static Map<String, Object> scanned(LogStream.Pass first, LogStream.Pass second, SecondPassPlan plan, int files,
                                       int candidates, long untrackedAccounts, long untrackedFailures) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lines", first.lines() + (second == null ? 0 : second.lines()));
        m.put("matched", first.events() + (second == null ? 0 : second.events()));
        m.put("bytes", first.bytes() + (second == null ? 0 : second.bytes()));
        m.put("files", files);
        m.put("firstPass", pass(first));
        Map<String, Object> s = second == null ? new LinkedHashMap<>() : pass(second);
        s.put("accounts", candidates);
        s.put("queueIds", plan.queueIds().size());
        s.put("ranges", plan.ranges().size());
        s.put("rangeBytes", plan.bytesPlanned());
        m.put("secondPass", s);
        m.put("untrackedAccountMessages", untrackedAccounts);
        m.put("untrackedFailures", untrackedFailures);
        return m;
    }

    private static Map<String, Object> pass(LogStream.Pass p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lines", p.lines());
        m.put("matched", p.events());
        m.put("bytes", p.bytes());
        m.put("ms", p.millis());
        return m;
    }

    private static List<String> sorted(java.util.Collection<String> values) {
        List<String> out = new ArrayList<>(values);
        out.sort(null);
        return out;
    }

    private static String text(Instant t) {
        return t == null ? null : t.toString();
    }
}
