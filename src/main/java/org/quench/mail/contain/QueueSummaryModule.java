package org.quench.mail.contain;

import org.quench.engine.ModuleCall;
import org.quench.engine.ModuleContext;
import org.quench.engine.StepModule;
import org.quench.inventory.Host;
import org.quench.mail.queue.Envelope;
import org.quench.mail.queue.QueueEnvelopes;
import org.quench.mail.queue.MailQueue;
import org.quench.mail.queue.QueueRunState;
import org.quench.mail.queue.QueueSelection;
import org.quench.mail.queue.QueuedMessage;
import org.quench.runbook.ModuleSignature;
import org.quench.runbook.StepKind;
import org.quench.transport.TransportException;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code postfix.queue}: what is queued, and which of it belongs to one SASL identity (or one
 * client address). Envelopes ({@code postcat -e}, batched) are read only when there is something
 * to select, and for every queued message then (the SASL identity is in the queue file, not in the
 * listing, and any message may be the account's whatever its envelope sender says) — except those
 * an earlier step of the run read already (same id and arrival time, {@link QueueRunState}).
 *
 * <p>Returns {@code {total, held, bySender: {sender: count} (top N), selected: {ids, count, held,
 * senders, recipients}, others}}; {@code senders} are the distinct envelope senders of the
 * selection as Postfix lists them (MAILER-DAEMON for the null sender), {@code recipients} the
 * number of distinct recipients still to deliver. Messages gone between the listing and postcat
 * are left out of the selection.
 */
public final class QueueSummaryModule implements StepModule {
    static final String NAME = "postfix.queue";
    private static final int DEFAULT_TOP = 10;
    @Override
    public ModuleSignature signature() {
        return new ModuleSignature(NAME, StepKind.CHECK, Set.of("user", "client_ip", "top"), Set.of(),
                "queue summary; with user (SASL identity) or client_ip: that sender's queued messages");
    }

    @Override
    public ModuleCall prepare(Host host, Map<String, Object> args) {
        StepArguments a = new StepArguments(NAME, args);
        String user = a.text("user");
        String ip = a.text("client_ip");
        if (user != null && ip != null) {
            throw new IllegalArgumentException(NAME + ": give `user` or `client_ip`, not both");
        }
        QueueSelection selection = user != null ? QueueSelection.bySaslIdentity(user)
                : ip != null ? QueueSelection.byClientAddress(ip) : null;
        int top = a.integer("top", DEFAULT_TOP);
        ZoneId zone = HostZone.of(host);
        return new ModuleCall() {
            @Override
            public List<PlannedCommand> commands() {
                List<PlannedCommand> c = new ArrayList<>();
                c.add(new PlannedCommand("postqueue -j", null));
                if (selection != null) {
                    c.add(new PlannedCommand("postcat -e -q ID… (every queued id not read earlier in the run, in batches)", null));
                }
                return c;
            }

            @Override
            public Object execute(ModuleContext ctx) throws TransportException {
                return summarise(ctx, zone, selection, top);
            }
        };
    }

    static Map<String, Object> summarise(ModuleContext ctx, ZoneId zone, QueueSelection selection, int top) throws TransportException {
        ContextTransport t = new ContextTransport(ctx);
        QueueRunState state = ctx.hostState(QueueRunState.class, QueueRunState::new);
        List<QueuedMessage> listed = new MailQueue(t, ctx.timeout(), zone, state).list();
        state.lastListing(QueueRunState.queueNames(listed));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("total", listed.size());
        out.put("held", (int) listed.stream().filter(QueuedMessage::held).count());
        out.put("bySender", topSenders(listed, top));

        List<String> ids = new ArrayList<>();
        Set<String> senders = new LinkedHashSet<>();
        Set<String> recipients = new LinkedHashSet<>();
        int held = 0;
        if (selection != null && !listed.isEmpty()) {
            // Envelopes read earlier in this run (same queue id and arrival time: the same file) are
            // not read again: a re-check after a purge reads only what arrived since.
            Map<String, Envelope> envelopes = QueueEnvelopes.of(t, ctx.timeout(), state, listed);
            for (QueuedMessage m : listed) {
                Envelope e = envelopes.get(m.queueId());
                if (e == null || !selection.test(e)) continue;
                ids.add(m.queueId());
                senders.add(m.sender());
                recipients.addAll(e.recipients());
                if (m.held()) held++;
            }
        }
        Map<String, Object> selected = new LinkedHashMap<>();
        selected.put("ids", ids);
        selected.put("count", ids.size());
        selected.put("held", held);
        selected.put("senders", new ArrayList<>(senders));
        selected.put("recipients", recipients.size());
        out.put("selected", selected);
        out.put("others", listed.size() - ids.size());
        return out;
    }

    /** The {@code top} most frequent envelope senders, most frequent first (ties by name). */
    private static Map<String, Object> topSenders(List<QueuedMessage> listed, int top) {
        Map<String, Integer> counts = new HashMap<>();
        for (QueuedMessage m : listed) counts.merge(m.sender(), 1, Integer::sum);
        Map<String, Object> out = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .limit(Math.max(0, top))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }
}
