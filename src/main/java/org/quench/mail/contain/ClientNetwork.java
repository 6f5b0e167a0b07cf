package org.quench.mail.contain;

import org.quench.mail.trust.Cidr;

import java.util.List;

/**
 * One client address, or a network with {@code allow_cidr}, to block. Parsed by {@link Cidr}
 * (strict literals: IPv4 as four decimal octets, IPv6 in RFC 4291 text, never a name lookup),
 * and stricter still: a {@code /prefix} whose host bits are set is refused, because Postfix skips a
 * cidr rule like {@code 10.0.0.1/24} with only a warning, so it would silently block nothing, and so
 * is an IPv4-mapped IPv6 form, which Postfix never compares a client with.
 */
record ClientNetwork(Cidr cidr) {
    private static final Cidr IPV4_MAPPED = Cidr.parse("::ffff:0:0/96");

    /** @throws IllegalArgumentException naming the value and what is wrong with it */
    static ClientNetwork parse(String text) {
        Cidr c = Cidr.parse(text);
        // Postfix sees such a client as plain IPv4: a mapped key would never match it
        if (IPV4_MAPPED.contains(c)) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv4 or IPv6 address (an IPv4-mapped form: write the IPv4 address)");
        }
        if (c.hostBitsSet()) {
            throw new IllegalArgumentException("'" + text + "' has host bits set after /" + c.prefix()
                    + " (Postfix would skip that rule); did you mean " + c.text() + "?");
        }
        return new ClientNetwork(c);
    }

    boolean ipv6() {
        return cidr.ipv6();
    }

    boolean singleAddress() {
        return cidr.singleAddress();
    }

    /** Whether the two share any address (one contains the other). */
    boolean overlaps(ClientNetwork other) {
        return cidr.overlaps(other.cidr);
    }

    /** The cidr-table key: the address, and {@code /prefix} only for a network. */
    String text() {
        return singleAddress() ? cidr.address() : cidr.text();
    }

    /** An address inside it, for a {@code postmap -q} probe of the table. */
    String probe() {
        return cidr.address();
    }

    /** {@link #probe()} of each, one a line: the keys for {@code postmap -q -}. */
    static String probes(List<ClientNetwork> networks) {
        StringBuilder b = new StringBuilder();
        for (ClientNetwork n : networks) b.append(n.probe()).append('\n');
        return b.toString();
    }

    @Override
    public String toString() {
        return text();
    }
}
