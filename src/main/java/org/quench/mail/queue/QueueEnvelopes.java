package org.quench.mail.queue;

import org.quench.transport.Transport;
import org.quench.transport.TransportException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The envelopes of listed messages, read with batched {@code postcat -e} except those an earlier
 * step of the run read already (same queue id and arrival time: the same file, see
 * {@link QueueRunState}). Shared by the queue summary and by detection's per-account counts, so
 * a run that counts an account's queued mail and then selects it reads each queue file once.
 * Messages gone between the listing and postcat have no envelope in the result.
 */
public final class QueueEnvelopes {
    /**
     * Ids per postcat: a process per 200 ids cost more than the reading itself on a 5,000-message
     * queue; 1,000 ids are about 12 KB of argv, far below any limit.
     */
    public static final int POSTCAT_BATCH = 1000;

    private QueueEnvelopes() {
    }

    /** Envelope per queue id of {@code listed}. */
    public static Map<String, Envelope> of(Transport transport, Duration timeout, QueueRunState state,
                                           List<QueuedMessage> listed) throws TransportException {
        Map<String, Envelope> envelopes = new HashMap<>();
        List<QueuedMessage> unknown = new ArrayList<>();
        for (QueuedMessage m : listed) {
            Envelope known = state.envelope(m);
            if (known != null) envelopes.put(m.queueId(), known);
            else unknown.add(m);
        }
        if (!unknown.isEmpty()) {
            EnvelopeBatch batch = new EnvelopeReader(transport, timeout, POSTCAT_BATCH)
                    .read(unknown.stream().map(QueuedMessage::queueId).toList());
            state.remember(unknown, batch.envelopes());
            envelopes.putAll(batch.envelopes());
        }
        return envelopes;
    }
}
