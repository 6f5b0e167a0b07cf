package org.quench.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A host's findings: keys from the runbooks' {@code findings:} blocks, merged across steps. */
final class Findings {
    private final Map<String, Object> values = new LinkedHashMap<>();

    /** Lists under the same key accumulate (a sub-runbook adds its accounts to the parent's). */
    @SuppressWarnings("unchecked")
    void put(String key, Object value) {
        Object old = values.get(key);
        if (old instanceof Collection<?> a && value instanceof Collection<?> b) {
            List<Object> merged = new ArrayList<>((Collection<Object>) a);
            merged.addAll(b);
            values.put(key, merged);
        } else {
            values.put(key, value);
        }
    }

    void putAll(Map<String, Object> other) {
        other.forEach(this::put);
    }

    Map<String, Object> asMap() {
        return new LinkedHashMap<>(values);
    }

    /** Something was detected: a non-empty collection, or a scalar that is not null/false/0. */
    static boolean anyDetected(Map<String, Object> findings) {
        for (Object v : findings.values()) {
            if (detected(v)) return true;
        }
        return false;
    }

    private static boolean detected(Object v) {
        if (v == null || Boolean.FALSE.equals(v)) return false;
        if (v instanceof Collection<?> c) return !c.isEmpty();
        if (v instanceof Map<?, ?> m) return m.values().stream().anyMatch(Findings::detected);
        if (v instanceof Number n) return n.doubleValue() != 0;
        if (v instanceof CharSequence s) return !s.isEmpty();
        return true;
    }
}
