package org.quench.mail.trust;

import org.quench.engine.ModuleCall;
import org.quench.engine.ModuleContext;
import org.quench.engine.ModuleFailure;
import org.quench.engine.StepModule;
import org.quench.inventory.Host;
import org.quench.runbook.ModuleSignature;
import org.quench.runbook.StepKind;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code postfix.trust} (check): the host's effective trusted networks as a step result —
 * {@link EffectiveTrust#toMap()}, plus, with {@code ip}, {@code match: {ip, trusted, entry}}: the
 * entry that decides for that address (its text, e.g. "127.0.0.16/29 from mynetworks in
 * /etc/postfix/main.cf", or null); with {@code ips}, {@code matches}: one such map per address; and
 * {@code approved: [{cidr, untrusted}]} for each {@code approved_relays} network (default: the host
 * var): the addresses of it Postfix does not trust (every address of a network up to /23 is
 * checked, the first and last 256 of a larger one), so a verify can say "the rest of the approved
 * list is still trusted"; on Plesk, {@code byHand}: the manual White List step for those of
 * {@code ips} still trusted ({@link PleskWhiteList}). {@code platform} defaults to the host var.
 */
public final class TrustModule implements StepModule {
    public static final String NAME = "postfix.trust";

    @Override
    public ModuleSignature signature() {
        return new ModuleSignature(NAME, StepKind.CHECK, Set.of("platform", "ip", "ips", "approved_relays"), Set.of(),
                "effective trusted networks (mynetworks with $names, files and tables followed; the platform's own list)");
    }

    @Override
    public ModuleCall prepare(Host host, Map<String, Object> args) {
        String platform;
        try {
            platform = TrustReader.platform(text(args, "platform") != null ? text(args, "platform") : host.var("platform"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(NAME + ": " + e.getMessage());
        }
        String ip = text(args, "ip");
        if (ip != null && !Cidr.isLiteral(ip)) throw new IllegalArgumentException(NAME + ": '" + ip + "' is not an IP address");
        List<String> ips = list(args.get("ips"));
        for (String i : ips) if (!Cidr.isLiteral(i)) throw new IllegalArgumentException(NAME + ": '" + i + "' is not an IP address");
        List<Cidr> approved = new java.util.ArrayList<>();
        for (String a : args.containsKey("approved_relays") ? list(args.get("approved_relays")) : list(host.var("approved_relays"))) {
            try {
                approved.add(Cidr.parse(a));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(NAME + ": approved_relays: " + e.getMessage());
            }
        }
        return new ModuleCall() {
            @Override
            public List<PlannedCommand> commands() {
                return TrustReader.commands(platform).stream().map(c -> new PlannedCommand(c, null)).toList();
            }

            @Override
            public Object execute(ModuleContext ctx) throws ModuleFailure {
                EffectiveTrust trust;
                try {
                    trust = new TrustReader(c -> ctx.exec(c, null, ctx.timeout())).read(platform);
                } catch (TrustReadException e) {
                    throw new ModuleFailure(NAME + ": " + e.getMessage());
                }
                Map<String, Object> out = trust.toMap();
                if (ip != null) out.put("match", match(trust, ip));
                out.put("matches", ips.stream().map(i -> match(trust, i)).toList());
                List<String> trustedIps = ips.stream().filter(trust::trusts).toList();
                // Plesk: the manual step for the addresses still trusted (null elsewhere, or when none is)
                out.put("byHand", platform.equals("plesk") && !trustedIps.isEmpty()
                        ? PleskWhiteList.instruction(String.join(", ", trustedIps)) : null);
                out.put("approved", approved.stream().map(a -> approvedCheck(trust, a)).toList());
                return out;
            }
        };
    }

    /** {@code {ip, trusted, entry}} for one address. */
    public static Map<String, Object> match(EffectiveTrust trust, String ip) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ip", ip);
        m.put("trusted", trust.trusts(ip));
        m.put("entry", trust.matchingEntry(ip).map(TrustEntry::describe).orElse(null));
        return m;
    }

    /** {@code {cidr, untrusted: [addresses]}} for one approved network. */
    static Map<String, Object> approvedCheck(EffectiveTrust trust, Cidr network) {
        List<String> untrusted = new java.util.ArrayList<>();
        java.math.BigInteger size = network.size();
        java.math.BigInteger base = new java.math.BigInteger(1, addressBytes(network));
        java.util.function.Consumer<java.math.BigInteger> check = offset -> {
            String a = text(base.add(offset), network.ipv6());
            if (!trust.trusts(a) && untrusted.size() < 100) untrusted.add(a);
        };
        int span = 256;
        if (size.compareTo(java.math.BigInteger.valueOf(2L * span)) <= 0) {
            for (long i = 0; i < size.longValue(); i++) check.accept(java.math.BigInteger.valueOf(i));
        } else {
            for (long i = 0; i < span; i++) check.accept(java.math.BigInteger.valueOf(i));
            for (long i = span; i > 0; i--) check.accept(size.subtract(java.math.BigInteger.valueOf(i)));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cidr", network.text());
        m.put("untrusted", untrusted);
        return m;
    }

    private static byte[] addressBytes(Cidr c) {
        try {
            return java.net.InetAddress.getByName(c.address()).getAddress();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(java.math.BigInteger v, boolean ipv6) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[ipv6 ? 16 : 4];
        int copy = Math.min(raw.length, out.length);
        System.arraycopy(raw, raw.length - copy, out, out.length - copy, copy);
        try {
            String a = java.net.InetAddress.getByAddress(out).getHostAddress();
            return Cidr.parse(a).address();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A list argument: a real list, or text split on commas and white space (brackets dropped). */
    private static List<String> list(Object v) {
        List<String> out = new java.util.ArrayList<>();
        if (v == null) return out;
        if (v instanceof java.util.Collection<?> c) {
            for (Object o : c) if (o != null && !o.toString().isBlank()) out.add(o.toString().strip());
            return out;
        }
        String s = v.toString().strip();
        if (s.startsWith("[") && s.endsWith("]")) s = s.substring(1, s.length() - 1);
        for (String part : s.split("[,\\s]+")) if (!part.isEmpty()) out.add(part);
        return out;
    }

    private static String text(Map<String, Object> args, String key) {
        Object v = args == null ? null : args.get(key);
        if (v == null || v.toString().isBlank()) return null;
        return v.toString().strip();
    }
}
