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
 * /etc/postfix/main.cf", or null). {@code platform} defaults to the host var.
 */
public final class TrustModule implements StepModule {
    public static final String NAME = "postfix.trust";

    @Override
    public ModuleSignature signature() {
        return new ModuleSignature(NAME, StepKind.CHECK, Set.of("platform", "ip"), Set.of(),
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

    private static String text(Map<String, Object> args, String key) {
        Object v = args == null ? null : args.get(key);
        if (v == null || v.toString().isBlank()) return null;
        return v.toString().strip();
    }
}
