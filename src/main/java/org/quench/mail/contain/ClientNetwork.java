package org.quench.mail.contain;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * One client address, or a network with {@code allow_cidr}, to block — parsed strictly, because
 * the values come from logs an attacker writes into: IPv4 as four decimal octets without leading
 * zeros ({@code 010.1.1.1} means octal to some parsers), IPv6 in RFC 4291 text (optionally in
 * brackets, no zone id), an optional {@code /prefix} whose host bits are zero (Postfix skips a
 * cidr rule like {@code 10.0.0.1/24} with only a warning, so it would silently block nothing).
 * Nothing here ever resolves a name.
 */
record ClientNetwork(byte[] address, int prefix) {
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
            + "(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final Pattern PREFIX = Pattern.compile("0|[1-9][0-9]{0,2}");

    /** @throws IllegalArgumentException naming the value and what is wrong with it */
    static ClientNetwork parse(String text) {
        String s = text.strip();
        int slash = s.indexOf('/');
        String addr = slash < 0 ? s : s.substring(0, slash);
        if (addr.startsWith("[") && addr.endsWith("]")) addr = addr.substring(1, addr.length() - 1);
        byte[] bytes = addressBytes(addr, text);
        int bits = bytes.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String p = s.substring(slash + 1);
            if (!PREFIX.matcher(p).matches() || Integer.parseInt(p) > bits) {
                throw new IllegalArgumentException("'" + text + "' has an invalid prefix length (0-" + bits + ")");
            }
            prefix = Integer.parseInt(p);
        }
        ClientNetwork n = new ClientNetwork(bytes, prefix);
        if (!Arrays.equals(n.masked(prefix), bytes)) {
            throw new IllegalArgumentException("'" + text + "' has host bits set after /" + prefix
                    + " (Postfix would skip that rule); did you mean " + new ClientNetwork(n.masked(prefix), prefix).text() + "?");
        }
        return n;
    }

    private static byte[] addressBytes(String addr, String original) {
        if (IPV4.matcher(addr).matches()) {
            String[] o = addr.split("\\.");
            byte[] b = new byte[4];
            for (int i = 0; i < 4; i++) b[i] = (byte) Integer.parseInt(o[i]);
            return b;
        }
        // a colon and only hex digits, colons and dots: InetAddress treats it as a literal and never looks it up
        if (addr.indexOf(':') >= 0 && IPV6_CHARS.matcher(addr).matches()) {
            try {
                byte[] b = InetAddress.getByName(addr).getAddress();
                if (b.length == 16) return b;
            } catch (UnknownHostException e) {
                // not a valid literal: refused below
            }
        }
        throw new IllegalArgumentException("'" + original + "' is not an IPv4 or IPv6 address");
    }

    boolean ipv6() {
        return address.length == 16;
    }

    boolean singleAddress() {
        return prefix == address.length * 8;
    }

    /** Whether the two share any address (one contains the other). */
    boolean overlaps(ClientNetwork other) {
        if (other.address.length != address.length) return false;
        int p = Math.min(prefix, other.prefix);
        return Arrays.equals(masked(p), other.masked(p));
    }

    /** The cidr-table key: the address, and {@code /prefix} only for a network. */
    String text() {
        String a;
        if (ipv6()) {
            try {
                a = compress(InetAddress.getByAddress(address).getHostAddress());
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        } else {
            a = (address[0] & 255) + "." + (address[1] & 255) + "." + (address[2] & 255) + "." + (address[3] & 255);
        }
        return singleAddress() ? a : a + "/" + prefix;
    }

    /** An address inside it, for a {@code postmap -q} probe of the table. */
    String probe() {
        String t = text();
        int slash = t.indexOf('/');
        return slash < 0 ? t : t.substring(0, slash);
    }

    /** {@link #probe()} of each, one a line: the keys for {@code postmap -q -}. */
    static String probes(java.util.List<ClientNetwork> networks) {
        StringBuilder b = new StringBuilder();
        for (ClientNetwork n : networks) b.append(n.probe()).append('\n');
        return b.toString();
    }

    private byte[] masked(int bits) {
        BigInteger v = new BigInteger(1, address);
        int len = address.length * 8;
        BigInteger mask = bits == 0 ? BigInteger.ZERO
                : BigInteger.ONE.shiftLeft(len).subtract(BigInteger.ONE).shiftRight(len - bits).shiftLeft(len - bits);
        byte[] raw = v.and(mask).toByteArray();
        byte[] out = new byte[address.length];
        int copy = Math.min(raw.length, out.length);
        System.arraycopy(raw, raw.length - copy, out, out.length - copy, copy);
        return out;
    }

    /** Java prints 2001:db8:0:0:0:0:0:1; the longest run of zero groups becomes "::" as people write it. */
    private static String compress(String full) {
        String[] g = full.split(":");
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < g.length; ) {
            if (!g[i].equals("0")) {
                i++;
                continue;
            }
            int j = i;
            while (j < g.length && g[j].equals("0")) j++;
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        if (bestStart < 0) return full;
        String head = String.join(":", Arrays.copyOfRange(g, 0, bestStart));
        String tail = String.join(":", Arrays.copyOfRange(g, bestStart + bestLen, g.length));
        return head + "::" + tail;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClientNetwork n && n.prefix == prefix && Arrays.equals(n.address, address);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(address) + prefix;
    }

    @Override
    public String toString() {
        return text();
    }
}
