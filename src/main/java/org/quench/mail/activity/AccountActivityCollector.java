package org.quench.mail.activity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.quench.mail.log.AmavisResult;
import org.quench.mail.log.BounceNotification;
import org.quench.mail.log.Delivery;
import org.quench.mail.log.MailEvent;
import org.quench.mail.log.QmgrFrom;
import org.quench.mail.log.Removed;
import org.quench.mail.log.SmtpdClient;

/**
 * Builds {@link AccountActivity} per SASL username from a stream of events (feed it to
 * {@code MailLogReader}). Correlation is by Postfix queue id: the {@code client=… sasl_username=}
 * line names the account, the qmgr {@code from=} line of the same id gives its envelope sender,
 * the delivery lines give recipients and outcomes, bounce lines its backscatter. Across a content
 * filter the id changes: amavis' {@code Queue-ID → queued_as} and XFORWARD's {@code orig_queue_id}
 * carry the account to the new id.
 *
 * <p>Memory is bounded whatever the log size: at most {@code maxAccounts} accounts (further
 * accounts are counted in {@link #untrackedAccounts()}), per-account distinct sets capped
 * ({@link CappedSet}), and at most {@code maxOpenQueueIds} queue ids awaiting their deliveries
 * (oldest forgotten first; a {@code removed} line frees its id at once). Short queue ids are
 * reused by Postfix, so a new {@code client=} line for an id replaces the old owner.
 */
public final class AccountActivityCollector implements Consumer<MailEvent> {
    private final int maxAccounts;
    private final int maxDistinct;
    private final int sampleIps;
    private final Map<String, Tally> accounts = new HashMap<>();
    private final Map<String, Tally> byQueueId;
    private long untrackedAccounts;

    /** Defaults: 100,000 accounts, 10,000 distinct recipients/IPs each, 500,000 open queue ids. */
    public AccountActivityCollector() {
        this(100_000, 10_000, 500_000);
    }

    public AccountActivityCollector(int maxAccounts, int maxDistinct, int maxOpenQueueIds) {
        this.maxAccounts = maxAccounts;
        this.maxDistinct = maxDistinct;
        this.sampleIps = Math.min(maxDistinct, 20);
        this.byQueueId = new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Tally> eldest) {
                return size() > maxOpenQueueIds;
            }
        };
    }

    @Override
    public void accept(MailEvent e) {
        if (e instanceof SmtpdClient c) {
            onClient(c);
        } else if (e instanceof QmgrFrom q) {
            Tally t = byQueueId.get(q.queueId());
            if (t != null) {
                t.envelopeSender(q.from());
            }
        } else if (e instanceof Delivery d) {
            Tally t = byQueueId.get(d.queueId());
            if (t != null) {
                t.delivery(d);
            }
        } else if (e instanceof BounceNotification b) {
            Tally t = byQueueId.get(b.queueId());
            if (t != null) {
                t.bounceNotifications++;
            }
        } else if (e instanceof AmavisResult r) {
            Tally t = r.queueId() == null ? null : byQueueId.get(r.queueId());
            if (t != null) {
                r.queuedAs().forEach(id -> byQueueId.put(id, t));
            }
        } else if (e instanceof Removed r) {
            byQueueId.remove(r.queueId());
        }
    }

    private void onClient(SmtpdClient c) {
        if (c.saslUsername() == null) {
            // Reinjection after a content filter: the new id inherits the original's account.
            if (c.origQueueId() != null && c.queueId() != null) {
                Tally t = byQueueId.get(c.origQueueId());
                if (t != null) {
                    byQueueId.put(c.queueId(), t);
                }
            }
            return;
        }
        Tally t = accounts.get(c.saslUsername());
        if (t == null) {
            if (accounts.size() >= maxAccounts) {
                untrackedAccounts++;
                return;
            }
            t = new Tally(c.saslUsername(), maxDistinct);
            accounts.put(c.saslUsername(), t);
        }
        t.message(c);
        if (c.queueId() != null) {
            byQueueId.put(c.queueId(), t);
        }
    }

    /** Accounts seen, most messages first. */
    public List<AccountActivity> accounts() {
        List<AccountActivity> out = new ArrayList<>(accounts.size());
        for (Tally t : accounts.values()) {
            out.add(t.snapshot(sampleIps));
        }
        out.sort(Comparator.comparingLong(AccountActivity::messages).reversed()
                .thenComparing(AccountActivity::user));
        return out;
    }

    /** Authenticated messages of accounts beyond {@code maxAccounts}, which were not tracked. */
    public long untrackedAccounts() {
        return untrackedAccounts;
    }

    /** Mutable per-account counters; {@link AccountActivity} is its immutable snapshot. */
    private static final class Tally {
        final String user;
        final CappedSet ips;
        final CappedSet recipients;
        final CappedSet remoteRecipients;
        final CappedSet forgedDomains = new CappedSet(100);
        long messages;
        long sent;
        long deferred;
        long bounced;
        long mismatches;
        long bounceNotifications;
        Instant first;
        Instant last;

        Tally(String user, int maxDistinct) {
            this.user = user;
            this.ips = new CappedSet(maxDistinct);
            this.recipients = new CappedSet(maxDistinct);
            this.remoteRecipients = new CappedSet(maxDistinct);
        }

        void message(SmtpdClient c) {
            messages++;
            ips.add(c.clientIp());
            Instant t = c.header().time();
            if (t != null) {
                first = first == null || t.isBefore(first) ? t : first;
                last = last == null || t.isAfter(last) ? t : last;
            }
        }

        void envelopeSender(String from) {
            if (!SenderIdentity.matchesLogin(from, user)) {
                mismatches++;
                int at = from.lastIndexOf('@');
                forgedDomains.add(at < 0 ? from : from.substring(at + 1).toLowerCase(Locale.ROOT));
            }
        }

        void delivery(Delivery d) {
            recipients.add(d.to());
            if ("smtp".equals(d.agent())) {
                remoteRecipients.add(d.to());
            }
            switch (d.status()) {
                case SENT -> sent++;
                case DEFERRED -> deferred++;
                case BOUNCED, EXPIRED -> bounced++;
                default -> { }
            }
        }

        AccountActivity snapshot(int sampleIps) {
            return new AccountActivity(user, messages, ips.size(), ips.saturated(),
                    ips.values().stream().sorted().limit(sampleIps).collect(Collectors.toUnmodifiableSet()),
                    recipients.size(), recipients.saturated(), remoteRecipients.size(), remoteRecipients.saturated(),
                    sent, deferred, bounced, mismatches, Set.copyOf(forgedDomains.values()), bounceNotifications,
                    first, last);
        }
    }
}
