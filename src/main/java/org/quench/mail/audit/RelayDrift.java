package org.quench.mail.audit;

import org.quench.mail.trust.Cidr;
import org.quench.mail.trust.EffectiveTrust;
import org.quench.mail.trust.PlatformTrust;
import org.quench.mail.trust.TrustEntry;
import org.quench.mail.trust.Unresolved;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Compares what a host trusts (the effective entries from the trust reader,
 * {@link org.quench.mail.trust.EffectiveTrust}) with the inventory's {@code approved_relays}. An
 * entry covering every address is an open relay (and nothing else needs saying); otherwise one
 * broader than the {@link BreadthLimit} is too broad (even when approved: an approved /16 is still
 * a /16), and one no approved network covers is unapproved. The server's own loopback
 * (127.0.0.0/8, 127.0.0.1, ::1) is implicitly approved: Postfix's {@code mynetworks_style} and
 * BlueMind add it by themselves. Exclusions ({@code !net}) only narrow the trust and are skipped;
 * parts the reader could not list are reported as unreadable, never assumed harmless.
 */
public final class RelayDrift {
    private static final Set<Cidr> SERVER_ITSELF = Set.of(Cidr.parse("127.0.0.0/8"), Cidr.parse("127.0.0.1"), Cidr.parse("::1"));

    private RelayDrift() {
    }

    /**
     * Both lists a platform host has: what Postfix trusts now (main.cf) and the platform's own list
     * (BlueMind sysconf, Zimbra zimbraMtaMyNetworks), which is pushed to main.cf later and so is
     * tomorrow's trust. A problem both share is reported once, as main.cf's; one only the
     * platform list has is reported with the platform's origin.
     */
    public static List<DriftFinding> evaluate(EffectiveTrust trust, List<Cidr> approved, BreadthLimit limit) {
        List<DriftFinding> out = new ArrayList<>(evaluate(trust.trusted(), trust.unresolved(), approved, limit));
        PlatformTrust platform = trust.platform();
        if (platform == null) return out;
        Set<String> seen = new HashSet<>();
        for (DriftFinding f : out) seen.add(f.problem() + " " + f.entry());
        for (DriftFinding f : evaluate(platform.entries(), platform.unresolved(), approved, limit)) {
            if (seen.add(f.problem() + " " + f.entry())) out.add(f);
        }
        return out;
    }

    public static List<DriftFinding> evaluate(List<TrustEntry> trusted, List<Unresolved> unresolved, List<Cidr> approved,
                                              BreadthLimit limit) {
        List<DriftFinding> out = new ArrayList<>();
        for (TrustEntry e : trusted) {
            if (e.exclusion()) continue;
            Cidr n = e.cidr();
            String entry = n.text();
            String from = " (" + e.origin() + ")";
            if (n.prefix() == 0) {
                out.add(new DriftFinding(entry, DriftFinding.OPEN_RELAY, "trusts every " + (n.ipv6() ? "IPv6" : "IPv4")
                        + " address: anyone can relay through this host" + from));
                continue;
            }
            boolean self = serverItself(n);
            if (limit.tooBroad(n) && !self) {
                out.add(new DriftFinding(entry, DriftFinding.TOO_BROAD, "/" + n.prefix() + " is broader than the allowed /"
                        + (n.ipv6() ? limit.ipv6() : limit.ipv4()) + from));
            }
            if (!self && approved.stream().noneMatch(a -> a.contains(n))) {
                out.add(new DriftFinding(entry, DriftFinding.UNAPPROVED, "trusted but not in approved_relays" + from));
            }
        }
        for (Unresolved u : unresolved) {
            out.add(new DriftFinding(u.reference(), DriftFinding.UNREADABLE, "cannot be listed, so not audited: " + u.why()
                    + " (" + u.origin() + ")"));
        }
        return out;
    }

    /** The loopback entries Postfix and the platforms add for the server itself. */
    public static boolean serverItself(Cidr n) {
        return SERVER_ITSELF.contains(n);
    }

    /** Parses {@code approved_relays} (a YAML list or a comma/space separated string). */
    public static List<Cidr> approved(Object hostVar) {
        List<String> entries = new ArrayList<>();
        if (hostVar instanceof Iterable<?> it) it.forEach(o -> entries.add(String.valueOf(o)));
        else if (hostVar != null) entries.addAll(List.of(hostVar.toString().strip().split("[,\\s]+")));
        List<Cidr> out = new ArrayList<>();
        for (String e : entries) {
            if (e.isBlank()) continue;
            try {
                out.add(Cidr.parse(e.strip()));
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("approved_relays: " + ex.getMessage());
            }
        }
        return out;
    }
}
