package org.quench.mail.queue;

import org.quench.transport.ExecResult;
import org.quench.transport.Transport;
import org.quench.transport.TransportException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hold, release and delete queued messages by id, then verify. Ids go to postsuper on stdin and only
 * after matching {@link QueueId#isValid}, so nothing but a queue id can reach it. postsuper reports
 * success for ids it never found, so the queue is listed again after each change and the result
 * says which ids actually changed (postsuper's per-id report, confirmed by that listing).
 */
public final class QueueActions {
    private final Transport transport;
    private final MailQueue queue;
    private final Duration timeout;

    public QueueActions(Transport transport, MailQueue queue, Duration timeout) {
        this.transport = transport;
        this.queue = queue;
        this.timeout = timeout;
    }

    /** Moves the messages to the hold queue, where they stay (held mail does not expire). */
    public QueueChange hold(Collection<String> ids) throws TransportException {
        return apply(QueueAction.HOLD, ids);
    }

    /** Moves held messages back to the deferred queue (keeping their next-retry time). */
    public QueueChange release(Collection<String> ids) throws TransportException {
        return apply(QueueAction.RELEASE, ids);
    }

    public QueueChange delete(Collection<String> ids) throws TransportException {
        return apply(QueueAction.DELETE, ids);
    }

    public QueueChange apply(QueueAction action, Collection<String> ids) throws TransportException {
        try {
            return apply(action, ids, null);
        } catch (QueueChangeRefused e) {
            throw new IllegalStateException("unreachable: no precondition", e);
        }
    }

    /**
     * Decides from the listing taken before a change whether it may go ahead, e.g. "delete only
     * what is on hold". Checking on that listing rather than on one of its own saves a full queue
     * listing, which on a large queue costs as much as the change.
     */
    @FunctionalInterface
    public interface Precondition {
        /** @param queueNames queue id → queue name, as listed just before the change
         *  @return null to go ahead, else why not */
        String refusal(Map<String, String> queueNames);
    }

    /** Like {@link #apply(QueueAction, Collection)}, run only when {@code precondition} agrees. */
    public QueueChange apply(QueueAction action, Collection<String> ids, Precondition precondition)
            throws TransportException, QueueChangeRefused {
        return apply(action, ids, precondition, null, List.of());
    }

    /**
     * The change, verified by one listing after postsuper. No listing is taken before it: which ids
     * postsuper changed comes from its own per-id report ({@code ID: placed on hold}, {@code ID:
     * removed}, {@code ID: released from hold}), and an id counts as changed only when the listing
     * after it confirms the wanted state too; an id in the wanted state that postsuper did not report
     * was already there. Only a {@code precondition} needs a listing before the change:
     * {@code known} when given (a listing an earlier step took, see {@link QueueRunState#lastListing};
     * it must be one the precondition may rely on even if stale), else a fresh one.
     *
     * @param queues queue names that restrict postsuper's search (e.g. {@code hold}: delete only
     *               what is on hold when postsuper runs); empty for postsuper's default queues
     */
    public QueueChange apply(QueueAction action, Collection<String> ids, Precondition precondition,
                             Map<String, String> known, List<String> queues)
            throws TransportException, QueueChangeRefused {
        List<String> requested = new ArrayList<>(new LinkedHashSet<>(ids));
        Set<String> valid = new LinkedHashSet<>();
        Set<String> invalid = new LinkedHashSet<>();
        for (String id : requested) {
            (QueueId.isValid(id) ? valid : invalid).add(id);
        }
        if (valid.isEmpty()) {
            return new QueueChange(action, requested, Set.of(), Set.of(), Set.of(), invalid, "");
        }
        if (precondition != null) {
            String refusal = precondition.refusal(known != null ? known : queueNames());
            if (refusal != null) throw new QueueChangeRefused(refusal);
        }
        String command = command(action, queues);
        byte[] stdin = (String.join("\n", valid) + "\n").getBytes(StandardCharsets.US_ASCII);
        ExecResult r = transport.exec(command, stdin, timeout);
        if (!r.ok()) {
            throw new QueueOutputException(command + " failed (exit " + r.exitCode() + "): " + r.stderr().strip());
        }
        Set<String> reported = reported(action, r.stderr());
        Map<String, String> after = queueNames();
        lastAfter = after;
        Set<String> changed = new LinkedHashSet<>();
        Set<String> already = new LinkedHashSet<>();
        Set<String> unchanged = new LinkedHashSet<>();
        for (String id : valid) {
            if (!reached(action, after.get(id), after.containsKey(id))) unchanged.add(id);
            else if (reported.contains(id)) changed.add(id);
            else already.add(id);
        }
        return new QueueChange(action, requested, changed, already, unchanged, invalid, r.stderr());
    }

    private Map<String, String> lastAfter;

    /** The listing taken after the last change (queue id → queue name), or null before any. */
    public Map<String, String> lastListing() {
        return lastAfter;
    }

    /** The exact postsuper command: {@code postsuper -d -}, or with queue names {@code postsuper -d - hold}. */
    public static String command(QueueAction action, List<String> queues) {
        for (String q : queues) {
            if (!QUEUE_NAMES.contains(q)) throw new IllegalArgumentException("not a Postfix queue name: " + q);
        }
        return queues.isEmpty() ? action.command() : action.command() + " " + String.join(" ", queues);
    }

    private static final Set<String> QUEUE_NAMES = Set.of("hold", "incoming", "active", "deferred", "maildrop");
    private static final Pattern REPORT = Pattern.compile("^(?:\\S+: )?([0-9A-Za-z]+): (removed|placed on hold|released from hold)$");

    /** Ids postsuper said it changed ({@code postsuper: ID: removed}, one line per id on stderr). */
    private static Set<String> reported(QueueAction action, String stderr) {
        String wanted = switch (action) {
            case HOLD -> "placed on hold";
            case RELEASE -> "released from hold";
            case DELETE -> "removed";
        };
        Set<String> ids = new HashSet<>();
        for (String line : stderr.split("\n")) {
            Matcher m = REPORT.matcher(line.strip());
            if (m.matches() && m.group(2).equals(wanted)) ids.add(m.group(1));
        }
        return ids;
    }

    /** Queue id → queue name, as listed now. */
    private Map<String, String> queueNames() throws TransportException {
        return QueueRunState.queueNames(queue.list());
    }

    /** Whether a message listed in {@code queueName} (or not listed) is in the state the action wants. */
    private static boolean reached(QueueAction action, String queueName, boolean listed) {
        return switch (action) {
            case HOLD -> "hold".equals(queueName);
            // released = listed outside hold; an id never listed was not released by us
            case RELEASE -> listed && !"hold".equals(queueName);
            // With short queue ids a new message may get a deleted id again; within one re-read
            // that is too unlikely to second-guess.
            case DELETE -> !listed;
        };
    }
}
