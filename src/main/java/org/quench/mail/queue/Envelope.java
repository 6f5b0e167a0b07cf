package org.quench.mail.queue;

import java.util.List;
import java.util.Map;

/**
 * What a queue file remembers about how it arrived ({@code postcat -e}): the named attributes
 * smtpd wrote (SASL identity, client address, HELO) and the envelope. {@code sender} is empty for
 * the null sender; {@code recipients} are those still to deliver ({@code recipient:} records, not
 * {@code done_recipient:}). Attribute values are attacker-chosen text (HELO, AUTH name): data only.
 */
public record Envelope(String queueId, String queueName, Map<String, String> attributes, String sender,
                       List<String> recipients) {
    public Envelope {
        attributes = Map.copyOf(attributes);
        recipients = List.copyOf(recipients);
    }

    /** The SASL login the message was submitted with, or null when it was not authenticated. */
    public String saslUsername() {
        return attributes.get("sasl_username");
    }

    public String saslMethod() {
        return attributes.get("sasl_method");
    }

    /**
     * The SMTP client's address, bare (no {@code IPv6:} prefix), or null for locally submitted mail.
     * {@code client_address} is bare already; {@code log_client_address} is what the log shows and
     * stands in when the other is missing.
     */
    public String clientAddress() {
        String a = attributes.get("client_address");
        if (a == null) a = attributes.get("log_client_address");
        if (a != null && a.regionMatches(true, 0, "IPv6:", 0, 5)) a = a.substring(5);
        return a;
    }

    public String heloName() {
        String h = attributes.get("log_helo_name");
        return h != null ? h : attributes.get("helo_name");
    }
}
