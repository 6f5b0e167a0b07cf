package org.quench.mail.dnsbl;

import org.quench.mail.trust.Cidr;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The DNS name a list is asked about an address (RFC 5782 §2.1, §2.4): IPv4 octets reversed
 * ({@code 203.0.113.7} on {@code zen.spamhaus.org} → {@code 7.113.0.203.zen.spamhaus.org}), IPv6 as
 * its 32 nibbles reversed and dot-separated (the {@code ip6.arpa} form without that suffix).
 */
public final class DnsblName {
    private static final Pattern ZONE = Pattern.compile(
            "[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+\\.?");
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private DnsblName() {
    }

    /** @throws IllegalArgumentException when {@code ip} is not a single address or {@code zone} not a DNS name */
    public static String of(String ip, String zone) {
        return reversed(ip) + "." + zone(zone);
    }

    /** The zone as a DNS name without its trailing dot, lower case. */
    public static String zone(String zone) {
        String z = zone == null ? "" : zone.strip();
        if (!ZONE.matcher(z).matches() || z.length() > 253) {
            throw new IllegalArgumentException("'" + zone + "' is not a DNS zone name (like zen.spamhaus.org)");
        }
        if (z.endsWith(".")) z = z.substring(0, z.length() - 1);
        return z.toLowerCase(Locale.ROOT);
    }

    /** The address part of the query name: reversed octets, or reversed nibbles for IPv6. */
    public static String reversed(String ip) {
        Cidr c = Cidr.parse(ip);
        if (!c.singleAddress()) throw new IllegalArgumentException("'" + ip + "' is a network, not one address");
        byte[] b = c.bytes();
        StringBuilder s = new StringBuilder();
        if (b.length == 4) {
            for (int i = 3; i >= 0; i--) {
                s.append(b[i] & 255);
                if (i > 0) s.append('.');
            }
            return s.toString();
        }
        for (int i = 15; i >= 0; i--) {
            s.append(HEX[b[i] & 15]).append('.').append(HEX[(b[i] >> 4) & 15]);
            if (i > 0) s.append('.');
        }
        return s.toString();
    }
}
