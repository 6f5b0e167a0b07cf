package org.quench.mail.detect;

import org.quench.mail.activity.RelayActivity;
import org.quench.mail.trust.Cidr;
import org.quench.mail.trust.EffectiveTrust;
import org.quench.mail.trust.TrustEntry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether a trusted client relays like a compromised machine, and the sentence that says so.
 *
 * <p>Flagged when it relayed at least {@code minMessages} unauthenticated messages and at least
 * one of: it is not covered by {@code approved_relays} (or there is no approved list); its envelope
 * senders use domains the server does not host (a relay for the organisation sends as the
 * organisation); it reached {@code minRemoteRecipients} remote recipients. The server itself
 * (127.0.0.1, ::1: webmail, content filters) is never flagged. Volume alone flags nothing: a
 * busy approved application server is normal; volume plus any of the three is the pattern of a
 * spam-sending machine on a trusted network.
 */
record RelayVerdict(String ip, TrustEntry entry, boolean approved, String approvedBy, RelayActivity volume,
                    RelayActivity detail, QueuedFromIp.Summary queued, List<String> foreignSenderDomains,
                    boolean flagged, List<String> reasons) {

    record Thresholds(long minMessages, long minRemoteRecipients) {
    }

    private static final Set<Cidr> SELF = Set.of(Cidr.parse("127.0.0.1"), Cidr.parse("::1"));

    static RelayVerdict judge(RelayActivity volume, RelayActivity detail, QueuedFromIp.Summary queued, EffectiveTrust trust,
                              List<Cidr> approvedRelays, boolean haveApprovedList, Set<String> localDomains, Thresholds t) {
        Cidr address = Cidr.parse(volume.ip());
        TrustEntry entry = trust.matchingEntry(volume.ip()).orElse(null);
        String approvedBy = approvedBy(address, approvedRelays);
        List<String> foreign = new ArrayList<>();
        if (detail != null) {
            for (String d : new TreeSet<>(detail.senderDomains())) if (!localDomains.contains(d)) foreign.add(d);
        }
        int remote = detail == null ? 0 : detail.remoteRecipients();
        List<String> reasons = new ArrayList<>();
        if (!haveApprovedList) reasons.add("no approved_relays list for this host");
        else if (approvedBy == null) reasons.add("not in approved_relays");
        if (!foreign.isEmpty()) {
            reasons.add("envelope senders from " + foreign.size() + " domain(s) the server does not host: " + shortList(foreign));
        }
        if (remote >= t.minRemoteRecipients()) reasons.add(remote + (detail.remoteRecipientsSaturated() ? "+" : "") + " remote recipients");
        if (detail != null && !detail.headerFromDomains().isEmpty()) {
            reasons.add("header From domains " + shortList(new ArrayList<>(new TreeSet<>(detail.headerFromDomains()))));
        }
        boolean self = SELF.contains(address);
        boolean suspicious = approvedBy == null || !foreign.isEmpty() || remote >= t.minRemoteRecipients();
        boolean flagged = !self && volume.messages() >= t.minMessages() && suspicious;
        if (self) reasons.add("the server itself (webmail, content filters): never flagged");
        return new RelayVerdict(volume.ip(), entry, approvedBy != null, approvedBy, volume, detail, queued, foreign, flagged, reasons);
    }

    private static String approvedBy(Cidr address, List<Cidr> approved) {
        for (Cidr a : approved) if (a.contains(address)) return a.text();
        return null;
    }

    private static String shortList(List<String> values) {
        return values.size() <= 5 ? String.join(", ", values) : String.join(", ", values.subList(0, 5)) + ", …";
    }

    /** {@code 127.0.0.20 relays through 127.0.0.16/29 from mynetworks in …: 40 unauthenticated messages; not in approved_relays; …} */
    String why() {
        String through = entry == null ? "(no listed trust entry matches)" : "through " + entry.describe();
        return ip + " relays " + through + ": " + volume.messages() + " unauthenticated message(s)"
                + (reasons.isEmpty() ? "" : "; " + String.join("; ", reasons));
    }

    /**
     * The finding: PRODUCT.md §4's {@code rogueRelays} shape first ({@code ip, messages, insideCidr}),
     * then the evidence. Strings from the log are data for display, never for a command.
     */
    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ip", ip);
        m.put("messages", volume.messages());
        m.put("insideCidr", entry == null ? null : entry.cidr().text());
        m.put("entry", entry == null ? null : entry.describe());
        m.put("approved", approved);
        m.put("approvedBy", approvedBy);
        m.put("recipients", detail == null ? 0 : detail.recipients());
        m.put("remoteRecipients", detail == null ? 0 : detail.remoteRecipients());
        m.put("sampledMessages", detail == null ? 0 : detail.messages());
        m.put("senderDomains", detail == null ? List.of() : new ArrayList<>(new TreeSet<>(detail.senderDomains())));
        m.put("foreignSenderDomains", foreignSenderDomains);
        m.put("nullSenders", detail == null ? 0 : detail.nullSenders());
        m.put("headerFromDomains", detail == null ? List.of() : new ArrayList<>(new TreeSet<>(detail.headerFromDomains())));
        m.put("helos", queued == null ? List.of() : new ArrayList<>(queued.helos()));
        m.put("queued", queued == null ? 0 : queued.queued());
        m.put("services", new ArrayList<>(new TreeSet<>(volume.services())));
        m.put("firstSeen", volume.firstSeen() == null ? null : volume.firstSeen().toString());
        m.put("lastSeen", volume.lastSeen() == null ? null : volume.lastSeen().toString());
        m.put("flagged", flagged);
        m.put("reasons", reasons);
        m.put("why", why());
        return m;
    }

    /** The IP a runbook asked about when it relayed nothing in the window. */
    static Map<String, Object> unseen(String ip, EffectiveTrust trust, List<Cidr> approvedRelays, boolean haveApprovedList,
                                      QueuedFromIp.Summary queued) {
        TrustEntry entry = trust.matchingEntry(ip).orElse(null);
        String approvedBy = approvedBy(Cidr.parse(ip), approvedRelays);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ip", ip);
        m.put("messages", 0L);
        m.put("insideCidr", entry == null || entry.exclusion() ? null : entry.cidr().text());
        m.put("entry", entry == null ? null : entry.describe());
        m.put("approved", approvedBy != null);
        m.put("approvedBy", approvedBy);
        m.put("trusted", trust.trusts(ip));
        m.put("queued", queued == null ? 0 : queued.queued());
        m.put("helos", queued == null ? List.of() : new ArrayList<>(queued.helos()));
        m.put("flagged", false);
        m.put("reasons", List.of());
        m.put("why", ip + (trust.trusts(ip) ? " is trusted through " + entry.describe() + " but relayed nothing in the window"
                : " is not trusted by mynetworks" + (entry != null ? " (" + entry.describe() + ")" : "")));
        return m;
    }
}
