package org.quench.mail.activity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.quench.mail.log.DovecotAuthFailure;
import org.quench.mail.log.MailEvent;
import org.quench.mail.log.SaslFailure;

/**
 * Builds {@link BruteForce} per client IP from Postfix SASL failures and Dovecot authentication
 * failures. Distributed attacks use thousands of IPs, so at most {@code maxIps} IPs are tracked
 * (failures from further IPs go to {@link #untrackedFailures()}) and the distinct users per IP are
 * capped. Failures whose username is unknown ({@code (unavailable)}, old Postfix) count as failures
 * but add no user.
 */
public final class BruteForceCollector implements Consumer<MailEvent> {
    private final int maxIps;
    private final int maxUsers;
    private final Map<String, Tally> byIp = new HashMap<>();
    private long untrackedFailures;

    /** Defaults: 200,000 IPs, 1,000 distinct users each. */
    public BruteForceCollector() {
        this(200_000, 1_000);
    }

    public BruteForceCollector(int maxIps, int maxUsers) {
        this.maxIps = maxIps;
        this.maxUsers = maxUsers;
    }

    @Override
    public void accept(MailEvent e) {
        if (e instanceof SaslFailure f) {
            Tally t = tally(f.clientIp());
            if (t != null) {
                t.sasl++;
                if (f.authServerUnreachable()) {
                    t.lost++;
                }
                t.seen(f.saslUsername(), f.header().time());
            }
        } else if (e instanceof DovecotAuthFailure f) {
            Tally t = tally(f.rip());
            if (t != null) {
                t.dovecot++;
                t.seen(f.user(), f.header().time());
            }
        }
    }

    private Tally tally(String ip) {
        if (ip == null) {
            return null;
        }
        Tally t = byIp.get(ip);
        if (t == null) {
            if (byIp.size() >= maxIps) {
                untrackedFailures++;
                return null;
            }
            t = new Tally(maxUsers);
            byIp.put(ip, t);
        }
        return t;
    }

    /** IPs with at least {@code minFailures} failures, most failures first. */
    public List<BruteForce> atLeast(long minFailures) {
        List<BruteForce> out = new ArrayList<>();
        for (Map.Entry<String, Tally> x : byIp.entrySet()) {
            Tally t = x.getValue();
            if (t.sasl + t.dovecot >= minFailures) {
                Set<String> sample = t.users.values().stream().sorted().limit(10).collect(Collectors.toUnmodifiableSet());
                out.add(new BruteForce(x.getKey(), t.sasl, t.lost, t.dovecot, t.users.size(), t.users.saturated(),
                        sample, t.first, t.last));
            }
        }
        out.sort(Comparator.comparingLong(BruteForce::failures).reversed().thenComparing(BruteForce::ip));
        return out;
    }

    public long untrackedFailures() {
        return untrackedFailures;
    }

    private static final class Tally {
        final CappedSet users;
        long sasl;
        long lost;
        long dovecot;
        Instant first;
        Instant last;

        Tally(int maxUsers) {
            users = new CappedSet(maxUsers);
        }

        void seen(String user, Instant t) {
            users.add(user);
            if (t != null) {
                first = first == null || t.isBefore(first) ? t : first;
                last = last == null || t.isAfter(last) ? t : last;
            }
        }
    }
}
