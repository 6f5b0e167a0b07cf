package org.quench.mail.log;

/**
 * A delivery attempt by smtp, lmtp, local, virtual, pipe or error: {@code QID: to=<…>[,
 * orig_to=<…>], relay=host[ip]:port|none, delay=N, delays=a/b/c/d, dsn=x.y.z, status=WORD (TEXT)}.
 *
 * @param agent the delivering daemon ({@code smtp}, {@code lmtp}, {@code local}, …)
 * @param relay raw relay field, e.g. {@code mx.example.net[203.0.113.5]:25} or {@code none}
 * @param delay total delay in seconds, NaN when absent
 * @param reply the text inside the final parentheses (the remote reply for bounces)
 */
public record Delivery(LogHeader header, String agent, String queueId, String to, String origTo,
                       String relay, double delay, String dsn, DeliveryStatus status,
                       String statusWord, String reply) implements MailEvent {

    public String relayHost() {
        return endpoint().host();
    }

    public String relayIp() {
        return endpoint().ip();
    }

    public Integer relayPort() {
        return endpoint().port();
    }

    private ClientAddress endpoint() {
        ClientAddress a = relay == null ? null : ClientAddress.parse(relay, 0, relay.length());
        return a == null ? new ClientAddress(relay, null, null) : a;
    }
}
