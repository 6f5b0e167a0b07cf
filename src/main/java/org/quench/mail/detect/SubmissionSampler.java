package org.quench.mail.detect;

import org.quench.mail.log.MailEvent;
import org.quench.mail.log.SmtpdClient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * First pass: remembers, per SASL account, its last {@code perAccount} submissions (queue id,
 * file, byte offset, time) — the messages whose envelope senders, recipients and outcomes the
 * second pass looks up. The most recent ones, because they are what is happening now and because
 * they sit close together in the log, so the second pass reads little. Per account a ring, grown
 * on demand: an account that sent three messages costs three entries.
 */
final class SubmissionSampler implements OffsetLogReader.Sink {
    /** One accepted message of an account: where its {@code client=} line is. */
    record Submission(String queueId, int file, long offset, Instant time) {
    }

    private final int perAccount;
    private final int maxAccounts;
    private final Map<String, Ring> byAccount = new HashMap<>();
    private final Function<SmtpdClient, String> key;

    SubmissionSampler(int perAccount, int maxAccounts) {
        this(perAccount, maxAccounts, SmtpdClient::saslUsername);
    }

    /** Sampling by another key than the SASL account (e.g. the client IP of trusted relays; null: skip the line). */
    SubmissionSampler(int perAccount, int maxAccounts, Function<SmtpdClient, String> key) {
        this.perAccount = perAccount;
        this.maxAccounts = maxAccounts;
        this.key = key;
    }

    @Override
    public void accept(MailEvent event, int file, long offset) {
        String k = event instanceof SmtpdClient c && c.queueId() != null ? key.apply(c) : null;
        if (k != null) {
            SmtpdClient c = (SmtpdClient) event;
            Ring r = byAccount.get(k);
            if (r == null) {
                if (byAccount.size() >= maxAccounts) {
                    return;
                }
                r = new Ring(perAccount);
                byAccount.put(k, r);
            }
            r.add(new Submission(c.queueId(), file, offset, c.header().time()));
        }
    }

    /** The remembered submissions of {@code user}, oldest first; empty when none. */
    List<Submission> of(String user) {
        Ring r = byAccount.get(user);
        return r == null ? List.of() : r.inOrder();
    }

    /** All remembered submissions of the given accounts. */
    List<Submission> of(Collection<String> users) {
        List<Submission> out = new ArrayList<>();
        for (String u : users) {
            out.addAll(of(u));
        }
        return out;
    }

    private static final class Ring {
        final int cap;
        final ArrayList<Submission> items = new ArrayList<>();
        int next;

        Ring(int cap) {
            this.cap = cap;
        }

        void add(Submission s) {
            if (items.size() < cap) {
                items.add(s);
            } else {
                items.set(next, s);
                next = (next + 1) % cap;
            }
        }

        List<Submission> inOrder() {
            List<Submission> out = new ArrayList<>(items.size());
            for (int i = 0; i < items.size(); i++) {
                out.add(items.get((next + i) % items.size()));
            }
            return out;
        }
    }
}
