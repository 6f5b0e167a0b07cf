package org.quench.audit;

import java.util.List;

/**
 * One host × check of an audit.
 *
 * @param status {@link #PASS}, {@link #FAIL} (findings) or {@link #ERROR} (the host could not be audited)
 * @param items  the findings (or the error), each with a stable key: what alerts compare between runs
 */
public record AuditCheck(String host, String check, String status, List<Item> items) {
    public static final String PASS = "pass";
    public static final String FAIL = "fail";
    public static final String ERROR = "error";

    public AuditCheck {
        items = List.copyOf(items);
    }

    /**
     * @param key  identifies the finding across runs (the entry, the IP): a count that changes is
     *             the same finding, a new entry is a new one
     * @param text what an engineer reads
     */
    public record Item(String key, String text) {
    }

    /** The findings as one line each, for a JUnit failure or a table cell. */
    public String summary() {
        return String.join("; ", items.stream().map(Item::text).toList());
    }
}
