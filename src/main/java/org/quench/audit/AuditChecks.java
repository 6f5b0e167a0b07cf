package org.quench.audit;

import org.quench.report.HostReport;
import org.quench.report.RunReport;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Turns the findings of an {@code audit-trusted-relays} run into its checks, per host, always all
 * five and in this order, so a check that passes is visible (JUnit shows it green) rather than
 * absent: the {@code relayDrift} entries split by problem into approved, breadth and open-relay
 * checks, then {@code relayVolume} and {@code queue}. A host that could not be audited gets every
 * check as an error carrying why.
 */
public final class AuditChecks {
    public static final String APPROVED = "trusted-networks-approved";
    public static final String BREADTH = "trusted-networks-breadth";
    public static final String OPEN_RELAY = "open-relay";
    public static final String RELAYED_VOLUME = "relayed-volume";
    public static final String QUEUE_SIZE = "queue-size";
    public static final List<String> ALL = List.of(APPROVED, BREADTH, OPEN_RELAY, RELAYED_VOLUME, QUEUE_SIZE);

    private AuditChecks() {
    }

    public static List<AuditCheck> of(RunReport report) {
        List<AuditCheck> out = new ArrayList<>();
        for (HostReport h : report.hosts()) out.addAll(of(h));
        return out;
    }

    static List<AuditCheck> of(HostReport h) {
        List<AuditCheck> out = new ArrayList<>();
        if (HostReport.FAILED.equals(h.status())) {
            String why = h.error() == null ? "the host could not be audited" : h.error();
            for (String c : ALL) out.add(new AuditCheck(h.host(), c, AuditCheck.ERROR, List.of(new AuditCheck.Item("error", why))));
            return out;
        }
        Map<String, Object> f = h.findings();
        List<AuditCheck.Item> approved = new ArrayList<>();
        List<AuditCheck.Item> breadth = new ArrayList<>();
        List<AuditCheck.Item> open = new ArrayList<>();
        for (Map<?, ?> d : maps(f.get("relayDrift"))) {
            String entry = String.valueOf(d.get("entry"));
            String problem = String.valueOf(d.get("problem"));
            AuditCheck.Item item = new AuditCheck.Item(problem + " " + entry, entry + ": " + d.get("detail"));
            switch (problem) {
                case "too-broad" -> breadth.add(item);
                case "open-relay" -> open.add(item);
                default -> approved.add(item); // unapproved, and unreadable (cannot be shown approved)
            }
        }
        List<AuditCheck.Item> volume = new ArrayList<>();
        for (Map<?, ?> r : maps(f.get("relayVolume"))) {
            volume.add(new AuditCheck.Item(String.valueOf(r.get("ip")), r.get("ip") + " relayed " + r.get("messages")
                    + " unauthenticated message(s)" + (r.get("insideCidr") == null ? "" : " (trusted via " + r.get("insideCidr") + ")")));
        }
        List<AuditCheck.Item> queue = new ArrayList<>();
        if (f.get("queue") instanceof Map<?, ?> q) {
            queue.add(new AuditCheck.Item("above threshold", q.get("total") + " queued message(s), threshold " + q.get("threshold")
                    + (q.get("bySender") instanceof Map<?, ?> top && !top.isEmpty() ? "; top senders " + top : "")));
        }
        out.add(check(h.host(), APPROVED, approved));
        out.add(check(h.host(), BREADTH, breadth));
        out.add(check(h.host(), OPEN_RELAY, open));
        out.add(check(h.host(), RELAYED_VOLUME, volume));
        out.add(check(h.host(), QUEUE_SIZE, queue));
        return out;
    }

    private static AuditCheck check(String host, String name, List<AuditCheck.Item> items) {
        return new AuditCheck(host, name, items.isEmpty() ? AuditCheck.PASS : AuditCheck.FAIL, items);
    }

    private static List<Map<?, ?>> maps(Object v) {
        List<Map<?, ?>> out = new ArrayList<>();
        if (v instanceof Collection<?> c) {
            for (Object o : c) if (o instanceof Map<?, ?> m) out.add(m);
        }
        return out;
    }

    /** Exit code per PRODUCT.md §4: 3 when a host could not be audited, 1 on any finding, else 0. */
    public static int exitCode(List<AuditCheck> checks) {
        if (checks.stream().anyMatch(c -> AuditCheck.ERROR.equals(c.status()))) return 3;
        if (checks.stream().anyMatch(c -> AuditCheck.FAIL.equals(c.status()))) return 1;
        return 0;
    }
}
