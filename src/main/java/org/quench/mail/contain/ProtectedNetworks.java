package org.quench.mail.contain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Addresses a client block must never cover: the unspecified addresses, the server itself
 * (127.0.0.1 and ::1, where webmail and content filters reconnect from — blocking them stops all
 * mail), the inventory's {@code approved_relays} and Postfix's own {@code mynetworks}. Stopping a
 * trusted relay is the rogue-trusted-ip remediation's job, done there with its own checks, not a
 * side effect of blocking brute-force IPs.
 */
final class ProtectedNetworks {
    private final List<Named> networks;

    private record Named(ClientNetwork network, String why) {
    }

    private ProtectedNetworks(List<Named> networks) {
        this.networks = List.copyOf(networks);
    }

    /** The fixed ones and the host var {@code approved_relays} (an unreadable entry is an inventory error). */
    static ProtectedNetworks of(Map<String, Object> hostVars) {
        List<Named> out = new ArrayList<>();
        out.add(new Named(ClientNetwork.parse("0.0.0.0"), "the unspecified address"));
        out.add(new Named(ClientNetwork.parse("::"), "the unspecified address"));
        out.add(new Named(ClientNetwork.parse("127.0.0.1"), "the server itself"));
        out.add(new Named(ClientNetwork.parse("::1"), "the server itself"));
        Object relays = hostVars.get("approved_relays");
        List<String> entries = new ArrayList<>();
        if (relays instanceof Collection<?> c) c.forEach(o -> entries.add(String.valueOf(o)));
        else if (relays != null) entries.addAll(List.of(relays.toString().strip().split("[,\\s]+")));
        for (String e : entries) {
            if (e.isBlank()) continue;
            try {
                out.add(new Named(ClientNetwork.parse(e), "approved_relays entry " + e));
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("host var approved_relays: " + ex.getMessage());
            }
        }
        return new ProtectedNetworks(out);
    }

    /**
     * Adds the literal entries of {@code mynetworks} (as {@code postconf -hx} prints it). Table and
     * file references and {@code !} exclusions cannot be read here and are skipped: the check is a
     * safety net, not the trust audit.
     */
    ProtectedNetworks withMynetworks(String value) {
        List<Named> out = new ArrayList<>(networks);
        for (String e : value.strip().split("[,\\s]+")) {
            if (e.isEmpty() || e.startsWith("!")) continue;
            try {
                out.add(new Named(ClientNetwork.parse(e), "mynetworks entry " + e));
            } catch (IllegalArgumentException ex) {
                // not a literal network (a table name): see above
            }
        }
        return new ProtectedNetworks(out);
    }

    /** @return why {@code n} must not be blocked, or null when it may be */
    String conflict(ClientNetwork n) {
        for (Named p : networks) {
            if (p.network().overlaps(n)) return p.why();
        }
        return null;
    }
}
