package org.quench.mail.activity;

import org.quench.mail.log.CleanupReject;
import org.quench.mail.log.Delivery;
import org.quench.mail.log.MailEvent;
import org.quench.mail.log.QmgrFrom;
import org.quench.mail.log.Removed;
import org.quench.mail.log.SmtpdClient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Builds {@link RelayActivity} per client IP for messages accepted <em>without</em> SMTP AUTH from
 * the clients {@code relevant} selects (the trusted ones: what {@code permit_mynetworks} let
 * through). Correlation by queue id as in {@link AccountActivityCollector}: the {@code client=}
 * line names the IP, the qmgr {@code from=} line its envelope sender, delivery lines its
 * recipients. A content filter's reinjection ({@code orig_queue_id=} from XFORWARD) is the same
 * message again, not a new one from the filter's address, so it is not counted.
 *
 * <p>Memory is bounded: at most {@code maxIps} IPs, capped distinct sets, at most
 * {@code maxOpenQueueIds} ids awaiting deliveries (oldest forgotten, {@code removed} frees).
 */
public final class RelayActivityCollector implements Consumer<MailEvent> {
    private final Predicate<String> relevant;
    private final int maxIps;
    private final int maxDistinct;
    private final Map<String, Tally> byIp = new HashMap<>();
    private final Map<String, Tally> byQueueId;
    private long untracked;

    public RelayActivityCollector(Predicate<String> relevant) {
        this(relevant, 10_000, 10_000, 500_000);
    }

    public RelayActivityCollector(Predicate<String> relevant, int maxIps, int maxDistinct, int maxOpenQueueIds) {
        this.relevant = relevant;
        this.maxIps = maxIps;
        this.maxDistinct = maxDistinct;
        this.byQueueId = new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Tally> eldest) {
                return size() > maxOpenQueueIds;
            }
        };
    }

    @Override
    public void accept(MailEvent e) {
        if (e instanceof SmtpdClient c) {
            onClient(c);
        } else if (e instanceof QmgrFrom q) {
            Tally t = byQueueId.get(q.queueId());
            if (t != null) t.sender(q.from());
        } else if (e instanceof Delivery d) {
            Tally t = byQueueId.get(d.queueId());
            if (t != null) t.delivery(d);
        } else if (e instanceof CleanupReject r && r.trigger() != null && r.trigger().regionMatches(true, 0, "header From:", 0, 12)) {
            Tally t = byQueueId.get(r.queueId());
            String domain = t == null ? null : domainOf(r.trigger().substring(12));
            if (domain != null) t.headerFromDomains.add(domain);
        } else if (e instanceof Removed r) {
            byQueueId.remove(r.queueId());
        }
    }

    private void onClient(SmtpdClient c) {
        if (c.queueId() != null) byQueueId.remove(c.queueId()); // a reused short id belongs to the new client
        if (c.authenticated() || c.origQueueId() != null || c.clientIp() == null || !relevant.test(c.clientIp())) return;
        Tally t = byIp.get(c.clientIp());
        if (t == null) {
            if (byIp.size() >= maxIps) {
                untracked++;
                return;
            }
            t = new Tally(c.clientIp(), maxDistinct);
            byIp.put(c.clientIp(), t);
        }
        t.message(c);
        if (c.queueId() != null) byQueueId.put(c.queueId(), t);
    }

    /** IPs seen, most messages first. */
    public List<RelayActivity> relays() {
        List<RelayActivity> out = new ArrayList<>();
        byIp.values().forEach(t -> out.add(t.snapshot()));
        out.sort(Comparator.comparingLong(RelayActivity::messages).reversed().thenComparing(RelayActivity::ip));
        return out;
    }

    /** Messages of IPs beyond {@code maxIps}, not tracked. */
    public long untracked() {
        return untracked;
    }

    /** Domain of an address or header value ({@code "Name" <a@b.c>} → {@code b.c}); null when none. */
    static String domainOf(String value) {
        String v = value.strip();
        int lt = v.lastIndexOf('<');
        if (lt >= 0) {
            int gt = v.indexOf('>', lt);
            v = v.substring(lt + 1, gt < 0 ? v.length() : gt);
        }
        int at = v.lastIndexOf('@');
        if (at < 0 || at == v.length() - 1) return null;
        String d = v.substring(at + 1).strip().toLowerCase(Locale.ROOT);
        int end = 0;
        while (end < d.length() && (Character.isLetterOrDigit(d.charAt(end)) || d.charAt(end) == '.' || d.charAt(end) == '-')) end++;
        return end == 0 ? null : d.substring(0, end);
    }

    private static final class Tally {
        final String ip;
        final CappedSet recipients;
        final CappedSet remoteRecipients;
        final CappedSet senderDomains = new CappedSet(100);
        final CappedSet headerFromDomains = new CappedSet(100);
        final CappedSet services = new CappedSet(10);
        long messages;
        long nullSenders;
        long sent;
        long deferred;
        long bounced;
        Instant first;
        Instant last;

        Tally(String ip, int maxDistinct) {
            this.ip = ip;
            this.recipients = new CappedSet(maxDistinct);
            this.remoteRecipients = new CappedSet(maxDistinct);
        }

        void message(SmtpdClient c) {
            messages++;
            if (c.service() != null) services.add(c.service());
            Instant t = c.header().time();
            if (t != null) {
                first = first == null || t.isBefore(first) ? t : first;
                last = last == null || t.isAfter(last) ? t : last;
            }
        }

        void sender(String from) {
            if (from == null || from.isEmpty()) {
                nullSenders++;
                return;
            }
            String d = domainOf(from);
            senderDomains.add(d == null ? from.toLowerCase(Locale.ROOT) : d);
        }

        void delivery(Delivery d) {
            recipients.add(d.to());
            if ("smtp".equals(d.agent())) remoteRecipients.add(d.to());
            switch (d.status()) {
                case SENT -> sent++;
                case DEFERRED -> deferred++;
                case BOUNCED, EXPIRED -> bounced++;
                default -> { }
            }
        }

        RelayActivity snapshot() {
            return new RelayActivity(ip, messages, recipients.size(), recipients.saturated(), remoteRecipients.size(),
                    remoteRecipients.saturated(), sent, deferred, bounced, Set.copyOf(senderDomains.values()), nullSenders,
                    Set.copyOf(headerFromDomains.values()), Set.copyOf(services.values()), first, last);
        }
    }
}
