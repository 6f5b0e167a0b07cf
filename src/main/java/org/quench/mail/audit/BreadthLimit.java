package org.quench.mail.audit;

/**
 * The broadest network a host may trust: shorter prefixes are findings. /24 for IPv4 and /64 for
 * IPv6 by default — a LAN segment — so a /16 or a /8 typed to "make the alert go away" shows up.
 */
public record BreadthLimit(int ipv4, int ipv6) {
    public static final BreadthLimit DEFAULT = new BreadthLimit(24, 64);

    public BreadthLimit {
        if (ipv4 < 1 || ipv4 > 32) throw new IllegalArgumentException("IPv4 prefix limit must be 1-32, got " + ipv4);
        if (ipv6 < 1 || ipv6 > 128) throw new IllegalArgumentException("IPv6 prefix limit must be 1-128, got " + ipv6);
    }

    public boolean tooBroad(org.quench.mail.trust.Cidr n) {
        return n.prefix() < (n.ipv6() ? ipv6 : ipv4);
    }
}
