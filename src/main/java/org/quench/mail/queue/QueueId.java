package org.quench.mail.queue;

import java.util.regex.Pattern;

/**
 * Postfix queue ids: short ids are upper-case hex, long ids ({@code enable_long_queue_ids = yes})
 * mixed-case alphanumerics. Nothing that fails {@link #isValid} is ever passed to postsuper or
 * postcat: the ids come from a listing an attacker can influence only indirectly, but a command
 * line is no place to find out.
 */
public final class QueueId {
    private static final Pattern VALID = Pattern.compile("[0-9A-Za-z]{6,32}");
    /** Status characters {@code postqueue -p} glues to the id: active, hold, forced expire. */
    private static final Pattern STATUS_SUFFIX = Pattern.compile("[*!#]+$");

    private QueueId() {
    }

    public static boolean isValid(String id) {
        return id != null && VALID.matcher(id).matches();
    }

    /** {@code 9525120C24D!#} → {@code 9525120C24D}. */
    static String stripStatus(String token) {
        return STATUS_SUFFIX.matcher(token).replaceFirst("");
    }

    static String statusOf(String token) {
        var m = STATUS_SUFFIX.matcher(token);
        return m.find() ? m.group() : "";
    }
}
