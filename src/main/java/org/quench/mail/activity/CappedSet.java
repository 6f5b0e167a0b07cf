package org.quench.mail.activity;

import java.util.Collections;
import java.util.HashSet;
import java.util.Set;

/**
 * Distinct strings up to a cap, then only "at least cap". A spammer's account can reach
 * hundreds of thousands of recipients; detectors only need to know it is over their threshold,
 * so memory per account stays bounded by {@code cap} entries. When {@link #saturated()} the true
 * count is ≥ {@link #size()}, shown as {@code "≥N"} by {@link #display()}.
 */
public final class CappedSet {
    private final int cap;
    private final Set<String> values = new HashSet<>();
    private boolean saturated;

    public CappedSet(int cap) {
        if (cap < 1) {
            throw new IllegalArgumentException("cap must be positive: " + cap);
        }
        this.cap = cap;
    }

    public void add(String value) {
        if (value == null || values.contains(value)) {
            return;
        }
        if (values.size() >= cap) {
            saturated = true;
            return;
        }
        values.add(value);
    }

    /** Distinct values seen, exact unless {@link #saturated()}. */
    public int size() {
        return values.size();
    }

    /** True when more distinct values arrived than the cap kept: the true count is larger. */
    public boolean saturated() {
        return saturated;
    }

    public String display() {
        return (saturated ? "≥" : "") + values.size();
    }

    /** The kept values (all of them unless saturated), read-only. */
    public Set<String> values() {
        return Collections.unmodifiableSet(values);
    }
}
