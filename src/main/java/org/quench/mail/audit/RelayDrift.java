package org.quench.mail.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * Compares what a host trusts (the effective {@code mynetworks} entries) with the inventory's
 * {@code approved_relays}. An entry covering every address is an open relay (and nothing else
 * needs saying); otherwise one broader than the {@link BreadthLimit} is too broad (even when
 * approved: an approved /16 is still a /16), and one no approved network covers is unapproved.
 * The server's own loopback (127.0.0.0/8, 127.0.0.1, ::1) is implicitly approved: Postfix's
 * {@code mynetworks_style} and BlueMind add it by themselves. Exclusions ({@code !net}) only narrow
 * the trust and are skipped; table or file references the reader could not expand are reported as
 * unreadable, never assumed harmless.
 */
public final class RelayDrift {
    private RelayDrift() {
    }

    /**
     * @param trusted  the effective entries as the host's reader lists them
     * @param approved the inventory's approved networks (already validated)
     */
    public static List<DriftFinding> evaluate(List<String> trusted, List<TrustedNetwork> approved, BreadthLimit limit) {
        List<DriftFinding> out = new ArrayList<>();
        for (String raw : trusted) {
            String entry = raw.strip();
            if (entry.isEmpty() || entry.startsWith("!")) continue;
            TrustedNetwork n;
            try {
                n = TrustedNetwork.parse(entry);
            } catch (IllegalArgumentException e) {
                out.add(new DriftFinding(entry, DriftFinding.UNREADABLE,
                        "not an address or network (a table or file the reader could not expand?): cannot be audited"));
                continue;
            }
            if (n.prefix() == 0) {
                out.add(new DriftFinding(entry, DriftFinding.OPEN_RELAY, "trusts every " + (n.ipv6() ? "IPv6" : "IPv4")
                        + " address: anyone can relay through this host"));
                continue;
            }
            if (limit.tooBroad(n) && !n.loopbackSelf()) {
                out.add(new DriftFinding(entry, DriftFinding.TOO_BROAD, "/" + n.prefix() + " is broader than the allowed /"
                        + (n.ipv6() ? limit.ipv6() : limit.ipv4())));
            }
            if (!n.loopbackSelf() && approved.stream().noneMatch(a -> a.covers(n))) {
                out.add(new DriftFinding(entry, DriftFinding.UNAPPROVED, "trusted by the host but not in approved_relays"));
            }
        }
        return out;
    }

    /** Parses {@code approved_relays} (a YAML list or a comma/space separated string). */
    public static List<TrustedNetwork> approved(Object hostVar) {
        List<String> entries = new ArrayList<>();
        if (hostVar instanceof Iterable<?> it) it.forEach(o -> entries.add(String.valueOf(o)));
        else if (hostVar != null) entries.addAll(List.of(hostVar.toString().strip().split("[,\\s]+")));
        List<TrustedNetwork> out = new ArrayList<>();
        for (String e : entries) {
            if (e.isBlank()) continue;
            try {
                out.add(TrustedNetwork.parse(e));
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("approved_relays: " + ex.getMessage());
            }
        }
        return out;
    }
}
