package org.quench.mail.queue;

import org.quench.transport.ExecResult;
import org.quench.transport.Transport;
import org.quench.transport.TransportException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the envelopes of many queued messages with few processes: {@code postcat -e -q ID ID …},
 * {@value #DEFAULT_CHUNK} ids per command so argv stays short. postcat stops at the first id it
 * cannot open ({@code fatal: open queue file ID: No such file or directory}); that id is recorded as
 * missing and the rest of the chunk is read by a new postcat.
 */
public final class EnvelopeReader {
    static final int DEFAULT_CHUNK = 200;
    private static final Pattern CANNOT_OPEN = Pattern.compile("fatal: open queue file ([0-9A-Za-z]+): ");

    private final Transport transport;
    private final Duration timeout;
    private final int chunk;
    private final PostcatEnvelopeParser parser = new PostcatEnvelopeParser();

    public EnvelopeReader(Transport transport, Duration timeout) {
        this(transport, timeout, DEFAULT_CHUNK);
    }

    public EnvelopeReader(Transport transport, Duration timeout, int chunk) {
        if (chunk < 1) throw new IllegalArgumentException("chunk must be positive");
        this.transport = transport;
        this.timeout = timeout;
        this.chunk = chunk;
    }

    public EnvelopeBatch read(Collection<String> ids) throws TransportException {
        Map<String, Envelope> found = new LinkedHashMap<>();
        Set<String> missing = new LinkedHashSet<>();
        Set<String> invalid = new LinkedHashSet<>();
        List<String> todo = new ArrayList<>();
        for (String id : new LinkedHashSet<>(ids)) {
            (QueueId.isValid(id) ? todo : invalid).add(id);
        }
        for (int from = 0; from < todo.size(); from += chunk) {
            readChunk(todo.subList(from, Math.min(todo.size(), from + chunk)), found, missing);
        }
        // an id postcat neither printed nor complained about is not there either
        for (String id : todo) {
            if (!found.containsKey(id)) missing.add(id);
        }
        return new EnvelopeBatch(found, missing, invalid);
    }

    private void readChunk(List<String> ids, Map<String, Envelope> found, Set<String> missing) throws TransportException {
        List<String> rest = ids;
        while (!rest.isEmpty()) {
            ExecResult r = transport.exec("postcat -e -q " + String.join(" ", rest), null, timeout);
            for (Envelope e : parser.parse(r.stdout())) {
                found.put(e.queueId(), e);
            }
            if (r.ok()) return;
            Matcher m = CANNOT_OPEN.matcher(r.stderr());
            int stoppedAt = m.find() ? rest.indexOf(m.group(1)) : -1;
            if (stoppedAt < 0) {
                throw new QueueOutputException("postcat -e -q failed (exit " + r.exitCode() + "): " + r.stderr().strip());
            }
            missing.add(rest.get(stoppedAt));
            rest = rest.subList(stoppedAt + 1, rest.size());
        }
    }
}
