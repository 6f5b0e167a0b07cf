package org.quench.mail.detect;

import org.quench.mail.activity.CappedSet;
import org.quench.mail.log.CleanupReject;
import org.quench.mail.log.MailEvent;
import org.quench.mail.log.SmtpdClient;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Header {@code From:} domains per SASL account, where the log has them: Postfix logs the header
 * only when a {@code header_checks} rule such as {@code /^From:/ WARN} matches
 * ({@code QID: warning: header From: Name <a@b> from …}). A spammer forges the visible sender even
 * when the envelope is the account's own. Correlated by queue id with the account's
 * {@code client=} line; open ids are bounded (oldest forgotten).
 */
final class HeaderFromCollector implements Consumer<MailEvent> {
    private static final int MAX_OPEN_IDS = 100_000;

    private final Map<String, String> userByQueueId = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > MAX_OPEN_IDS;
        }
    };
    private final Map<String, Tally> byUser = new HashMap<>();

    /** Header From domains seen for one account, and how many of its messages had a foreign one. */
    record HeaderFroms(long logged, long foreign, CappedSet foreignDomains) {
    }

    private static final class Tally {
        long logged;
        long foreign;
        final CappedSet domains = new CappedSet(100);
    }

    @Override
    public void accept(MailEvent e) {
        if (e instanceof SmtpdClient c && c.queueId() != null) {
            if (c.saslUsername() != null) {
                userByQueueId.put(c.queueId(), c.saslUsername());
            } else {
                userByQueueId.remove(c.queueId()); // a reused short queue id now belongs to someone else
            }
        } else if (e instanceof CleanupReject r && r.trigger() != null && r.trigger().regionMatches(true, 0, "header From:", 0, 12)) {
            String user = userByQueueId.get(r.queueId());
            if (user == null) {
                return;
            }
            String domain = domainOf(r.trigger().substring(12));
            Tally t = byUser.computeIfAbsent(user, u -> new Tally());
            t.logged++;
            String own = domainOf(user);
            if (domain != null && (own == null || !domain.equals(own))) {
                t.foreign++;
                t.domains.add(domain);
            }
        }
    }

    HeaderFroms of(String user) {
        Tally t = byUser.get(user);
        return t == null ? new HeaderFroms(0, 0, new CappedSet(1)) : new HeaderFroms(t.logged, t.foreign, t.domains);
    }

    /** Domain of the last address in a header value or login ({@code "Name" <a@b.c>} → {@code b.c}). */
    static String domainOf(String value) {
        String v = value.strip();
        int lt = v.lastIndexOf('<');
        if (lt >= 0) {
            int gt = v.indexOf('>', lt);
            v = v.substring(lt + 1, gt < 0 ? v.length() : gt);
        }
        int at = v.lastIndexOf('@');
        if (at < 0 || at == v.length() - 1) {
            return null;
        }
        String d = v.substring(at + 1).strip().toLowerCase(Locale.ROOT);
        int end = 0;
        while (end < d.length() && (Character.isLetterOrDigit(d.charAt(end)) || d.charAt(end) == '.' || d.charAt(end) == '-')) {
            end++;
        }
        return end == 0 ? null : d.substring(0, end);
    }
}
