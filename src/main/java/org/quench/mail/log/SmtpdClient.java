package org.quench.mail.log;

/**
 * {@code QID: client=name[ip][:port][, sasl_method=M, sasl_username=U, sasl_sender=S]
 * [, orig_queue_id=Q, orig_client=C]}: smtpd accepted a message (one line per message).
 * The SASL fields are null for unauthenticated clients (trusted relays, inbound mail).
 */
public record SmtpdClient(LogHeader header, String queueId, String clientHost, String clientIp,
                          Integer clientPort, String saslMethod, String saslUsername,
                          String saslSender, String origQueueId, String origClient)
        implements MailEvent {

    /** The smtpd instance that accepted it, e.g. {@code postfix/submission/smtpd}. */
    public String service() {
        return header.program();
    }

    public boolean authenticated() {
        return saslUsername != null;
    }
}
