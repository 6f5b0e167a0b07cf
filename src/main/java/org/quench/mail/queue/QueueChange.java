package org.quench.mail.queue;

import java.util.List;
import java.util.Set;

/**
 * What a hold, release or delete really did, established by listing the queue before and after
 * (postsuper exits 0 even for ids it did not find). {@code changed}: ids that went into the wanted
 * state; {@code already}: ids that were in it before (already held, already gone); {@code unchanged}:
 * valid ids that are not in it afterwards (e.g. released ids that were not held, or that vanished);
 * {@code invalid}: ids refused before postsuper ran. {@code postsuperOutput}: its own report
 * (stderr), for the run record.
 */
public record QueueChange(QueueAction action, List<String> requested, Set<String> changed, Set<String> already,
                          Set<String> unchanged, Set<String> invalid, String postsuperOutput) {
    public QueueChange {
        requested = List.copyOf(requested);
        changed = Set.copyOf(changed);
        already = Set.copyOf(already);
        unchanged = Set.copyOf(unchanged);
        invalid = Set.copyOf(invalid);
    }

    /** Every requested id is now in the wanted state. */
    public boolean complete() {
        return unchanged.isEmpty() && invalid.isEmpty();
    }
}
