package org.quench.mail.queue;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the queue steps of one run on one host learn and may reuse, so a run does not pay twice for
 * the same facts on a large queue:
 * <ul>
 * <li>whether {@code postqueue -j} exists (the Postfix version does not change during a run);</li>
 * <li>envelopes already read with postcat, keyed by queue id <em>and</em> arrival time: short queue
 * ids are reused once a message is gone, so an id alone could name a different message later in the
 * run. A queue file with the same id and arrival second is the same file, and what postcat reads
 * from it (how it arrived: SASL login, client address) is written once by cleanup and never changes.
 * Messages without an arrival time (the pre-3.1 text listing has no seconds) are never cached;</li>
 * <li>the latest listing (id → queue name) a step took, see {@link #lastListing}.</li>
 * </ul>
 * Thread-safe: steps of one host run one after another, but nothing here relies on it.
 */
public final class QueueRunState {
    private record Key(String queueId, long arrival) {
    }

    private volatile Boolean json;
    private final Map<Key, Envelope> envelopes = new ConcurrentHashMap<>();
    private volatile Map<String, String> lastListing;

    Boolean json() {
        return json;
    }

    void json(boolean supported) {
        json = supported;
    }

    /** The envelope read earlier in this run for this queue file, or null. */
    public Envelope envelope(QueuedMessage m) {
        return m.arrivalTime() == null ? null : envelopes.get(new Key(m.queueId(), m.arrivalTime().getEpochSecond()));
    }

    /** Remembers the envelopes read for {@code listed} (those postcat found). */
    public void remember(Collection<QueuedMessage> listed, Map<String, Envelope> read) {
        for (QueuedMessage m : listed) {
            Envelope e = read.get(m.queueId());
            Instant arrival = m.arrivalTime();
            if (e != null && arrival != null) envelopes.put(new Key(m.queueId(), arrival.getEpochSecond()), e);
        }
    }

    /**
     * The most recent listing a queue step of this run took on this host (queue id → queue name), or
     * null. It may be stale: only a use that stays correct when the queue changed since may rely on
     * it (the delete precondition does: {@code postsuper -d - hold} itself deletes nothing that is
     * not on hold when it runs, so a stale "held" only moves a refusal from before postsuper to the
     * verification after it).
     */
    public Map<String, String> lastListing() {
        return lastListing;
    }

    public void lastListing(Map<String, String> queueNames) {
        lastListing = Map.copyOf(queueNames);
    }

    public static Map<String, String> queueNames(Collection<QueuedMessage> listed) {
        Map<String, String> names = new java.util.HashMap<>();
        for (QueuedMessage m : listed) names.put(m.queueId(), m.queueName());
        return names;
    }
}
