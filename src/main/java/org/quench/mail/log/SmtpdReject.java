package org.quench.mail.log;

/**
 * A refusal by smtpd or postscreen: {@code NOQUEUE: reject: RCPT from name[ip]: 554 5.7.1 TEXT;
 * from=<…> to=<…> proto=… helo=<…>}, also {@code QID: reject:}, {@code milter-reject:},
 * {@code discard:}, {@code hold:}, {@code filter:}.
 *
 * @param queueId null for NOQUEUE
 * @param action  {@code reject}, {@code milter-reject}, {@code discard}, {@code hold}, {@code filter}, …
 * @param stage   the SMTP command: {@code RCPT}, {@code DATA}, {@code EHLO}, {@code CONNECT}, {@code BDAT}, …
 * @param code    SMTP reply code, null when the text carries none (filter/hold)
 */
public record SmtpdReject(LogHeader header, String queueId, String action, String stage,
                          String clientHost, String clientIp, Integer clientPort, Integer code,
                          String dsn, String text, String from, String to, String helo)
        implements MailEvent {

    /** Our own DNSBL reject ({@code reject_rbl_client}, postscreen). */
    public boolean blockedByDnsbl() {
        return text != null && text.contains(" blocked using ");
    }

    public boolean relayDenied() {
        return text != null && text.contains("Relay access denied");
    }
}
