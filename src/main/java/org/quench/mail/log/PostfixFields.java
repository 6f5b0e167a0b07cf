package org.quench.mail.log;

/**
 * Reads Postfix's {@code key=value} and {@code key=<value>} fields out of a message. Values are
 * attacker-chosen (addresses, HELO, SASL login), so a value ends at the separator Postfix writes
 * <em>before the next known key</em>, not at the first comma or bracket: a login such as
 * {@code a, b} or {@code "$(x)"@evil.test} comes out whole.
 */
final class PostfixFields {
    private PostfixFields() {
    }

    /**
     * Value of {@code key} (e.g. {@code ", sasl_username="}) found at or after {@code from}, ending
     * at the earliest of {@code terminators} that follows it, or at the end of the message.
     */
    static String valueOf(String msg, String key, int from, String... terminators) {
        int k = msg.indexOf(key, from);
        if (k < 0) {
            return null;
        }
        int start = k + key.length();
        return msg.substring(start, endOf(msg, start, terminators));
    }

    static int endOf(String msg, int start, String... terminators) {
        int end = msg.length();
        for (String t : terminators) {
            int e = msg.indexOf(t, start);
            if (e >= 0 && e < end) {
                end = e;
            }
        }
        return end;
    }

    /**
     * Bracketed value {@code key<value>} such as {@code from=<a@b>}: ends at {@code >} followed by
     * one of {@code after} (e.g. {@code " to=<"}), else at the last {@code >} before the end.
     */
    static String bracketed(String msg, String key, int from, String... after) {
        int k = msg.indexOf(key, from);
        if (k < 0) {
            return null;
        }
        int start = k + key.length();
        int end = -1;
        for (String a : after) {
            int e = msg.indexOf(">" + a, start);
            if (e >= 0 && (end < 0 || e < end)) {
                end = e;
            }
        }
        if (end < 0) {
            end = msg.indexOf('>', start);
            if (end < 0) {
                end = msg.length();
            }
        }
        return msg.substring(start, end);
    }

    /** Null for Postfix's "nothing here" markers. */
    static String unlessUnavailable(String v) {
        if (v == null || v.isEmpty() || v.equals("(unavailable)")) {
            return null;
        }
        return v;
    }
}
