package org.quench.mail.audit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One {@code relayDrift} entry (PRODUCT.md §4): a trusted-network entry and what is wrong with it.
 *
 * @param problem one of {@link #UNAPPROVED}, {@link #TOO_BROAD}, {@link #OPEN_RELAY}, {@link #UNREADABLE}
 */
public record DriftFinding(String entry, String problem, String detail) {
    public static final String UNAPPROVED = "unapproved";
    public static final String TOO_BROAD = "too-broad";
    public static final String OPEN_RELAY = "open-relay";
    public static final String UNREADABLE = "unreadable";

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("entry", entry);
        m.put("problem", problem);
        m.put("detail", detail);
        return m;
    }
}
