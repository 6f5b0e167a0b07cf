package org.quench.mail.detect;

import org.quench.mail.activity.CappedSet;
import org.quench.mail.log.BounceNotification;
import org.quench.mail.log.Delivery;
import org.quench.mail.log.DeliveryStatus;
import org.quench.mail.log.MailEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Refusals that cite block lists, per refusing provider (count, distinct recipients, the first
 * reply as the sample, the lists named), and the bounce notifications Postfix queued. Memory is
 * bounded by the number of providers (recipients are counted up to a cap).
 */
final class BlocklistBounceCollector {
    private static final int RECIPIENT_CAP = 100_000;

    private static final class Provider {
        final String name;
        long count;
        long bounced;
        long deferred;
        final CappedSet recipients = new CappedSet(RECIPIENT_CAP);
        final Set<String> lists = new LinkedHashSet<>();
        String sample;
        String dsn;
        Instant firstSeen;
        Instant lastSeen;

        Provider(String name) {
            this.name = name;
        }
    }

    private final Map<String, Provider> providers = new HashMap<>();
    private long notifications;
    private long refusals;

    void accept(MailEvent e) {
        if (e instanceof BounceNotification) {
            notifications++;
            return;
        }
        if (!(e instanceof Delivery d)) return;
        if (d.status() != DeliveryStatus.BOUNCED && d.status() != DeliveryStatus.DEFERRED) return;
        // a local refusal (relay=none, our own error transport) says nothing about our reputation
        if (d.relay() == null || d.relay().startsWith("none")) return;
        if (!BlocklistCitation.cites(d.reply())) return;
        refusals++;
        String domain = domain(d.to());
        String name = BlocklistCitation.provider(d.relayHost(), domain, d.reply());
        Provider p = providers.computeIfAbsent(name, Provider::new);
        p.count++;
        if (d.status() == DeliveryStatus.BOUNCED) p.bounced++;
        else p.deferred++;
        p.recipients.add(d.to() == null ? null : d.to().toLowerCase(Locale.ROOT));
        p.lists.addAll(BlocklistCitation.lists(d.reply()));
        if (p.sample == null) {
            p.sample = d.reply();
            p.dsn = d.dsn();
        }
        Instant t = d.header().time();
        if (t != null) {
            if (p.firstSeen == null || t.isBefore(p.firstSeen)) p.firstSeen = t;
            if (p.lastSeen == null || t.isAfter(p.lastSeen)) p.lastSeen = t;
        }
    }

    /** One row per provider, most refusals first. */
    List<Map<String, Object>> byProvider() {
        List<Provider> all = new ArrayList<>(providers.values());
        all.sort(Comparator.comparingLong((Provider p) -> p.count).reversed().thenComparing(p -> p.name));
        List<Map<String, Object>> out = new ArrayList<>();
        for (Provider p : all) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("provider", p.name);
            m.put("count", p.count);
            m.put("bounced", p.bounced);
            m.put("deferred", p.deferred);
            m.put("recipients", p.recipients.size());
            m.put("lists", new ArrayList<>(p.lists));
            m.put("dsn", p.dsn);
            m.put("sample", p.sample);
            if (p.firstSeen != null) m.put("firstSeen", p.firstSeen.toString());
            if (p.lastSeen != null) m.put("lastSeen", p.lastSeen.toString());
            out.add(m);
        }
        return out;
    }

    long notifications() {
        return notifications;
    }

    long refusals() {
        return refusals;
    }

    static String domain(String address) {
        if (address == null) return "";
        int at = address.lastIndexOf('@');
        return at < 0 ? "" : address.substring(at + 1).toLowerCase(Locale.ROOT);
    }
}
