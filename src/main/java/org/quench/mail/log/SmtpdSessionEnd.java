package org.quench.mail.log;

/**
 * {@code lost connection after CMD from name[ip]}, {@code timeout after CMD from name[ip]} or
 * {@code disconnect from name[ip] ehlo=1
 * auth=0/1 … commands=N/M}.
 *
 * @param lostAfter    the command after which the client vanished; null for a disconnect line
 * @param authAccepted successful AUTH commands in a disconnect summary, null when absent
 * @param authTried    AUTH commands tried in a disconnect summary, null when absent
 */
public record SmtpdSessionEnd(LogHeader header, String clientHost, String clientIp,
                              Integer clientPort, String lostAfter, Integer authAccepted,
                              Integer authTried) implements MailEvent {

    public boolean failedAuth() {
        return "AUTH".equals(lostAfter)
                || (authTried != null && authAccepted != null && authAccepted < authTried);
    }
}
