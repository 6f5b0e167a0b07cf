package org.quench.mail.queue;

import java.util.Map;
import java.util.Set;

/**
 * Envelopes read for a set of queue ids. {@code missing}: ids that were no longer in the queue when
 * postcat looked (delivered, expired or deleted since the listing) — normal on a live server, and
 * reported rather than failed. {@code invalid}: ids refused before any command ran.
 */
public record EnvelopeBatch(Map<String, Envelope> envelopes, Set<String> missing, Set<String> invalid) {
    public EnvelopeBatch {
        envelopes = Map.copyOf(envelopes);
        missing = Set.copyOf(missing);
        invalid = Set.copyOf(invalid);
    }
}
