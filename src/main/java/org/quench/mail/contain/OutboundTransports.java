package org.quench.mail.contain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which master.cf transports hand mail to other hosts, worked out from the host's own
 * {@code postconf -M} and {@code postconf -P}: every {@code unix} service run by the {@code smtp}
 * client ({@code smtp}, {@code relay} and any named by default_transport, relay_transport,
 * relayhost routing or transport_maps, which all resolve to master.cf services). Left running,
 * with the reason: a content filter's hop (named by a {@code content_filter}, main.cf or a
 * service's {@code -o}: deferring it would stop inbound mail too), {@code lmtp} (in practice the
 * local Dovecot/store) and the local deliverers (local, virtual, pipe to amavis or dovecot-lda…).
 */
record OutboundTransports(List<String> remote, Map<String, String> kept) {
    OutboundTransports {
        remote = List.copyOf(remote);
        kept = Map.copyOf(kept);
    }

    /**
     * @param masterServices {@code postconf -M} output
     * @param serviceParams {@code postconf -P} output
     * @param contentFilter main.cf's {@code content_filter} (may be empty)
     */
    static OutboundTransports of(String masterServices, String serviceParams, String contentFilter) {
        Set<String> filters = new LinkedHashSet<>();
        addFilter(filters, contentFilter);
        for (String line : serviceParams.lines().toList()) {
            int eq = line.indexOf(" = ");
            if (eq > 0 && line.substring(0, eq).strip().endsWith("/content_filter")) addFilter(filters, line.substring(eq + 3));
        }
        List<String> remote = new ArrayList<>();
        Map<String, String> kept = new LinkedHashMap<>();
        for (String line : masterServices.lines().toList()) {
            String[] f = line.strip().split("\\s+");
            if (f.length < 8 || !f[1].equals("unix")) continue;
            String name = f[0];
            String command = f[7];
            if (command.equals("smtp")) {
                if (filters.contains(name)) kept.put(name, "content filter hop (deferring it would stop inbound mail too)");
                else if (!remote.contains(name)) remote.add(name);
            } else if (command.equals("lmtp")) {
                kept.put(name, "lmtp (delivers to the local mailbox store)");
            } else if (command.equals("local") || command.equals("virtual") || command.equals("pipe")) {
                kept.put(name, command + " (local delivery)");
            }
        }
        return new OutboundTransports(remote, kept);
    }

    private static void addFilter(Set<String> filters, String value) {
        String v = value.strip();
        if (v.isEmpty()) return;
        int colon = v.indexOf(':');
        filters.add(colon < 0 ? v : v.substring(0, colon));
    }
}
