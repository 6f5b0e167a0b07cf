package org.quench.mail.dnsbl;

import org.quench.mail.trust.Cidr;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The addresses a host sends mail from, when the inventory does not say ({@code outbound_ips}):
 * Postfix's {@code smtp_bind_address}/{@code smtp_bind_address6} when set, else the source address
 * the kernel picks for an Internet destination ({@code ip route get} on a documentation address:
 * a routing-table lookup, no packet is sent). A private address found that way is the inside of a
 * NAT, which no list sees: it is reported, not queried.
 */
final class OutboundAddresses {
    static final String ROUTES_MARK = "#quench-routes";
    /** One read-only command; either half may print nothing (no IPv6, no ip(8)). */
    static final String COMMAND = "postconf -h smtp_bind_address smtp_bind_address6 2>/dev/null; echo '" + ROUTES_MARK + "';"
            + " ip -o -4 route get 192.0.2.1 2>/dev/null; ip -o -6 route get 2001:db8::1 2>/dev/null; true";

    private static final List<Cidr> PRIVATE = List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "127.0.0.0/8",
            "100.64.0.0/10", "169.254.0.0/16", "fc00::/7", "fe80::/10", "::1/128").stream().map(Cidr::parse).toList();

    private OutboundAddresses() {
    }

    /** An address and where it came from ({@code inventory}, {@code smtp_bind_address}, {@code route}). */
    record Found(String ip, String source) {
        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ip", ip);
            m.put("source", source);
            return m;
        }
    }

    static List<Found> parse(String output) {
        List<Found> bind = new ArrayList<>();
        List<Found> routes = new ArrayList<>();
        boolean inRoutes = false;
        for (String line : output.split("\n")) {
            String l = line.strip();
            if (l.equals(ROUTES_MARK)) {
                inRoutes = true;
                continue;
            }
            if (!inRoutes) {
                if (!l.isEmpty() && Cidr.isLiteral(l) && Cidr.parse(l).singleAddress()) bind.add(new Found(Cidr.parse(l).address(), "smtp_bind_address"));
                continue;
            }
            String[] t = l.split("\\s+");
            for (int i = 0; i + 1 < t.length; i++) {
                if (t[i].equals("src") && Cidr.isLiteral(t[i + 1])) {
                    routes.add(new Found(Cidr.parse(t[i + 1]).address(), "route"));
                    break;
                }
            }
        }
        return bind.isEmpty() ? routes : bind;
    }

    static boolean isPrivate(String ip) {
        Cidr c = Cidr.parse(ip);
        return PRIVATE.stream().anyMatch(p -> p.ipv6() == c.ipv6() && p.contains(c));
    }
}
