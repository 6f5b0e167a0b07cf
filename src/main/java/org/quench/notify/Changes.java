package org.quench.notify;

import org.quench.audit.AuditCheck;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What is new and what is resolved between two audits: findings are compared by their keys per
 * host × check ({@code host|check → keys}), so a queue that grows from 250 to 260 or a relay that
 * sends a few more messages is the same finding (no alert), while a newly trusted entry, a newly
 * abusive IP, or a finding gone is a change (alert). A host that could not be audited carries the
 * key {@code error}: losing and regaining contact are changes too.
 */
public record Changes(List<String> appeared, List<String> resolved) {

    public boolean any() {
        return !appeared.isEmpty() || !resolved.isEmpty();
    }

    /** The state to keep for next time: host|check → keys of its findings (passing checks have none). */
    public static Map<String, Set<String>> state(List<AuditCheck> checks) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (AuditCheck c : checks) {
            Set<String> keys = new LinkedHashSet<>();
            c.items().forEach(i -> keys.add(i.key()));
            if (!keys.isEmpty()) out.put(c.host() + "|" + c.check(), keys);
        }
        return out;
    }

    public static Changes between(Map<String, Set<String>> before, List<AuditCheck> now) {
        Map<String, Set<String>> after = state(now);
        Map<String, String> text = new LinkedHashMap<>();
        for (AuditCheck c : now) c.items().forEach(i -> text.put(c.host() + "|" + c.check() + "|" + i.key(), i.text()));
        List<String> appeared = new ArrayList<>();
        after.forEach((hc, keys) -> {
            Set<String> old = before.getOrDefault(hc, Set.of());
            for (String k : keys) {
                if (!old.contains(k)) appeared.add(label(hc) + ": " + text.getOrDefault(hc + "|" + k, k));
            }
        });
        List<String> resolved = new ArrayList<>();
        before.forEach((hc, keys) -> {
            Set<String> now2 = after.getOrDefault(hc, Set.of());
            for (String k : keys) {
                if (!now2.contains(k)) resolved.add(label(hc) + ": " + k);
            }
        });
        return new Changes(List.copyOf(appeared), List.copyOf(resolved));
    }

    private static String label(String hostCheck) {
        return hostCheck.replace('|', ' ');
    }
}
