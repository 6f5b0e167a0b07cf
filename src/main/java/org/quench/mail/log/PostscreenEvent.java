package org.quench.mail.log;

/**
 * postscreen's verdicts about a client: {@code CONNECT}, {@code PASS NEW}, {@code PASS OLD},
 * {@code PREGREET}, {@code HANGUP}, {@code DNSBL}, {@code COMMAND TIME LIMIT}, {@code DISCONNECT}, …
 * (its rejects are {@link SmtpdReject}).
 */
public record PostscreenEvent(LogHeader header, String kind, String clientIp, Integer clientPort,
                              String detail) implements MailEvent {

    /** Verdicts that mean the client misbehaved before talking SMTP properly. */
    public boolean hostile() {
        switch (kind) {
            case "PREGREET": case "HANGUP": case "DNSBL": case "COMMAND TIME LIMIT":
            case "COMMAND COUNT LIMIT": case "COMMAND LENGTH LIMIT": case "BARE NEWLINE":
            case "NON-SMTP COMMAND": case "BLACKLISTED": case "DENYLISTED":
                return true;
            default:
                return false;
        }
    }
}
