package org.quench.mail.activity;

import org.quench.mail.log.MailEvent;
import org.quench.mail.log.SmtpdClient;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Messages relayed without SMTP AUTH, per client IP: one {@code client=name[ip]} line without
 * {@code sasl_username} is one accepted message. Only clients {@code inScope} accepts are counted
 * (the audit passes "inside the trusted networks, and not the server itself": inbound mail from
 * the Internet is unauthenticated too, and content filters re-inject through 127.0.0.1).
 * Memory is bounded: at most {@code maxIps} addresses (further ones are counted in
 * {@link #untrackedMessages()}).
 */
public final class RelayActivityCollector implements Consumer<MailEvent> {
    private final Predicate<String> inScope;
    private final int maxIps;
    private final Map<String, long[]> byIp = new HashMap<>();
    private long untracked;

    public RelayActivityCollector(Predicate<String> inScope, int maxIps) {
        this.inScope = inScope;
        this.maxIps = maxIps;
    }

    /** One client IP's count. */
    public record Relayed(String ip, long messages) {
    }

    @Override
    public void accept(MailEvent e) {
        if (!(e instanceof SmtpdClient c) || c.authenticated() || c.clientIp() == null) return;
        String ip = c.clientIp();
        long[] n = byIp.get(ip);
        if (n == null) {
            if (!inScope.test(ip)) return;
            if (byIp.size() >= maxIps) {
                untracked++;
                return;
            }
            n = new long[1];
            byIp.put(ip, n);
        }
        n[0]++;
    }

    /** Every counted IP, most messages first (ties by address). */
    public List<Relayed> relayed() {
        List<Relayed> out = new ArrayList<>();
        byIp.forEach((ip, n) -> out.add(new Relayed(ip, n[0])));
        out.sort(Comparator.comparingLong(Relayed::messages).reversed().thenComparing(Relayed::ip));
        return out;
    }

    public long untrackedMessages() {
        return untracked;
    }
}
