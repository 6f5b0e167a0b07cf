package org.quench.mail.detect;

import org.quench.engine.ModuleContext;
import org.quench.mail.contain.ContextTransport;
import org.quench.mail.queue.Envelope;
import org.quench.mail.queue.MailQueue;
import org.quench.mail.queue.QueueEnvelopes;
import org.quench.mail.queue.QueueRunState;
import org.quench.mail.queue.QueueSelection;
import org.quench.mail.queue.QueuedMessage;
import org.quench.transport.TransportException;

import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code compromisedAccounts[].queued}: how many messages each reported account has in the queue
 * now, by the SASL identity the queue file records (so forged envelope senders count, mail
 * <em>to</em> the account does not): the same rule ({@link QueueSelection#bySaslIdentity}) the
 * purge selects by, so the number is what a purge would take. The envelopes are remembered in the
 * run's {@link QueueRunState}: a later {@code postfix.queue} step of the run does not read them again.
 */
final class QueuedPerAccount {
    private QueuedPerAccount() {
    }

    static Map<String, Integer> count(ModuleContext ctx, ZoneId hostZone, Collection<String> users) throws TransportException {
        ContextTransport t = new ContextTransport(ctx);
        QueueRunState state = ctx.hostState(QueueRunState.class, QueueRunState::new);
        List<QueuedMessage> listed = new MailQueue(t, ctx.timeout(), hostZone, state).list();
        Map<String, Envelope> envelopes = listed.isEmpty() ? Map.of() : QueueEnvelopes.of(t, ctx.timeout(), state, listed);
        // Per distinct recorded login first: thousands of messages, a handful of logins.
        Map<String, Integer> byLogin = new HashMap<>();
        for (Envelope e : envelopes.values()) {
            if (e.saslUsername() != null) byLogin.merge(e.saslUsername(), 1, Integer::sum);
        }
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String user : users) {
            if (user == null || user.isBlank()) continue;
            QueueSelection same = QueueSelection.bySaslIdentity(user);
            int n = 0;
            for (Map.Entry<String, Integer> x : byLogin.entrySet()) {
                if (same.test(probe(x.getKey()))) n += x.getValue();
            }
            out.put(user, n);
        }
        return out;
    }

    /** An envelope carrying only a login, to ask the selection whether it is the account's. */
    private static Envelope probe(String saslUsername) {
        return new Envelope("probe", null, Map.of("sasl_username", saslUsername), null, List.of());
    }
}
