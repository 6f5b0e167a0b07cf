package org.quench.mail.queue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Which queued messages belong to an incident, decided from what the queue file remembers about
 * how the message arrived: the SASL login it was submitted with, or the client address it came
 * from. Never the envelope sender: spammers forge it (so selecting by it misses their mail) and
 * other people's mail can carry it legitimately.
 */
public final class QueueSelection implements Predicate<Envelope> {
    private final String description;
    private final Predicate<Envelope> test;

    private QueueSelection(String description, Predicate<Envelope> test) {
        this.description = description;
        this.test = test;
    }

    /**
     * Messages submitted with SASL login {@code user}: the local part exactly, the domain (if any)
     * ignoring case, as DNS does. A bare login ({@code admin}) matches only the same bare login.
     */
    public static QueueSelection bySaslIdentity(String user) {
        if (user == null || user.isBlank()) throw new IllegalArgumentException("SASL identity must not be empty");
        return new QueueSelection("sasl_username=" + user, e -> sameLogin(user, e.saslUsername()));
    }

    /** Messages whose SMTP client had address {@code ip} (IPv4 or IPv6, any notation). */
    public static QueueSelection byClientAddress(String ip) {
        InetAddress wanted = literal(ip);
        if (wanted == null) throw new IllegalArgumentException("not an IP address: " + ip);
        return new QueueSelection("client_address=" + ip, e -> wanted.equals(literal(e.clientAddress())));
    }

    @Override
    public boolean test(Envelope envelope) {
        return test.test(envelope);
    }

    /** Ids of the matching envelopes, in their order. */
    public List<String> select(Collection<Envelope> envelopes) {
        List<String> ids = new ArrayList<>();
        for (Envelope e : envelopes) {
            if (test(e)) ids.add(e.queueId());
        }
        return ids;
    }

    @Override
    public String toString() {
        return description;
    }

    static boolean sameLogin(String wanted, String actual) {
        if (actual == null) return false;
        int w = wanted.lastIndexOf('@');
        int a = actual.lastIndexOf('@');
        if (w < 0 || a < 0) return w < 0 && a < 0 && wanted.equals(actual);
        return wanted.substring(0, w).equals(actual.substring(0, a))
                && wanted.substring(w + 1).toLowerCase(Locale.ROOT).equals(actual.substring(a + 1).toLowerCase(Locale.ROOT));
    }

    /** Parses an IP literal without ever asking DNS (the text comes from the queue: untrusted). */
    private static InetAddress literal(String s) {
        if (s == null || s.isEmpty()) return null;
        boolean v4 = s.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean v6 = s.indexOf(':') >= 0 && s.matches("[0-9A-Fa-f:.]+");
        if (!v4 && !v6) return null;
        try {
            return InetAddress.getByName(s); // a literal: parsed, not resolved
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
