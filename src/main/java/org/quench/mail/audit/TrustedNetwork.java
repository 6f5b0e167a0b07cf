package org.quench.mail.audit;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * One network as an audit reads it from {@code mynetworks} or {@code approved_relays}: IPv4 or IPv6
 * (Postfix's {@code [2001:db8::]/32} brackets allowed), optional prefix. Unlike a block rule this
 * is lenient about host bits ({@code 10.0.0.1/24} is read as 10.0.0.0/24, as Postfix matches it):
 * the audit reports what the host trusts, it does not write rules. Nothing here resolves a name.
 */
public record TrustedNetwork(String text, byte[] address, int prefix) {
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
            + "(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final Pattern PREFIX = Pattern.compile("0|[1-9][0-9]{0,2}");

    /** @throws IllegalArgumentException when {@code text} is not an address or network */
    public static TrustedNetwork parse(String text) {
        String s = text.strip();
        int slash = s.indexOf('/');
        String addr = slash < 0 ? s : s.substring(0, slash);
        if (addr.startsWith("[") && addr.endsWith("]")) addr = addr.substring(1, addr.length() - 1);
        byte[] bytes = bytes(addr, text);
        int bits = bytes.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String p = s.substring(slash + 1);
            if (!PREFIX.matcher(p).matches() || Integer.parseInt(p) > bits) {
                throw new IllegalArgumentException("'" + text + "' has an invalid prefix length (0-" + bits + ")");
            }
            prefix = Integer.parseInt(p);
        }
        return new TrustedNetwork(s, mask(bytes, prefix), prefix);
    }

    private static byte[] bytes(String addr, String original) {
        if (IPV4.matcher(addr).matches()) {
            String[] o = addr.split("\\.");
            byte[] b = new byte[4];
            for (int i = 0; i < 4; i++) b[i] = (byte) Integer.parseInt(o[i]);
            return b;
        }
        // Only hex digits, colons and dots with a colon: InetAddress takes it as a literal, no lookup.
        if (addr.indexOf(':') >= 0 && IPV6_CHARS.matcher(addr).matches()) {
            try {
                byte[] b = InetAddress.getByName(addr).getAddress();
                if (b.length == 16) return b;
            } catch (UnknownHostException e) {
                // not a literal: refused below
            }
        }
        throw new IllegalArgumentException("'" + original + "' is not an IPv4 or IPv6 address or network");
    }

    private static byte[] mask(byte[] address, int prefix) {
        byte[] out = address.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] &= (byte) (0xff << (8 - keep));
        }
        return out;
    }

    public boolean ipv6() {
        return address.length == 16;
    }

    /** Whether every address of {@code other} is inside this network. */
    public boolean covers(TrustedNetwork other) {
        return other.address.length == address.length && other.prefix >= prefix
                && Arrays.equals(mask(other.address, prefix), address);
    }

    /** The server itself: 127.0.0.0/8 or a part of it written as such by Postfix/BlueMind, or ::1. */
    public boolean loopbackSelf() {
        return ipv6() ? prefix == 128 && covers(parse("::1")) : (prefix == 8 || prefix == 32) && covers(parse("127.0.0.1"))
                && (prefix == 8 || address[3] == 1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrustedNetwork n && n.prefix == prefix && Arrays.equals(n.address, address);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(address) + prefix;
    }

    @Override
    public String toString() {
        return text;
    }
}
