package org.quench.mail.detect;

import org.quench.engine.ModuleContext;
import org.quench.mail.contain.ContextTransport;
import org.quench.mail.queue.Envelope;
import org.quench.mail.queue.EnvelopeBatch;
import org.quench.mail.queue.EnvelopeReader;
import org.quench.mail.queue.MailQueue;
import org.quench.mail.queue.QueueRunState;
import org.quench.mail.queue.QueuedMessage;
import org.quench.transport.Transport;
import org.quench.transport.TransportException;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What the queue still holds from each trusted client: the queue files keep
 * {@code log_client_address} and {@code log_helo_name} (postcat -e), which the log does not give
 * for accepted mail. Envelopes are read once per run: {@link QueueRunState} shares them with a
 * later {@code postfix.queue} step (same id and arrival time, same file).
 */
final class QueuedFromIp {
    private static final int POSTCAT_BATCH = 1000;

    record Summary(int queued, Set<String> helos) {
    }

    private QueuedFromIp() {
    }

    /** client address (as Postfix wrote it, IPv6 without the {@code IPv6:} prefix) → summary, for the trusted ones. */
    static Map<String, Summary> read(ModuleContext ctx, ZoneId zone, Predicate<String> trusted) throws TransportException {
        Transport t = new ContextTransport(ctx);
        QueueRunState state = ctx.hostState(QueueRunState.class, QueueRunState::new);
        List<QueuedMessage> listed = new MailQueue(t, ctx.timeout(), zone, state).list();
        state.lastListing(QueueRunState.queueNames(listed));
        Map<String, Envelope> envelopes = new HashMap<>();
        List<QueuedMessage> unknown = new ArrayList<>();
        for (QueuedMessage m : listed) {
            Envelope known = state.envelope(m);
            if (known != null) envelopes.put(m.queueId(), known);
            else unknown.add(m);
        }
        if (!unknown.isEmpty()) {
            EnvelopeBatch batch = new EnvelopeReader(t, ctx.timeout(), POSTCAT_BATCH).read(unknown.stream().map(QueuedMessage::queueId).toList());
            state.remember(unknown, batch.envelopes());
            envelopes.putAll(batch.envelopes());
        }
        Map<String, int[]> counts = new HashMap<>();
        Map<String, Set<String>> helos = new HashMap<>();
        for (Envelope e : envelopes.values()) {
            String ip = e.clientAddress();
            if (ip == null || e.saslUsername() != null) continue;
            if (ip.regionMatches(true, 0, "IPv6:", 0, 5)) ip = ip.substring(5);
            boolean relevant;
            try {
                relevant = trusted.test(ip);
            } catch (IllegalArgumentException ex) {
                relevant = false;
            }
            if (!relevant) continue;
            ip = canonical(ip);
            counts.computeIfAbsent(ip, k -> new int[1])[0]++;
            Set<String> h = helos.computeIfAbsent(ip, k -> new LinkedHashSet<>());
            if (e.heloName() != null && h.size() < 20) h.add(e.heloName());
        }
        Map<String, Summary> out = new HashMap<>();
        counts.forEach((ip, n) -> out.put(ip, new Summary(n[0], helos.get(ip))));
        return out;
    }

    /** One spelling per address ({@code 2001:DB8:0::1} and {@code 2001:db8::1} are one client). */
    static String canonical(String ip) {
        try {
            return org.quench.mail.trust.Cidr.parse(ip).address();
        } catch (IllegalArgumentException e) {
            return ip;
        }
    }
}
