package org.quench.mail.trust;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 network ({@code address/prefix}; a bare address is a /32 or /128), parsed the way
 * Postfix writes networks in {@code mynetworks} and {@code cidr:} tables: IPv6 optionally in
 * brackets ({@code [2001:db8::]/32}), IPv4 as four decimal octets (no leading zeros, which some
 * parsers read as octal). Nothing here ever resolves a name: a value that is not an address
 * literal is refused. Host bits after the prefix are cleared ({@link #hostBitsSet()} says they were
 * there), as Postfix does when it matches.
 */
public final class Cidr {
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
            + "(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final Pattern PREFIX = Pattern.compile("0|[1-9][0-9]{0,2}");

    private final byte[] address;
    private final int prefix;
    private final boolean hostBitsSet;

    private Cidr(byte[] address, int prefix, boolean hostBitsSet) {
        this.address = address;
        this.prefix = prefix;
        this.hostBitsSet = hostBitsSet;
    }

    /** @throws IllegalArgumentException naming the value and what is wrong with it */
    public static Cidr parse(String text) {
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
        byte[] masked = mask(bytes, prefix);
        return new Cidr(masked, prefix, !Arrays.equals(masked, bytes));
    }

    /** Whether {@code text} is an address or network literal ({@link #parse} would accept it). */
    public static boolean isLiteral(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] addressBytes(String addr, String original) {
        if (IPV4.matcher(addr).matches()) {
            String[] o = addr.split("\\.");
            byte[] b = new byte[4];
            for (int i = 0; i < 4; i++) b[i] = (byte) Integer.parseInt(o[i]);
            return b;
        }
        // a colon and only hex digits, colons and dots: InetAddress treats it as a literal, never a name
        if (addr.indexOf(':') >= 0 && IPV6_CHARS.matcher(addr).matches()) {
            try {
                byte[] b = InetAddress.getByName(addr).getAddress();
                if (b.length == 16) return b;
                if (b.length == 4) return mapped(b); // ::ffff:a.b.c.d, which Java hands back as IPv4
            } catch (UnknownHostException e) {
                // not a valid literal: refused below
            }
        }
        throw new IllegalArgumentException("'" + original + "' is not an IPv4 or IPv6 address");
    }

    private static byte[] mapped(byte[] v4) {
        byte[] b = new byte[16];
        b[10] = (byte) 0xff;
        b[11] = (byte) 0xff;
        System.arraycopy(v4, 0, b, 12, 4);
        return b;
    }

    public boolean ipv6() {
        return address.length == 16;
    }

    public int prefix() {
        return prefix;
    }

    /** Whether the text it was parsed from had bits set after the prefix ({@code 10.0.0.1/24}). */
    public boolean hostBitsSet() {
        return hostBitsSet;
    }

    public boolean singleAddress() {
        return prefix == address.length * 8;
    }

    /** Whether {@code other} lies entirely inside this network. Different families never match. */
    public boolean contains(Cidr other) {
        return other.address.length == address.length && other.prefix >= prefix
                && Arrays.equals(mask(other.address, prefix), address);
    }

    /** Whether the two share any address. */
    public boolean overlaps(Cidr other) {
        return contains(other) || other.contains(this);
    }

    /** How many addresses it holds, for "over-broad" judgements (a /8 holds 16,777,216). */
    public BigInteger size() {
        return BigInteger.ONE.shiftLeft(address.length * 8 - prefix);
    }

    /**
     * This network without {@code hole}: the smallest list of networks covering every other address,
     * in address order — how a list that cannot express exclusions (BlueMind's sanitiser drops
     * {@code !} entries) stops trusting one address of a trusted CIDR and keeps its neighbours.
     *
     * @throws IllegalArgumentException when {@code hole} is not inside this network
     */
    public List<Cidr> minus(Cidr hole) {
        if (!contains(hole)) throw new IllegalArgumentException(hole + " is not inside " + this);
        int bits = address.length * 8;
        BigInteger h = new BigInteger(1, hole.address);
        List<Cidr> out = new ArrayList<>();
        for (int p = prefix + 1; p <= hole.prefix; p++) {
            // the sibling, at prefix p, of the half that holds the hole
            BigInteger sibling = h.flipBit(bits - p);
            out.add(new Cidr(mask(bytes(sibling, address.length), p), p, false));
        }
        out.sort((a, b) -> new BigInteger(1, a.address).compareTo(new BigInteger(1, b.address)));
        return out;
    }

    /** The address bytes (4 or 16), host bits cleared; a copy. */
    public byte[] bytes() {
        return address.clone();
    }

    /** The address part, as people write it ({@code 10.0.0.0}, {@code 2001:db8::}). */
    public String address() {
        if (!ipv6()) {
            return (address[0] & 255) + "." + (address[1] & 255) + "." + (address[2] & 255) + "." + (address[3] & 255);
        }
        try {
            return compress(InetAddress.getByAddress(address).getHostAddress());
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code address/prefix}, always with the prefix: {@code 127.0.0.20/32}, {@code 2001:db8::/32}. */
    public String text() {
        return address() + "/" + prefix;
    }

    /** The form {@code mynetworks} needs: IPv6 in brackets ({@code [2001:db8::]/32}), IPv4 as {@link #text()}. */
    public String mynetworksText() {
        return ipv6() ? "[" + address() + "]/" + prefix : text();
    }

    private static byte[] mask(byte[] address, int bits) {
        int len = address.length * 8;
        BigInteger mask = bits == 0 ? BigInteger.ZERO
                : BigInteger.ONE.shiftLeft(len).subtract(BigInteger.ONE).shiftRight(len - bits).shiftLeft(len - bits);
        return bytes(new BigInteger(1, address).and(mask), address.length);
    }

    private static byte[] bytes(BigInteger v, int length) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[length];
        int copy = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copy, out, length - copy, copy);
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
        return o instanceof Cidr c && c.prefix == prefix && Arrays.equals(c.address, address);
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
